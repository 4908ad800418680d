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
import java.util.function.ToLongFunction;

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

    private static Set<String> accepted(Database db, SubmissionIds ids, List<String> asked) {
        return db.<Set<String>>inTransaction(c -> ids.accepted(c, asked));
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
            ToLongFunction<String> hash = id -> id.startsWith("x") ? 7L : 8L; // every x-id collides
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
                        + SubmissionIdHash.of("old-1"));
            }
            assertThat(accepted(db, ids, List.of("old-0", "old-2499", "old-2500")))
                    .containsExactlyInAnyOrder("old-0", "old-2499");
            assertThat(inserted(db, ids, "old-7", "new-1")).containsExactly(false, true);
            assertThat(stored(db, kind, "old-42")).endsWith(" " + SubmissionIdHash.of("old-42"));
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
                hashes.putLong(SubmissionIdHash.of("old-1")).putLong(SubmissionIdHash.of("old-2"));
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
                    + "tdkt.results/0/7 77 " + SubmissionIdHash.of("old-1"));
            assertThat(stored(db, Kind.H2, "old-2")).startsWith("U\t2 2023 at src 77 ");
            assertThat(inserted(db, db.submissionIds(), "old-2", "new-1")).containsExactly(false, true);
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
                assertThat(ids.accepted(c, List.of("r-1", "r-3"))).containsExactly("r-1");
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
            assertThat(inserted(db, ids, "m-0", "m-1", "n-1")).containsExactly(false, false, true);
            assertThat(Queries.count(db, "SELECT COUNT(*) FROM submission_batch")).isEqualTo(3);
            assertThat(Queries.accepted(db)).isEqualTo(many.size() + 1);
            for (SubmissionIds.Row r : List.of(many.get(0), many.get(many.size() - 1))) {
                assertThat(stored(db, Kind.H2, r.submissionId())).isEqualTo(r.unitCode() + " 2024 "
                        + r.submittedAt() + " " + r.source() + " 42 " + SubmissionIdHash.of(r.submissionId()));
            }
            assertThat(accepted(db, ids, List.of("m-0", "m-" + EmbeddedSubmissionIds.MAX_PER_ROW, "m-x")))
                    .containsExactlyInAnyOrder("m-0", "m-" + EmbeddedSubmissionIds.MAX_PER_ROW);
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
    void theHashIsFixedAndSpreadsSimilarIds() {
        // stored in the database: a change of the function would need a migration
        assertThat(SubmissionIdHash.of("3f1c2b9e-0d4a-4c41-9a51-6b0f9e1d2a77")).isEqualTo(-4443979337354700964L);
        assertThat(SubmissionIdHash.of("a")).isEqualTo(-9033471704281723301L);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            seen.add(SubmissionIdHash.of("s-" + i));
        }
        assertThat(seen).hasSize(1_000_000);
        assertThat(Long.bitCount(SubmissionIdHash.of("s-1") ^ SubmissionIdHash.of("s-2"))).isBetween(16, 48);
    }
}
