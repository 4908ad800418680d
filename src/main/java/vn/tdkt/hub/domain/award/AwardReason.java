package vn.tdkt.hub.domain.award;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an award was decided (contracts.md, AwardEvent {@code reason}): the rule applied (Vietnamese), its legal
 * basis, and the facts it used, in a fixed order, so that anyone can check the decision by hand. Fact values are
 * JSON-ready: strings, integers, booleans, BigDecimal (scores with 2 decimals), lists and maps of those.
 */
public record AwardReason(String rule, String legalBasis, Map<String, Object> facts) {

    public AwardReason {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** The same reason with one more fact at the end. */
    AwardReason withFact(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(facts);
        more.put(key, value);
        return new AwardReason(rule, legalBasis, more);
    }
}
