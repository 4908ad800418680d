package vn.tdkt.hub.intake;

/**
 * A message to publish on Kafka: topic, key (may be null), JSON value, and, for a message of a keyed topic whose
 * last record per key is the current state ({@code tdkt.scores}, {@code tdkt.standings}, {@code tdkt.awards},
 * {@code tdkt.letters}), its {@code seq}: a number that grows with every message of its state, so that the
 * publisher can drop a message older than one of the same state already published (after a crash, or from another
 * instance). {@code stateKey} names that state where the record key alone does not: a UnitScore's state is its unit
 * <em>and period</em> (contracts.md), its record key the unit. Both null for messages that are not states
 * (rejections, parked records).
 */
public record OutboundMessage(String topic, String key, String payload, Long seq, String stateKey) {

    /** A message that is not the state of its key (no ordering number). */
    public OutboundMessage(String topic, String key, String payload) {
        this(topic, key, payload, null, null);
    }

    /** The message whose last record per key is its key's current state, numbered {@code seq}. */
    public static OutboundMessage state(String topic, String key, String payload, long seq) {
        return new OutboundMessage(topic, key, payload, seq, key);
    }

    /** A state message whose state ({@code stateKey}) is narrower than its record key, numbered {@code seq}. */
    public static OutboundMessage state(String topic, String key, String stateKey, String payload, long seq) {
        return new OutboundMessage(topic, key, payload, seq, stateKey);
    }

    /** True for a message ordered within its state (see {@link #seq}). */
    public boolean isState() {
        return seq != null && stateKey != null;
    }
}
