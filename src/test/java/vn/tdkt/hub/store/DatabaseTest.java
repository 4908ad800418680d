package vn.tdkt.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestDatabases.Kind;

/**
 * The connection settings of {@link Database}. On H2 (embedded mode), a committed transaction is in the file
 * before the commit returns: a hub killed right after committing a batch (and then its Kafka offsets) loses
 * nothing. On PostgreSQL, every pooled connection plans its statements with
 * their values ({@code plan_cache_mode = force_custom_plan}), so the intake's batched primary-key look-ups keep
 * using the index however much the table grew since they were first prepared (the benchmark measured 603
 * submissions/s without it, a sequential scan per batch, against about 5,000/s with it).
 */
class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void everyPostgresConnectionPlansWithTheValues() throws SQLException {
        try (Database db = TestDatabases.open(TestDatabases.Kind.POSTGRES, dir);
             Connection a = db.dataSource().getConnection();
             Connection b = db.dataSource().getConnection()) {
            assertThat(planCacheMode(a)).isEqualTo("force_custom_plan");
            assertThat(planCacheMode(b)).isEqualTo("force_custom_plan");
        }
    }

    @Test
    void anH2CommitSurvivesTheProcessKilledRightAfterIt() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("killed").toAbsolutePath();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenDie.class.getName(), url)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(output).isEqualTo(CommitThenDie.HALT_STATUS);
        assertThat(output).contains("committed");
        try (Database db = Database.open(url, "sa", "", 2)) {
            List<String> stored = db.inTransaction(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT period FROM period_state ORDER BY period")) {
                    List<String> periods = new ArrayList<>();
                    while (rs.next()) {
                        periods.add(rs.getString(1));
                    }
                    return periods;
                }
            });
            assertThat(stored).containsExactly("2023", "2024");
        }
    }

    /** Commits two rows through {@link Database}, then halts the JVM at once (no shutdown hook, no close). */
    public static final class CommitThenDie {
        static final int HALT_STATUS = 77;

        public static void main(String[] args) {
            Database db = Database.open(args[0], "sa", "", 2);
            db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO period_state (period, closed) VALUES ('2023', FALSE), "
                            + "('2024', FALSE)");
                }
                return null;
            });
            System.out.println("committed");
            System.out.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void outboxIdsFollowTheCommitOrderOfSeveralConnections(Kind kind) throws SQLException {
        try (Database db = TestDatabases.open(kind, dir);
             Connection a = db.dataSource().getConnection();
             Connection b = db.dataSource().getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Connection c = i % 2 == 0 ? a : b; // each connection in turn, one committed transaction each
                try (PreparedStatement st = c.prepareStatement("INSERT INTO outbox (batch_id, topic, msg_key, "
                        + "payload, created_at) VALUES ('b', 't', 'k', 'p', 0)", new String[] {"id"})) {
                    st.executeUpdate();
                    try (ResultSet keys = st.getGeneratedKeys()) {
                        keys.next();
                        ids.add(keys.getLong(1));
                    }
                }
                c.commit();
            }
            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void h2HandsOutIdentitiesFromALargeCacheSoThatCommitsDoNotWriteItsMetadata() throws SQLException {
        try (Database db = TestDatabases.open(Kind.H2, dir);
             Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, identity_cache FROM information_schema.columns "
                     + "WHERE is_identity = 'YES' ORDER BY table_name")) {
            List<String> caches = new ArrayList<>();
            while (rs.next()) {
                caches.add(rs.getString(1) + " " + rs.getLong(2));
            }
            // the tables written at every batch; the audit trail (a row per command or refusal) keeps H2's default
            assertThat(caches).containsExactly("audit_log 32", "outbox 100000", "rejection 100000");
        }
    }

    @Test
    void h2UrlsGetThePostgresCompatibilitySettingsAndPostgresUrlsAreLeftAlone() {
        assertThat(Database.withH2Settings("jdbc:h2:file:/tmp/x")).contains(";MODE=PostgreSQL")
                .contains(";QUERY_CACHE_SIZE=64").contains(";WRITE_DELAY=0");
        assertThat(Database.withH2Settings("jdbc:h2:file:/tmp/x;MODE=PostgreSQL")).contains(";WRITE_DELAY=0")
                .containsOnlyOnce(";MODE=");
        assertThat(Database.withH2Settings("jdbc:postgresql://db:5432/tdkt")).isEqualTo("jdbc:postgresql://db:5432/tdkt");
    }

    private static String planCacheMode(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW plan_cache_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
