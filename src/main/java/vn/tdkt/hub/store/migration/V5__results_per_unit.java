package vn.tdkt.hub.store.migration;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import vn.tdkt.hub.domain.results.CurrentResult;
import vn.tdkt.hub.store.UnitResultsCodec;
import vn.tdkt.hub.domain.results.Version;

/**
 * Current results move from one row per (period, unit, criterion) to one row per (period, unit) holding all
 * of the unit's criteria ({@link UnitResultsCodec}): the intake writes a tenth of the rows. Existing results are
 * carried over unchanged. Java, not SQL, so that H2 and PostgreSQL get the same encoding.
 */
public class V5__results_per_unit extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE unit_results (period VARCHAR(4) NOT NULL, unit_code VARCHAR(64) NOT NULL, "
                    + "results VARCHAR NOT NULL, PRIMARY KEY (period, unit_code))");
        }
        Map<String, Map<String, CurrentResult>> byUnit = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT period, unit_code, criterion, target, actual, submitted_sec, "
                     + "submitted_nano, submission_id FROM unit_result ORDER BY period, unit_code, criterion")) {
            while (rs.next()) {
                String target = rs.getString(4);
                byUnit.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new HashMap<>())
                        .put(rs.getString(3), new CurrentResult(target == null ? null : new BigDecimal(target),
                                new BigDecimal(rs.getString(5)),
                                new Version(rs.getLong(6), rs.getInt(7), rs.getString(8))));
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO unit_results (period, unit_code, results) VALUES (?, ?, ?)")) {
            for (var e : byUnit.entrySet()) {
                String[] key = e.getKey().split("\u0000", 2);
                ins.setString(1, key[0]);
                ins.setString(2, key[1]);
                ins.setString(3, UnitResultsCodec.encode(e.getValue()));
                ins.addBatch();
            }
            ins.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE unit_result");
        }
    }
}
