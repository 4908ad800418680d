package vn.tdkt.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestDatabases.Kind;

/** The identity of accepted submissions (rulebook section 2), on both databases, collisions of the hash included. */
class SubmissionIdsTest {

    @TempDir
    Path dir;

    private static SubmissionIds.Row row(String id, long acceptedAt) {
        return new SubmissionIds.Row(id, "SO-TC", "2023", "2024-01-10T09:00:00+07:00", "tdkt.results/0/1", acceptedAt);
    }

    private static List<Boolean> inserted(Database db, SubmissionIds ids, String... idList) {
        boolean[] fresh = db.inTransaction(c -> ids.insert(c, Arrays.stream(idList).map(id -> row(id, 5)).toList()));
        Boolean[] out = new Boolean[fresh.length];
        for (int i = 0; i < fresh.length; i++) {
            out[i] = fresh[i];
        }
        return List.of(out);
    }

    /** Those of the ids {@code asked} that were accepted for SO-TC (the unit of {@link #row}). */
    private static Set<String> accepted(Database db, SubmissionIds ids, List<String> asked) {
        return db.<Set<String>>inTransaction(c -> acceptedForSoTc(c, ids, asked));
    }

    private static Set<String> acceptedForSoTc(Connection c, SubmissionIds ids, List<String> asked)
            throws java.sql.SQLException {
        Set<String> out = new HashSet<>();
        for (SubmissionIds.Key k : ids.accepted(c, asked.stream().map(id -> new SubmissionIds.Key("SO-TC", id))
                .toList())) {
            assertThat(k.unitCode()).isEqualTo("SO-TC");
            out.add(k.submissionId());
        }
        return out;
    }

    private static SubmissionIds.Row rowOf(String unit, String id) {
        return new SubmissionIds.Row(id, unit, "2025", "2026-01-10T09:00:00+07:00", "tdkt.results/0/1", 5);
    }

    private static List<Boolean> insertedRows(Database db, SubmissionIds ids, SubmissionIds.Row... rows) {
        boolean[] fresh = db.inTransaction(c -> ids.insert(c, List.of(rows)));
        List<Boolean> out = new ArrayList<>();
        for (boolean b : fresh) {
            out.add(b);
        }
        return out;
    }

