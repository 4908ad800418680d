package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The accepted submissions and their identity (rulebook section 2: once a {@code submissionId} is accepted, any
 * record with the same id is a duplicate). Exact, and cheap to keep up to date as the table grows.
 *
 * <p>Why not a primary key on {@code submission_id}: ids are random (UUIDs, contracts.md), so each accepted
 * submission lands in a random leaf of that index. H2 (embedded mode) writes every page a transaction changed
 * in full when it commits: with 300,000 submissions, a batch of 2,000 rewrote about 1,800 leaves of 48 ids each,
 * which took more than half of the intake's time (JFR; 8,200 - 11,000 submissions/s with UUIDs against 22,000/s
 * without the index, README "Performance"). The unique index is instead on {@code id_hash}, a 64-bit hash of the
 * id ({@link SubmissionIdHash}): its leaves hold numbers only, several times less to write.
 *
 * <p>Exactness: a conflict on {@code id_hash} is either the same id (a duplicate) or another id with the same
 * hash (a collision, about one in 10^10 at a million submissions). The stored id decides; a colliding new id is
 * kept in {@code submission_overflow}, keyed by the id itself, so a collision is never taken for a duplicate.
 * Concurrent hub instances stay exact too: the second insert of a hash waits for the first transaction
 * (unique index) and then sees its row. Portable SQL: the same statements run on PostgreSQL and H2.
 */
public final class SubmissionIds {

    private static final int IN_CHUNK = 500;
    private static final String COLUMNS = "submission_id, id_hash, unit_code, period, submitted_at, source, "
            + "accepted_at";

    /** An accepted submission as stored. */
    public record Row(String submissionId, String unitCode, String period, String submittedAt, String source,
                      long acceptedAt) {
    }

    private final ToLongFunction<String> hash;

    /** The hub's: {@link SubmissionIdHash#of}. */
    public SubmissionIds() {
        this(SubmissionIdHash::of);
    }

    /** With another hash function: tests force collisions with it. */
    public SubmissionIds(ToLongFunction<String> hash) {
        this.hash = hash;
    }

    /**
     * Records the rows (distinct ids) unless their id was accepted before; returns, per row, whether it was new
     * (false: a duplicate).
     */
    public boolean[] insert(Connection c, List<Row> rows) throws SQLException {
        boolean[] inserted = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return inserted;
        }
        long[] hashes = new long[rows.size()];
        List<Integer> conflicts = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO submission (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < rows.size(); i++) {
                hashes[i] = hash.applyAsLong(rows.get(i).submissionId());
                bind(st, rows.get(i), hashes[i]);
                st.addBatch();
            }
            int[] counts = checked(st.executeBatch());
            for (int i = 0; i < counts.length; i++) {
                inserted[i] = counts[i] == 1;
                if (!inserted[i]) {
                    conflicts.add(i);
                }
            }
        }
        if (conflicts.isEmpty()) {
            return inserted;
        }
        Map<Long, String> holders = idsByHash(c, conflicts.stream().map(i -> hashes[i]).toList());
        List<Integer> collided = new ArrayList<>();
        for (int i : conflicts) {
            if (!rows.get(i).submissionId().equals(holders.get(hashes[i]))) {
                collided.add(i); // another id holds the hash: this one is not a duplicate for that
            }
        }
        if (!collided.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO submission_overflow (" + COLUMNS + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (int i : collided) {
                    bind(st, rows.get(i), hashes[i]);
                    st.addBatch();
                }
                int[] counts = checked(st.executeBatch());
                for (int k = 0; k < counts.length; k++) {
                    inserted[collided.get(k)] = counts[k] == 1;
                }
            }
        }
        return inserted;
    }

    /** Those of {@code ids} that were accepted before. */
    public Set<String> accepted(Connection c, Collection<String> ids) throws SQLException {
        Set<String> wanted = new HashSet<>(ids);
        Set<String> found = new HashSet<>();
        if (wanted.isEmpty()) {
            return found;
        }
        for (String held : idsByHash(c, wanted.stream().map(hash::applyAsLong).toList()).values()) {
            if (wanted.contains(held)) {
                found.add(held);
            }
        }
        List<String> all = new ArrayList<>(wanted);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            try (PreparedStatement st = c.prepareStatement("SELECT submission_id FROM submission_overflow WHERE "
                    + "submission_id IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    /** The id holding each of the hashes in {@code submission} (hashes no id holds are absent). */
    private static Map<Long, String> idsByHash(Connection c, List<Long> hashes) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        List<Long> all = new ArrayList<>(new HashSet<>(hashes));
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            try (PreparedStatement st = c.prepareStatement("SELECT id_hash, submission_id FROM submission WHERE "
                    + "id_hash IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement st, Row r, long hash) throws SQLException {
        st.setString(1, r.submissionId());
        st.setLong(2, hash);
        st.setString(3, r.unitCode());
        st.setString(4, r.period());
        st.setString(5, r.submittedAt());
        st.setString(6, r.source());
        st.setLong(7, r.acceptedAt());
    }

    private static int[] checked(int[] counts) throws SQLException {
        for (int n : counts) {
            if (n == Statement.SUCCESS_NO_INFO) {
                throw new SQLException("The driver does not report which submissions were inserted");
            }
        }
        return counts;
    }
}
