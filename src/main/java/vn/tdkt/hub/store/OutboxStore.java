package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

    /**
     * Locks the publication rows of these blocks ({@code period:blockCode}), in sorted order so that two
     * publishers never wait for each other in a circle, creating the missing ones; returns the sequence number
     * last published for each (0: none yet). Held until the caller's transaction ends.
     */
    public Map<String, Long> lockPublishedStandings(Connection c, Collection<String> blocks) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO standings_published (period, block_code, seq) "
                + "VALUES (?, ?, 0) ON CONFLICT DO NOTHING");
             PreparedStatement lock = c.prepareStatement("SELECT seq FROM standings_published WHERE period = ? "
                     + "AND block_code = ? FOR UPDATE")) {
            for (String key : new TreeSet<>(blocks)) {
                String period = key.substring(0, key.indexOf(':'));
                String block = key.substring(key.indexOf(':') + 1);
                ins.setString(1, period);
                ins.setString(2, block);
                ins.executeUpdate();
                lock.setString(1, period);
                lock.setString(2, block);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    out.put(key, rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Records the snapshot {@code seq} of a block ({@code period:blockCode}) as published (row locked). */
    public void markStandingsPublished(Connection c, String block, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE standings_published SET seq = ? WHERE period = ? AND block_code = ?")) {
            st.setLong(1, seq);
            st.setString(2, block.substring(0, block.indexOf(':')));
            st.setString(3, block.substring(block.indexOf(':') + 1));
            st.executeUpdate();
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
