package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;

/**
 * The transactional outbox: messages are recorded in the same transaction as the change they report, published,
 * then deleted. What a crash leaves behind is published again by outbox recovery (at least once; consumers drop
 * stale states by {@code sequence}); a state message older than one of its key already published is dropped by
 * the publisher ({@link #lockPublished}).
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
                "INSERT INTO outbox (batch_id, topic, msg_key, payload, created_at, seq, state_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (OutboundMessage m : messages) {
                st.setString(1, batchId);
                st.setString(2, m.topic());
                IntakeStore.setNullableString(st, 3, IntakeStore.truncate(m.key(), 300));
                st.setString(4, m.payload());
                st.setLong(5, now);
                st.setObject(6, m.seq(), java.sql.Types.BIGINT);
                IntakeStore.setNullableString(st, 7, m.stateKey());
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

    /**
     * Locks the publication rows of these keys of {@code topic} (sorted, so that two publishers never wait for
     * each other in a circle), creating the missing ones; returns the ordering number last published for each
     * (0: none yet). Held until the caller's transaction ends. See {@code V11__keyed_publication.sql}.
     */
    public Map<String, Long> lockPublished(Connection c, String topic, Collection<String> keys) throws SQLException {
        TreeSet<String> sorted = new TreeSet<>(keys);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO published_key (topic, msg_key, seq) "
                + "VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
            for (String key : sorted) {
                ins.setString(1, topic);
                ins.setString(2, key);
                ins.addBatch();
            }
            ins.executeBatch();
        }
        Map<String, Long> out = new HashMap<>();
        SelectIn.run(c, "SELECT msg_key, seq FROM published_key WHERE topic = ? AND msg_key IN ",
                " ORDER BY msg_key FOR UPDATE", List.of(topic), sorted, 500,
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Records the newest published ordering number of these keys of {@code topic} (rows locked). */
    public void markPublished(Connection c, String topic, Map<String, Long> seqByKey) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE published_key SET seq = ? WHERE topic = ? AND msg_key = ?")) {
            for (var e : new TreeMap<>(seqByKey).entrySet()) {
                st.setLong(1, e.getValue());
                st.setString(2, topic);
                st.setString(3, e.getKey());
                st.addBatch();
            }
            st.executeBatch();
        }
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
            try (PreparedStatement st = c.prepareStatement("SELECT batch_id, topic, msg_key, payload, seq, state_key FROM outbox "
                    + "WHERE created_at < ? ORDER BY id")) {
                st.setLong(1, createdBefore);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byBatch.computeIfAbsent(rs.getString(1), b -> new ArrayList<>())
                                .add(new OutboundMessage(rs.getString(2), rs.getString(3), rs.getString(4),
                                        rs.getObject(5, Long.class), rs.getString(6)));
                    }
                }
            }
            List<OutboxBatch> out = new ArrayList<>();
            byBatch.forEach((id, msgs) -> out.add(new OutboxBatch(id, msgs)));
            return out;
        });
    }
}
