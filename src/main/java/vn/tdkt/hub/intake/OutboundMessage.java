package vn.tdkt.hub.intake;

/**
 * A message to publish on Kafka: topic, key (may be null), JSON value, and, for a message of a keyed topic whose
 * last record per key is the current state ({@code tdkt.scores}, {@code tdkt.standings}, {@code tdkt.awards},
 * {@code tdkt.letters}), its {@code seq}: a number that grows with every message of that key, so that the
 * publisher can drop a message older than one of its key already published (after a crash, or from another
 * instance). Null for messages that are not states (rejections, parked records).
 */
public record OutboundMessage(String topic, String key, String payload, Long seq) {

    /** A message that is not the state of its key (no ordering number). */
    public OutboundMessage(String topic, String key, String payload) {
        this(topic, key, payload, null);
    }

    /** The message whose last record per key is its key's current state, numbered {@code seq}. */
    public static OutboundMessage state(String topic, String key, String payload, long seq) {
        return new OutboundMessage(topic, key, payload, seq);
    }

    /** True for a message ordered within its key (see {@link #seq}). */
    public boolean isState() {
        return seq != null && key != null;
    }
}
