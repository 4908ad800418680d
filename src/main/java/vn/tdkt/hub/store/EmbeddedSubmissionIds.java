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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

/**
 * {@link SubmissionIds} for H2 (embedded mode): the {@code submission} table has no index at all, and the hashes of
 * the accepted ids ({@link SubmissionIdHash}) are kept in memory, read from the table when first needed.
 *
 * <p>Why: H2 writes every page a transaction changed in full when it commits, and random ids (UUIDs,
 * contracts.md) put each accepted submission in a random leaf of any index on them: with a unique index, a batch
 * of 2,000 rewrote about 2,000 leaves, and the commit took most of the intake's time (README "Performance").
 * Without an index, the table only grows at its end. In embedded mode one process owns the H2 file, and the hub
 * opens one {@link Database} on it, so this object sees every insert.
 *
 * <p>Exactness: an id whose hash is not in the set was never accepted. When it is, the rows with that hash are
 * read (a scan of the table; it happens for duplicates and for the rare collision, about one in 10^10 at a
 * million submissions) and the stored ids decide. The set is changed only when the transaction commits; each
 * transaction that reads or inserts holds this object's lock from its first call until it ends, so two
 * transactions can never both take the same new id. When a commit fails without saying whether it happened, the
 * set is read from the table again at its next use.
 */
public final class EmbeddedSubmissionIds implements SubmissionIds {

    /** Hashes per look-up: each look-up scans the table, so a batch's in one. */
    private static final int IN_CHUNK = 5_000;

    private final Database db;
    private final ToLongFunction<String> hash;
    private final ReentrantLock lock = new ReentrantLock();
    /** The hashes of the committed accepted ids; null: to be read from the table. Guarded by {@link #lock}. */
    private LongSet known;

    public EmbeddedSubmissionIds(Database db) {
        this(db, SubmissionIdHash::of);
    }

    /** With another hash function: tests force collisions with it. */
    public EmbeddedSubmissionIds(Database db, ToLongFunction<String> hash) {
        this.db = db;
        this.hash = hash;
    }

    @Override
    public boolean[] insert(Connection c, List<Row> rows) throws SQLException {
        Pending pending = begin(c);
        boolean[] inserted = new boolean[rows.size()];
        long[] hashes = new long[rows.size()];
        List<Long> maybe = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            hashes[i] = hash.applyAsLong(rows.get(i).submissionId());
            if (known.contains(hashes[i]) || pending.hashes.contains(hashes[i])) {
                maybe.add(hashes[i]);
            }
        }
        Map<Long, Set<String>> stored = maybe.isEmpty() ? Map.of() : idsByHash(c, maybe);
        List<Integer> fresh = new ArrayList<>();
        Set<String> takenHere = new HashSet<>(); // an id twice in the rows: the second is a duplicate
        for (int i = 0; i < rows.size(); i++) {
            Set<String> ids = stored.get(hashes[i]);
            String id = rows.get(i).submissionId();
            if ((ids == null || !ids.contains(id)) && takenHere.add(id)) {
                fresh.add(i);
            }
        }
        if (fresh.isEmpty()) {
            return inserted;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO submission (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i : fresh) {
                SubmissionIds.bind(st, rows.get(i), hashes[i]);
                st.addBatch();
            }
            int[] counts = SubmissionIds.checked(st.executeBatch());
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] != 1) {
                    throw new SQLException("Submission " + rows.get(fresh.get(k)).submissionId() + " not inserted");
                }
            }
        }
        for (int i : fresh) {
            inserted[i] = true;
            pending.add(hashes[i]);
        }
        return inserted;
    }

    @Override
    public Set<String> accepted(Connection c, Collection<String> ids) throws SQLException {
        Pending pending = begin(c);
        Set<String> wanted = new HashSet<>(ids);
        List<Long> maybe = new ArrayList<>();
        for (String id : wanted) {
            long h = hash.applyAsLong(id);
            if (known.contains(h) || pending.hashes.contains(h)) {
                maybe.add(h);
            }
        }
        Set<String> found = new HashSet<>();
        if (!maybe.isEmpty()) {
            for (Set<String> stored : idsByHash(c, maybe).values()) {
                for (String id : stored) {
                    if (wanted.contains(id)) {
                        found.add(id);
                    }
                }
            }
        }
        return found;
    }

    /** The hashes this transaction inserted: added to the set when it commits. */
    private static final class Pending {
        final LongSet hashes = new LongSet();
        private long[] inOrder = new long[256];
        private int count;

        void add(long hash) {
            if (hashes.add(hash)) {
                if (count == inOrder.length) {
                    inOrder = java.util.Arrays.copyOf(inOrder, count * 2);
                }
                inOrder[count++] = hash;
            }
        }

        void addTo(LongSet set) {
            for (int i = 0; i < count; i++) {
                set.add(inOrder[i]);
            }
        }
    }

    /**
     * Takes the lock for the caller's transaction (once; released when it ends), reads the set if needed, and
     * returns what this transaction has inserted so far.
     */
    private Pending begin(Connection c) throws SQLException {
        Pending pending = db.transaction().attached(this, tx -> {
            lock.lock();
            Pending mine = new Pending();
            tx.onCommit(() -> {
                if (known != null) {
                    mine.addTo(known);
                }
            });
            tx.onUnknownOutcome(() -> known = null);
            tx.onEnd(lock::unlock);
            return mine;
        });
        if (known == null) {
            known = load(c);
        }
        return pending;
    }

    private static LongSet load(Connection c) throws SQLException {
        LongSet out = new LongSet();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id_hash FROM submission")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** The ids stored with each of the hashes (hashes no id has are absent). */
    private static Map<Long, Set<String>> idsByHash(Connection c, List<Long> hashes) throws SQLException {
        Map<Long, Set<String>> out = new HashMap<>();
        SelectIn.run(c, "SELECT id_hash, submission_id FROM submission WHERE id_hash IN ", List.of(),
                new HashSet<>(hashes), IN_CHUNK, rs -> out.computeIfAbsent(rs.getLong(1), h -> new HashSet<>())
                        .add(rs.getString(2)));
        return out;
    }
}
