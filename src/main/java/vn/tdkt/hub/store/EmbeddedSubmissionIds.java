package vn.tdkt.hub.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SubmissionIds} for H2 (embedded mode): each transaction's accepted submissions are one row of
 * {@code submission_batch} (migrations V9, V10), their fields (those of PostgreSQL's {@code submission} table) as
 * one UTF-8 text ({@link #encode}) and the hashes of their identities (unit code and id, {@link SubmissionIdHash})
 * as bytes, without any index. The hashes of the accepted identities are kept in memory, read from the table when
 * first needed.
 *
 * <p>Why: H2 writes every page a transaction changed in full when it commits, and random ids (UUIDs,
 * contracts.md) put each accepted submission in a random leaf of any index on them: with a unique index, a batch
 * of 2,000 rewrote about 2,000 leaves, and the commit took most of the intake's time (README "Performance").
 * Without an index the table only grows at its end; and one row per transaction instead of one per submission
 * spares H2 its per-row work (a row, an undo-log entry, both written and removed again at the commit): one row
 * holding 2,000 submissions costs about a third of the CPU of 2,000 rows (H2-only harness, README). In embedded
 * mode one process owns the H2 file, and the hub opens one {@link Database} on it, so this object sees every
 * insert.
 *
 * <p>Exactness: an identity whose hash is not in the set was never accepted. When it is, the stored rows are
 * read (a scan of the table; it happens for duplicates and for the rare collision, about one in 10^10 at a million
 * submissions) and the stored units and ids decide. The set is changed only when the transaction commits; each
 * transaction that reads or inserts holds this object's lock from its first call until it ends, so two
 * transactions can never both take the same new id. When a commit fails without saying whether it happened, the
 * set is read from the table again at its next use.
 */
public final class EmbeddedSubmissionIds implements SubmissionIds {

    /**
     * Submissions per row of {@code submission_batch} at most (a bigger transaction writes several rows): a
     * duplicate's look-up reads whole rows, so none grows without bound.
     */
    public static final int MAX_PER_ROW = 10_000;

    private static final String INSERT = "INSERT INTO submission_batch (accepted_at, submission_count, id_hashes, "
            + "submissions) VALUES (?, ?, ?, ?)";

    private final Database db;
    private final Hash hash;
    private final ReentrantLock lock = new ReentrantLock();
    /** The hashes of the committed accepted ids; null: to be read from the table. Guarded by {@link #lock}. */
    private LongSet known;

    public EmbeddedSubmissionIds(Database db) {
        this(db, SubmissionIdHash::of);
    }

    /** With another hash function: tests force collisions with it. */
    public EmbeddedSubmissionIds(Database db, Hash hash) {
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
            Row r = rows.get(i);
            hashes[i] = hash.of(r.unitCode(), r.submissionId());
            if (known.contains(hashes[i]) || pending.hashes.contains(hashes[i])) {
                maybe.add(hashes[i]);
            }
        }
        Map<Long, Set<Key>> stored = maybe.isEmpty() ? Map.of() : keysByHash(c, maybe);
        List<Integer> fresh = new ArrayList<>();
        Set<Key> takenHere = new HashSet<>(); // an identity twice in the rows: the second is a duplicate
        for (int i = 0; i < rows.size(); i++) {
            Set<Key> keys = stored.get(hashes[i]);
            Key key = rows.get(i).key();
            if ((keys == null || !keys.contains(key)) && takenHere.add(key)) {
                fresh.add(i);
            }
        }
        if (fresh.isEmpty()) {
            return inserted;
        }
        List<Row> freshRows = new ArrayList<>(fresh.size());
        long[] freshHashes = new long[fresh.size()];
        for (int k = 0; k < fresh.size(); k++) {
            freshRows.add(rows.get(fresh.get(k)));
            freshHashes[k] = hashes[fresh.get(k)];
        }
        insertRows(c, freshRows, freshHashes);
        for (int i : fresh) {
            inserted[i] = true;
            pending.add(hashes[i]);
        }
        return inserted;
    }

    @Override
    public long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(submission_count), 0) FROM submission_batch")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public Set<Key> accepted(Connection c, Collection<Key> keys) throws SQLException {
        Pending pending = begin(c);
        Set<Key> wanted = new HashSet<>(keys);
        List<Long> maybe = new ArrayList<>();
        for (Key k : wanted) {
            long h = hash.of(k.unitCode(), k.submissionId());
            if (known.contains(h) || pending.hashes.contains(h)) {
                maybe.add(h);
            }
        }
        Set<Key> found = new HashSet<>();
        if (!maybe.isEmpty()) {
            for (Set<Key> stored : keysByHash(c, maybe).values()) {
                for (Key k : stored) {
                    if (wanted.contains(k)) {
                        found.add(k);
                    }
                }
            }
        }
        return found;
    }

    /** The hashes this transaction inserted: added to the set when it commits. */
    private static final class Pending {
        final LongSet hashes = new LongSet();

        void add(long hash) {
            hashes.add(hash);
        }

        void addTo(LongSet set) {
            hashes.forEach(set::add);
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
             ResultSet rs = st.executeQuery("SELECT id_hashes FROM submission_batch")) {
            while (rs.next()) {
                for (long h : hashes(rs.getBytes(1))) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    /** The identities stored with each of the hashes (hashes none has are absent): a scan of the table. */
    private static Map<Long, Set<Key>> keysByHash(Connection c, List<Long> hashes) throws SQLException {
        Set<Long> wanted = new HashSet<>(hashes);
        Map<Long, Set<Key>> out = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id_hashes, submissions FROM submission_batch")) {
            while (rs.next()) {
                long[] stored = hashes(rs.getBytes(1));
                List<Row> rows = null;
                for (int i = 0; i < stored.length; i++) {
                    if (wanted.contains(stored[i])) {
                        rows = rows != null ? rows : decode(rs.getBytes(2), 0);
                        out.computeIfAbsent(stored[i], h -> new HashSet<>()).add(rows.get(i).key());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes the submissions and their id hashes ({@code hashes[i]} of {@code rows.get(i)}) to
     * {@code submission_batch}: one row for those accepted at the same time, split after {@link #MAX_PER_ROW}.
     */
    public static void insertRows(Connection c, List<Row> rows, long[] hashes) throws SQLException {
        int from = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || rows.get(i).acceptedAt() != rows.get(from).acceptedAt()
                    || i - from == MAX_PER_ROW) {
                insertRow(c, rows.subList(from, i), Arrays.copyOfRange(hashes, from, i));
                from = i;
            }
        }
    }

    private static void insertRow(Connection c, List<Row> rows, long[] hashes) throws SQLException {
        ByteBuffer bytes = ByteBuffer.allocate(8 * hashes.length);
        for (long h : hashes) {
            bytes.putLong(h);
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            st.setLong(1, rows.get(0).acceptedAt());
            st.setInt(2, rows.size());
            st.setBytes(3, bytes.array());
            st.setBytes(4, encode(rows));
            if (st.executeUpdate() != 1) {
                throw new SQLException("Accepted submissions not recorded");
            }
        }
    }

    /** The hashes of a row, in the order of its submissions. */
    public static long[] hashes(byte[] stored) {
        ByteBuffer in = ByteBuffer.wrap(stored);
        long[] out = new long[stored.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = in.getLong();
        }
        return out;
    }

    /**
     * The submissions as one text in UTF-8: a line each ({@code \n} after each), their id, unit, period,
     * submitted-at and source separated by tabs; a backslash, tab, line feed or carriage return inside a field is
     * escaped ({@code \\ \t \n \r}), so any Unicode text round-trips (a lone surrogate, which is not Unicode
     * text and which the intake never accepts, becomes {@code ?} as in {@link String#getBytes}).
     *
     * <p>Bytes rather than an H2 text (since migration V10): H2 writes a text value character by character when
     * it stores a page, and a transaction's submissions are the largest value the intake writes; bytes are copied
     * whole (README "Performance").
     */
    static byte[] encode(List<Row> rows) {
        Utf8Lines out = new Utf8Lines(rows.size() * 112);
        for (Row r : rows) {
            out.field(r.submissionId()).put('\t');
            out.field(r.unitCode()).put('\t');
            out.field(r.period()).put('\t');
            out.field(r.submittedAt()).put('\t');
            out.field(r.source()).put('\n');
        }
        return out.toArray();
    }

    /** A growing UTF-8 buffer of escaped fields. */
    private static final class Utf8Lines {
        private byte[] buf;
        private int len;

        Utf8Lines(int capacity) {
            buf = new byte[Math.max(capacity, 16)];
        }

        Utf8Lines put(char ascii) {
            ensure(1);
            buf[len++] = (byte) ascii;
            return this;
        }

        /** The field's UTF-8 bytes (the JDK's encoder: a copy for ASCII), escaped byte by byte. */
        Utf8Lines field(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ensure(2 * utf8.length);
            byte[] b = buf;
            int at = len;
            int copied = 0; // utf8[0 .. copied) is in buf
            for (int i = 0; i < utf8.length; i++) {
                byte x = utf8[i];
                // the bytes of a multi-byte character are all >= 0x80 (negative): never escaped
                if (x >= 0x20 && x != '\\' || x < 0) {
                    continue;
                }
                byte escaped = switch (x) {
                    case '\\' -> '\\';
                    case '\t' -> 't';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    default -> 0; // another control character: kept as it is
                };
                if (escaped != 0) {
                    System.arraycopy(utf8, copied, b, at, i - copied);
                    at += i - copied;
                    b[at++] = '\\';
                    b[at++] = escaped;
                    copied = i + 1;
                }
            }
            System.arraycopy(utf8, copied, b, at, utf8.length - copied);
            len = at + utf8.length - copied;
            return this;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** The submissions of bytes written by {@link #encode}, each with {@code acceptedAt}. */
    public static List<Row> decode(byte[] utf8, long acceptedAt) {
        return decode(new String(utf8, StandardCharsets.UTF_8), acceptedAt);
    }

    /** The submissions of {@link #encode}'s text, decoded from UTF-8. */
    private static List<Row> decode(String text, long acceptedAt) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>(5);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else if (ch == '\t' || ch == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                if (ch == '\n') {
                    if (fields.size() != 5) {
                        throw new IllegalStateException("Stored submission line with " + fields.size() + " fields");
                    }
                    rows.add(new Row(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4),
                            acceptedAt));
                    fields.clear();
                }
            } else {
                field.append(ch);
            }
        }
        return rows;
    }
}
