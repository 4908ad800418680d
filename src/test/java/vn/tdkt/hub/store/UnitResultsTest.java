package vn.tdkt.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.tdkt.hub.domain.results.CurrentResult;
import vn.tdkt.hub.domain.results.Version;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestDatabases.Kind;

/** A unit's results in one row: the stored form, and the migration that moved older rows into it. */
class UnitResultsTest {

    @TempDir
    Path dir;

    static final Map<String, CurrentResult> RESULTS = Map.of(
            "KT1", new CurrentResult(new BigDecimal("12.000"), new BigDecimal("14.8"), new Version(1704868567, 5, "s-1")),
            "XH1", new CurrentResult(null, BigDecimal.ONE, new Version(1704868567, 0, "s-\"2\"\\<b>")),
            "XH2", new CurrentResult(null, new BigDecimal("1000.50"), new Version(-1, 999_999_999, "Sáng-kiến")));

    @Test
    void theStoredFormKeepsEveryValueExactly() {
        String json = UnitResultsCodec.encode(RESULTS);
        assertThat(json).startsWith("{\"KT1\":[\"12.000\",\"14.8\",1704868567,5,\"s-1\"],\"XH1\":[null,\"1\"");
        Map<String, CurrentResult> back = UnitResultsCodec.decode(json);
        assertThat(back).isEqualTo(RESULTS);
        assertThat(back.get("KT1").target().scale()).isEqualTo(3);
        assertThat(UnitResultsCodec.decode(UnitResultsCodec.encode(Map.of("X", new CurrentResult(null,
                new BigDecimal("1E+3"), new Version(1, 2, "s"))))).get("X").actual().toString()).isEqualTo("1000");
        assertThat(UnitResultsCodec.encode(back)).isEqualTo(json);
        assertThatThrownBy(() -> UnitResultsCodec.decode("{\"KT1\":{}}")).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theMigrationCarriesEveryResultOver(Kind kind) throws Exception {
        String url = TestDatabases.migratedTo(kind, dir, "4");
        String jdbc = Database.withH2Settings(url);
        try (Connection c = DriverManager.getConnection(jdbc, TestDatabases.user(kind), "");
             PreparedStatement st = c.prepareStatement("INSERT INTO unit_result (period, unit_code, criterion, "
                     + "target, actual, submitted_sec, submitted_nano, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (var row : List.of(
                    List.of("2023", "SO-KHDT", "KT1", "12.000", "14.8", "1704868567", "5", "s-1"),
                    List.of("2023", "SO-KHDT", "XH1", "", "1", "1704868567", "0", "s-\"2\"\\<b>"),
                    List.of("2023", "SO-KHDT", "XH2", "", "1000.50", "-1", "999999999", "Sáng-kiến"),
                    List.of("2024", "SO-KHDT", "KT1", "1", "2", "3", "4", "s-9"),
                    List.of("2023", "SO-TC", "KT1", "", "0", "3", "4", "s-8"))) {
                for (int i = 0; i < 8; i++) {
                    if (i == 3 && row.get(i).isEmpty()) {
                        st.setNull(4, java.sql.Types.VARCHAR);
                    } else if (i == 5) {
                        st.setLong(6, Long.parseLong(row.get(i)));
                    } else if (i == 6) {
                        st.setInt(7, Integer.parseInt(row.get(i)));
                    } else {
                        st.setString(i + 1, row.get(i));
                    }
                }
                st.executeUpdate();
            }
        }
        try (Database db = Database.open(url, TestDatabases.user(kind), "", 2)) {
            IntakeStore store = new IntakeStore(db);
            var loaded = db.inTransaction(c -> store.loadResults(c, "2023", List.of("SO-KHDT", "SO-TC", "SO-CT")));
            assertThat(loaded.get("SO-KHDT")).isEqualTo(Map.of(
                    "KT1", RESULTS.get("KT1"),
                    "XH1", RESULTS.get("XH1"),
                    "XH2", RESULTS.get("XH2")));
            assertThat(loaded.get("SO-TC")).containsOnlyKeys("KT1");
            assertThat(loaded).doesNotContainKey("SO-CT");
            assertThat(db.inTransaction(c -> store.loadResults(c, "2024", List.of("SO-KHDT"))).get("SO-KHDT"))
                    .isEqualTo(Map.of("KT1", new CurrentResult(BigDecimal.ONE, new BigDecimal("2"),
                            new Version(3, 4, "s-9"))));
            boolean oldTable = db.inTransaction(c -> {
                try (var rs = c.getMetaData().getTables(null, c.getSchema(), "unit_result", null)) {
                    return rs.next();
                }
            });
            assertThat(oldTable).as("the old table is gone").isFalse();
        }
    }
}
