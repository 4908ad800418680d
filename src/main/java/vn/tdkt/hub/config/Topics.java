package vn.tdkt.hub.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Topic names (contracts.md "Topics"; configurable), plus the parking topic for records the hub could not handle. */
public record Topics(String results, String rejected, String scores, String standings, String commands,
                     String awards, String letters, String parked) {

    public static final Topics DEFAULTS = new Topics("tdkt.results", "tdkt.results.rejected", "tdkt.scores",
            "tdkt.standings", "tdkt.commands", "tdkt.awards", "tdkt.letters", "tdkt.results.parked");

    public Map<String, String> byName() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("results", results);
        m.put("rejected", rejected);
        m.put("scores", scores);
        m.put("standings", standings);
        m.put("commands", commands);
        m.put("awards", awards);
        m.put("letters", letters);
        m.put("parked", parked);
        return m;
    }
}
