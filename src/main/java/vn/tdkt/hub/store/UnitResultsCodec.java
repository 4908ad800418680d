package vn.tdkt.hub.store;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import vn.tdkt.hub.domain.results.CurrentResult;
import vn.tdkt.hub.domain.results.Version;

/**
 * The stored form of a unit's current results in a period (one row per unit, column {@code unit_results.results}):
 * a JSON object by criterion code, each value {@code [target or null, actual, submittedSec, submittedNano,
 * submissionId]}, decimals as plain strings (exactly as received, never rounded). One row per unit instead of one
 * per criterion: a batch writes a tenth of the rows.
 */
public final class UnitResultsCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private UnitResultsCodec() {
    }

    /** The JSON of the results, criteria in code order (the same results always give the same text). */
    public static String encode(Map<String, CurrentResult> results) {
        StringWriter out = new StringWriter(64 + results.size() * 64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (var e : new TreeMap<>(results).entrySet()) {
                CurrentResult r = e.getValue();
                g.writeArrayFieldStart(e.getKey());
                if (r.target() == null) {
                    g.writeNull();
                } else {
                    g.writeString(r.target().toPlainString());
                }
                g.writeString(r.actual().toPlainString());
                g.writeNumber(r.version().epochSecond());
                g.writeNumber(r.version().nano());
                g.writeString(r.version().submissionId());
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The results of {@link #encode}'s text; a malformed text is a {@link IllegalStateException}. */
    public static Map<String, CurrentResult> decode(String json) {
        Map<String, CurrentResult> out = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, json);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String criterion = p.currentName();
                expect(p.nextToken(), JsonToken.START_ARRAY, json);
                JsonToken t = p.nextToken();
                BigDecimal target = t == JsonToken.VALUE_NULL ? null : new BigDecimal(p.getText());
                p.nextToken();
                BigDecimal actual = new BigDecimal(p.getText());
                p.nextToken();
                long sec = p.getLongValue();
                p.nextToken();
                int nano = p.getIntValue();
                p.nextToken();
                String submissionId = p.getText();
                expect(p.nextToken(), JsonToken.END_ARRAY, json);
                out.put(criterion, new CurrentResult(target, actual, new Version(sec, nano, submissionId)));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Unreadable stored results: " + json, e);
        }
        return out;
    }

    private static void expect(JsonToken actual, JsonToken expected, String json) {
        if (actual != expected) {
            throw new IllegalStateException("Unreadable stored results (" + expected + " expected): " + json);
        }
    }
}
