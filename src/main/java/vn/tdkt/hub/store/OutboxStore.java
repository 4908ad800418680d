package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;

/**
 * The transactional outbox: messages are recorded in the same transaction as the change they report, published,
 * then deleted. What a crash leaves behind is published again by outbox recovery (at least once; consumers drop
 * stale standings by {@code sequence}).
 */
public final class OutboxStore {

    private final Database db;

    public OutboxStore(Database db) {
        this.db = db;
    }

    /** Records messages to publish, in order, under a fresh batch id (inside the caller's transaction). */
    public OutboxBatch insert(Connection c, List<OutboundMessage> messages, long now) throws SQLException {
        if (messages.isEmpty()) {
            return OutboxBatch.EMPTY;
        }
        String batchId = UUID.randomUUID().toString();
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO outbox (batch_id, topic, msg_key, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            for (OutboundMessage m : messages) {
                st.setString(1, batchId);
                st.setString(2, m.topic());
                IntakeStore.setNullableString(st, 3, IntakeStore.truncate(m.key(), 300));
                st.setString(4, m.payload());
                st.setLong(5, now);
                st.addBatch();
            }
            st.executeBatch();
        }
        return new OutboxBatch(batchId, messages);
    }

    /** Forgets a batch once the broker has acknowledged every message of it. */
    public void delete(OutboxBatch batch) {
        if (batch == null || batch.batchId() == null) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM outbox WHERE batch_id = ?")) {
                st.setString(1, batch.batchId());
                return st.executeUpdate();
            }
        });
    }

    /** Batches recorded more than {@code seconds} ago and still not deleted (see {@link #pending}). */
    public List<OutboxBatch> pendingOlderThan(long seconds) {
        return pending(System.currentTimeMillis() - seconds * 1000);
    }

    /**
     * Batches recorded before {@code createdBefore} (epoch ms) and still not deleted: left behind by a crash
     * between commit and publication. Oldest first; whole batches (they are small and few).
     */
    public List<OutboxBatch> pending(long createdBefore) {
        return db.inTransaction(c -> {
            Map<String, List<OutboundMessage>> byBatch = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT batch_id, topic, msg_key, payload FROM outbox "
                    + "WHERE created_at < ? ORDER BY id")) {
                st.setLong(1, createdBefore);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byBatch.computeIfAbsent(rs.getString(1), b -> new ArrayList<>())
                                .add(new OutboundMessage(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            List<OutboxBatch> out = new ArrayList<>();
            byBatch.forEach((id, msgs) -> out.add(new OutboxBatch(id, msgs)));
            return out;
        });
    }
}
