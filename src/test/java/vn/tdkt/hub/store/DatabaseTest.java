package vn.tdkt.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.support.TestDatabases;

/**
 * The connection settings of {@link Database} on PostgreSQL: every pooled connection plans its statements with
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
    void h2UrlsGetThePostgresCompatibilitySettingsAndPostgresUrlsAreLeftAlone() {
        assertThat(Database.withH2Settings("jdbc:h2:file:/tmp/x")).contains(";MODE=PostgreSQL")
                .contains(";QUERY_CACHE_SIZE=64");
        assertThat(Database.withH2Settings("jdbc:postgresql://db:5432/tdkt")).isEqualTo("jdbc:postgresql://db:5432/tdkt");
    }

    private static String planCacheMode(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW plan_cache_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
