package vn.tdkt.hub.demo;

/**
 * One demo record for {@code tdkt.results}: the period it belongs to, the Kafka key (the unit code) and the value,
 * the Submission JSON of contracts.md (or, for the deliberately malformed record, a text that is not JSON).
 */
public record DemoRecord(String period, String key, String json) {
}