    /**
     * contracts.md: a submission's identity is its unitCode and submissionId together. SO-KHDT's so-tc-2025-1
     * neither takes nor blocks SO-TC's, in either order, and each unit's own id stays a duplicate of itself.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSameIdForAnotherUnitIsAnotherSubmission(Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            SubmissionIds ids = db.submissionIds();
            assertThat(insertedRows(db, ids, rowOf("SO-KHDT", "so-tc-2025-1"))).containsExactly(true);
            assertThat(insertedRows(db, ids, rowOf("SO-TC", "so-tc-2025-1"))).as("SO-TC's own, after SO-KHDT's")
                    .containsExactly(true);
            assertThat(insertedRows(db, ids, rowOf("SO-TC", "so-tc-2025-1"), rowOf("SO-KHDT", "so-tc-2025-1")))
                    .containsExactly(false, false);
            assertThat(insertedRows(db, ids, rowOf("SO-YT", "x-1"), rowOf("SO-GD", "x-1"), rowOf("SO-YT", "x-1")))
                    .as("in one call: the same id for two units, then one of them again")
                    .containsExactly(true, true, false);
            assertThat(insertedRows(db, ids, rowOf("A", "BC"), rowOf("AB", "C"))).as("no unit/id boundary confusion")
                    .containsExactly(true, true);
            Set<SubmissionIds.Key> found = db.inTransaction(c -> ids.accepted(c, List.of(
                    new SubmissionIds.Key("SO-TC", "so-tc-2025-1"), new SubmissionIds.Key("SO-KHDT", "so-tc-2025-1"),
                    new SubmissionIds.Key("SO-NV", "so-tc-2025-1"), new SubmissionIds.Key("SO-GD", "x-1"),
                    new SubmissionIds.Key("SO-tc", "so-tc-2025-1"))));
            assertThat(found).containsExactlyInAnyOrder(new SubmissionIds.Key("SO-TC", "so-tc-2025-1"),
                    new SubmissionIds.Key("SO-KHDT", "so-tc-2025-1"), new SubmissionIds.Key("SO-GD", "x-1"));
            assertThat(Queries.accepted(db)).isEqualTo(6);
        }
    }

    /** The hash of the id alone, as stored before migration V30 (copied here: the hub no longer has it). */
    private static long idOnlyHash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Migration V30: rows stored with the hash of the id alone (some of them in PostgreSQL's overflow table) get the
     * hash of their identity; they stay duplicates of themselves only, and another unit's same id is accepted.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theMigrationToPerUnitIdentityRehashesEveryStoredSubmission(Kind kind) throws Exception {
        String url = TestDatabases.migratedTo(kind, dir, "10");
        List<SubmissionIds.Row> old = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            old.add(new SubmissionIds.Row("old-" + i, i % 2 == 0 ? "SO-TC" : "SO-KHDT", "2024", "at", "src",
                    100 + i % 3));
        }
        try (Connection c = DriverManager.getConnection(Database.withH2Settings(url), TestDatabases.user(kind), "")) {
            if (kind == Kind.H2) {
                long[] hashes = old.stream().mapToLong(r -> idOnlyHash(r.submissionId())).toArray();
                EmbeddedSubmissionIds.insertRows(c, old, hashes);
            } else {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO submission (" + SubmissionIds.COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement over = c.prepareStatement("INSERT INTO submission_overflow ("
                             + SubmissionIds.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < old.size(); i++) {
                        // the last ten as if their old hash had collided with another id's
                        SubmissionIds.bind(i < old.size() - 10 ? st : over, old.get(i),
                                idOnlyHash(old.get(i).submissionId()));
                        (i < old.size() - 10 ? st : over).addBatch();
                    }
                    st.executeBatch();
                    over.executeBatch();
                }
            }
        }
        try (Database db = Database.open(url, TestDatabases.user(kind), "", 2)) {
            SubmissionIds ids = db.submissionIds();
            assertThat(Queries.accepted(db)).isEqualTo(1_200);
            assertThat(stored(db, kind, "old-42")).isEqualTo("SO-TC 2024 at src 100 "
                    + SubmissionIdHash.of("SO-TC", "old-42"));
            assertThat(stored(db, kind, "old-7")).isEqualTo("SO-KHDT 2024 at src 101 "
                    + SubmissionIdHash.of("SO-KHDT", "old-7"));
            if (kind == Kind.POSTGRES) {
                assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission WHERE id_hash = "
                        + SubmissionIdHash.of("SO-TC", "old-1198"))).isEqualTo(1);
                assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission_overflow")).isZero();
            }
            assertThat(accepted(db, ids, List.of("old-0", "old-1", "old-1198", "old-1199")))
                    .containsExactlyInAnyOrder("old-0", "old-1198");
            assertThat(insertedRows(db, ids, rowOf("SO-TC", "old-2"), rowOf("SO-KHDT", "old-3"),
                    rowOf("SO-TC", "old-3"), rowOf("SO-KHDT", "old-2"), rowOf("SO-KHDT", "old-1199")))
                    .containsExactly(false, false, true, true, false);
            assertThat(Queries.accepted(db)).isEqualTo(1_202);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAcceptedIdIsADuplicateForeverAndOnlyIt(Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            SubmissionIds ids = db.submissionIds();
            assertThat(ids).isInstanceOf(kind == Kind.H2 ? EmbeddedSubmissionIds.class : IndexedSubmissionIds.class);
            assertThat(inserted(db, ids, "3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77", "s-2")).containsExactly(true, true);
            assertThat(inserted(db, ids, "s-2", "s-3", "S-2")).containsExactly(false, true, true);
            assertThat(inserted(db, ids, "d-1", "d-1")).as("the same id twice in one call").containsExactly(true,
                    false);
            assertThat(accepted(db, ids, List.of("s-2", "s-3", "s-4", "s-2 ", "S-2")))
                    .containsExactlyInAnyOrder("s-2", "s-3", "S-2");
            assertThat(accepted(db, ids, List.of("d-1"))).containsExactly("d-1");
            assertThat(accepted(db, ids, List.of())).isEmpty();
            assertThat(Queries.accepted(db)).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void idsWithTheSameHashAreNeverTakenForEachOther(Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            SubmissionIds.Hash hash = (unit, id) -> id.startsWith("x") ? 7L : 8L; // every x-id collides
            SubmissionIds ids = kind == Kind.H2 ? new EmbeddedSubmissionIds(db, hash) : new IndexedSubmissionIds(hash);
            assertThat(inserted(db, ids, "x-1")).containsExactly(true);
            assertThat(inserted(db, ids, "x-2", "x-3", "y-1")).containsExactly(true, true, true);
            assertThat(inserted(db, ids, "x-1", "x-2", "x-3", "x-4", "y-1")).containsExactly(false, false, false, true,
                    false);
            assertThat(inserted(db, ids, "x-4")).containsExactly(false);
            assertThat(accepted(db, ids, List.of("x-1", "x-3", "x-4", "x-5", "y-1", "y-2")))
                    .containsExactlyInAnyOrder("x-1", "x-3", "x-4", "y-1");
            assertThat(Queries.accepted(db)).isEqualTo(5);
            if (kind == Kind.POSTGRES) { // one id per hash in the unique index, the others beside it
                assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission")).isEqualTo(2);
                assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission_overflow")).isEqualTo(3);
            } else { // no index: one row per transaction that accepted any
                assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission_batch")).isEqualTo(3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theMigrationKeepsEveryAcceptedSubmission(Kind kind) throws Exception {
        String url = TestDatabases.migratedTo(kind, dir, "7");
        String jdbc = Database.withH2Settings(url);
        try (Connection c = DriverManager.getConnection(jdbc, TestDatabases.user(kind), "");
             PreparedStatement st = c.prepareStatement("INSERT INTO submission (submission_id, unit_code, period, "
                     + "submitted_at, source, accepted_at) VALUES (?, 'SO-TC', '2023', 'at', 'src', ?)")) {
            for (int i = 0; i < 2_500; i++) {
                st.setString(1, "old-" + i);
                st.setLong(2, 1_000 + i % 3); // three transactions' worth
                st.addBatch();
            }
            st.executeBatch();
        }
        try (Database db = Database.open(url, TestDatabases.user(kind), "", 2)) {
            SubmissionIds ids = db.submissionIds();
            assertThat(Queries.accepted(db)).isEqualTo(2_500);
            assertThat(Queries.count(db, kind == Kind.H2
                    ? "SELECT SUM(accepted_at * submission_count) FROM submission_batch"
                    : "SELECT SUM(accepted_at) FROM submission")).isEqualTo(2_500L * 1_000 + 833 + 833 * 2);
            if (kind == Kind.H2) { // one row per accepted_at (a transaction)
                assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission_batch")).isEqualTo(3);
                assertThat(stored(db, kind, "old-1")).isEqualTo("SO-TC 2023 at src 1001 "
                        + SubmissionIdHash.of("SO-TC", "old-1"));
            }
            assertThat(accepted(db, ids, List.of("old-0", "old-2499", "old-2500")))
                    .containsExactlyInAnyOrder("old-0", "old-2499");
            assertThat(inserted(db, ids, "old-7", "new-1")).containsExactly(false, true);
            assertThat(stored(db, kind, "old-42")).endsWith(" " + SubmissionIdHash.of("SO-TC", "old-42"));
        }
    }

    /** A database whose V9 stored the submissions as text (until 2026-11-29): V10 turns them into UTF-8 bytes. */
    @Test
    void theTextOfAnEarlierVersionNineBecomesBytes() throws Exception {
        String url = TestDatabases.migratedTo(Kind.H2, dir, "9");
        String text = "old-1\tSở Tài chính\t2023\t2023-03-01T08:00+07:00\ttdkt.results/0/7\n"
                + "old-2\tU\\t2\t2023\tat\tsrc\n";
        try (Connection c = DriverManager.getConnection(Database.withH2Settings(url), "", "");
             var st = c.createStatement()) {
            st.execute("ALTER TABLE submission_batch DROP COLUMN submissions");
            st.execute("ALTER TABLE submission_batch ADD COLUMN submissions VARCHAR NOT NULL");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO submission_batch (accepted_at, "
                    + "submission_count, id_hashes, submissions) VALUES (77, 2, ?, ?)")) {
                java.nio.ByteBuffer hashes = java.nio.ByteBuffer.allocate(16);
                hashes.putLong(idOnlyHash("old-1")).putLong(idOnlyHash("old-2"));
                ins.setBytes(1, hashes.array());
                ins.setString(2, text);
                ins.executeUpdate();
            }
        }
        try (Database db = Database.open(url, "", "", 2)) {
            assertThat(Queries.count(db, "SELECT COUNT(*) FROM information_schema.columns WHERE "
                    + "LOWER(table_name) = 'submission_batch' AND LOWER(column_name) = 'submissions' "
                    + "AND LOWER(data_type) = 'binary varying'")).isEqualTo(1);
            assertThat(stored(db, Kind.H2, "old-1")).isEqualTo("Sở Tài chính 2023 2023-03-01T08:00+07:00 "
                    + "tdkt.results/0/7 77 " + SubmissionIdHash.of("Sở Tài chính", "old-1"));
            assertThat(stored(db, Kind.H2, "old-2")).isEqualTo("U\t2 2023 at src 77 "
                    + SubmissionIdHash.of("U\t2", "old-2"));
            assertThat(insertedRows(db, db.submissionIds(), rowOf("U\t2", "old-2"), rowOf("SO-TC", "new-1")))
                    .containsExactly(false, true);
            assertThat(Queries.accepted(db)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRolledBackInsertLeavesNothingBehind(Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            SubmissionIds ids = db.submissionIds();
            assertThatThrownBy(() -> db.inTransaction(c -> {
                assertThat(ids.insert(c, List.of(row("r-1", 1), row("r-2", 1)))).containsExactly(true, true);
                assertThat(ids.insert(c, List.of(row("r-1", 1)))).containsExactly(false); // its own insert, seen
                assertThat(acceptedForSoTc(c, ids, List.of("r-1", "r-3"))).containsExactly("r-1");
                throw new IllegalStateException("the batch fails");
            })).hasMessage("the batch fails");
            assertThat(accepted(db, ids, List.of("r-1", "r-2"))).isEmpty();
            assertThat(inserted(db, ids, "r-2", "r-1")).containsExactly(true, true);
        }
    }

    @Test
    void theEmbeddedTableHoldsOneRowPerTransactionWithEveryField() {
        try (Database db = TestDatabases.open(Kind.H2, dir)) {
            SubmissionIds ids = db.submissionIds();
            List<SubmissionIds.Row> many = new ArrayList<>();
            for (int i = 0; i <= EmbeddedSubmissionIds.MAX_PER_ROW; i++) { // one more than a row holds
                many.add(new SubmissionIds.Row("m-" + i, "U-" + i % 7, "2024", "2024-02-0" + (1 + i % 9) + "T08:00Z",
                        "tdkt.results/1/" + i, 42));
            }
            boolean[] fresh = db.inTransaction(c -> ids.insert(c, many));
            assertThat(fresh).hasSize(many.size()).doesNotContain(false);
            assertThat(insertedRows(db, ids, rowOf("U-0", "m-0"), rowOf("U-1", "m-1"), rowOf("U-2", "m-1")))
                    .as("the same unit's ids, then another unit's").containsExactly(false, false, true);
            assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission_batch")).isEqualTo(3);
            assertThat(Queries.accepted(db)).isEqualTo(many.size() + 1);
            for (SubmissionIds.Row r : List.of(many.get(0), many.get(many.size() - 1))) {
                assertThat(stored(db, Kind.H2, r.submissionId())).isEqualTo(r.unitCode() + " 2024 "
                        + r.submittedAt() + " " + r.source() + " 42 "
                        + SubmissionIdHash.of(r.unitCode(), r.submissionId()));
            }
            SubmissionIds.Key last = many.get(many.size() - 1).key();
            assertThat(db.<Set<SubmissionIds.Key>>inTransaction(c -> ids.accepted(c, List.of(many.get(0).key(),
                    last, new SubmissionIds.Key("U-0", "m-x"), new SubmissionIds.Key("U-3", "m-0")))))
                    .containsExactlyInAnyOrder(many.get(0).key(), last);
        }
    }

    @Test
    void theEmbeddedTextOfSubmissionsKeepsAnyFieldExactly() {
        List<SubmissionIds.Row> rows = List.of(
                new SubmissionIds.Row("a\tb", "U\n1", "20\\24", "x\r\ny", "src\\t\\n", 9),
                new SubmissionIds.Row("", "Sở Tài chính", "2024", "\\", "\t\n\r\\", 9),
                row("3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77", 9));
        byte[] utf8 = EmbeddedSubmissionIds.encode(rows);
        String text = new String(utf8, StandardCharsets.UTF_8);
        assertThat(text.split("\n", -1)).as("one line each, then nothing").hasSize(rows.size() + 1);
        assertThat(text).as("escaped, Vietnamese as UTF-8").startsWith("a\\tb\tU\\n1\t20\\\\24\tx\\r\\ny\t")
                .contains("\tSở Tài chính\t");
        assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(utf8);
        assertThat(EmbeddedSubmissionIds.decode(utf8, 9)).isEqualTo(rows);
        assertThat(EmbeddedSubmissionIds.decode(EmbeddedSubmissionIds.encode(List.of()), 9)).isEmpty();
        List<SubmissionIds.Row> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // past the first capacity, with UTF-8 and escapes in every field
            String f = "ệ😀\\\t".repeat(i % 7) + i;
            lines.add(new SubmissionIds.Row(f, f + "u", f + "p", f + "s", f + "src", 9));
        }
        assertThat(EmbeddedSubmissionIds.decode(EmbeddedSubmissionIds.encode(lines), 9)).isEqualTo(lines);
    }

    /** The stored fields of an accepted submission: unit, period, submitted at, source, accepted at, id hash. */
    private static String stored(Database db, Kind kind, String id) {
        return db.inTransaction(c -> {
            if (kind == Kind.POSTGRES) {
                try (var st = c.prepareStatement("SELECT unit_code, period, submitted_at, source, accepted_at, id_hash "
                        + "FROM submission WHERE submission_id = ?")) {
                    st.setString(1, id);
                    try (var rs = st.executeQuery()) {
                        rs.next();
                        return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                                + " " + rs.getLong(5) + " " + rs.getLong(6);
                    }
                }
            }
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT submissions, accepted_at, id_hashes FROM submission_batch")) {
                while (rs.next()) {
                    List<SubmissionIds.Row> rows = EmbeddedSubmissionIds.decode(rs.getBytes(1), rs.getLong(2));
                    long[] hashes = EmbeddedSubmissionIds.hashes(rs.getBytes(3));
                    assertThat(hashes).hasSize(rows.size());
                    for (int i = 0; i < rows.size(); i++) {
                        SubmissionIds.Row r = rows.get(i);
                        if (r.submissionId().equals(id)) {
                            return r.unitCode() + " " + r.period() + " " + r.submittedAt() + " " + r.source() + " "
                                    + r.acceptedAt() + " " + hashes[i];
                        }
                    }
                }
                return null;
            }
        });
    }

    @Test
    void theEmbeddedSetIsReadBackFromTheTableWhenTheDatabaseIsOpenedAgain() {
        String url = TestDatabases.freshUrl(Kind.H2, dir);
        try (Database db = Database.open(url, "", "", 2)) {
            assertThat(inserted(db, db.submissionIds(), "a-1", "a-2")).containsExactly(true, true);
        }
        try (Database db = Database.open(url, "", "", 2)) {
            assertThat(inserted(db, db.submissionIds(), "a-2", "a-3", "a-1")).containsExactly(false, true, false);
            assertThat(accepted(db, db.submissionIds(), List.of("a-1", "a-3", "a-4"))).containsExactlyInAnyOrder("a-1",
                    "a-3");
        }
    }

    /** Several transactions at once, over the same ids: each id is accepted exactly once. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentTransactionsNeverAcceptAnIdTwice(Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            SubmissionIds ids = db.submissionIds();
            int threads = 4;
            Map<String, AtomicInteger> acceptedTimes = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(t);
                    done.add(pool.submit(() -> {
                        for (int batch = 0; batch < 25; batch++) {
                            List<String> mine = random.ints(0, 200).distinct().limit(20).mapToObj(i -> "c-" + i)
                                    .toList();
                            boolean[] fresh = db.inTransaction(c -> ids.insert(c, mine.stream()
                                    .map(id -> row(id, 1)).toList()));
                            for (int i = 0; i < fresh.length; i++) {
                                if (fresh[i]) {
                                    acceptedTimes.computeIfAbsent(mine.get(i), k -> new AtomicInteger())
                                            .incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(acceptedTimes).isNotEmpty();
            assertThat(acceptedTimes.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(Queries.accepted(db)).isEqualTo(acceptedTimes.size());
            assertThat(accepted(db, ids, new ArrayList<>(acceptedTimes.keySet()))).hasSize(acceptedTimes.size());
        }
    }

    @Test
    void theHashIsFixedAndSpreadsSimilarIdentities() {
        // stored in the database: a change of the function would need a migration
        assertThat(SubmissionIdHash.of("SO-TC", "3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77"))
                .isEqualTo(-2558408224818330669L);
        assertThat(SubmissionIdHash.of("A", "a")).isEqualTo(-8796131381960059532L);
        assertThat(SubmissionIdHash.of("SO-TC", "so-tc-2025-1")).isEqualTo(200477151780716876L);
        assertThat(SubmissionIdHash.of("SO-KHDT", "so-tc-2025-1")).isEqualTo(-6981752846819429414L);
        assertThat(SubmissionIdHash.of("AB", "C")).isNotEqualTo(SubmissionIdHash.of("A", "BC"));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            seen.add(SubmissionIdHash.of("U-" + i % 60, "s-" + i / 60));
        }
        assertThat(seen).hasSize(1_000_000);
        assertThat(Long.bitCount(SubmissionIdHash.of("SO-TC", "s-1") ^ SubmissionIdHash.of("SO-TC", "s-2")))
                .isBetween(16, 48);
        assertThat(Long.bitCount(SubmissionIdHash.of("SO-TC", "s-1") ^ SubmissionIdHash.of("SO-TD", "s-1")))
                .isBetween(16, 48);
    }
}
