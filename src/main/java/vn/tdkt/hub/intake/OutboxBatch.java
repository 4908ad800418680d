package vn.tdkt.hub.intake;

import java.util.List;

/**
 * Messages recorded in the outbox in the same transaction as the state change they report. They are deleted
 * (by {@code batchId}) once the broker has acknowledged all of them; if the hub dies in between, outbox recovery
 * publishes them on the next start. {@code batchId} is null when there was nothing to record.
 */
public record OutboxBatch(String batchId, List<OutboundMessage> messages) {

    public static final OutboxBatch EMPTY = new OutboxBatch(null, List.of());

    public OutboxBatch {
        messages = List.copyOf(messages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
