package vn.tdkt.hub.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import vn.tdkt.hub.store.EmbeddedSubmissionIds;
import vn.tdkt.hub.store.IndexedSubmissionIds;
import vn.tdkt.hub.store.SubmissionIdHash;
import vn.tdkt.hub.store.SubmissionIds;

/**
 * Accepted submissions are identified through a 64-bit hash of their id ({@link SubmissionIdHash}) instead of a
 * primary key on the id itself: on PostgreSQL unique on the hash ({@link IndexedSubmissionIds}), on H2 with no index
 * at all ({@link EmbeddedSubmissionIds}); those classes say why and how each stays exact. The rows are carried over
 * unchanged, on PostgreSQL through {@link IndexedSubmissionIds#insert}, so that an existing pair of colliding ids
 * goes where the intake would put it. Java, not SQL: the hash is computed here, the same on both databases.
 */
public class V8__submission_id_hash extends BaseJavaMigration {

    private static final int CHUNK = 2_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
        String columns = "submission_id VARCHAR(64) NOT NULL, id_hash BIGINT NOT NULL, unit_code VARCHAR(64) NOT NULL,"
                + " period VARCHAR(4) NOT NULL, submitted_at VARCHAR(64) NOT NULL, source VARCHAR(300) NOT NULL,"
                + " accepted_at BIGINT NOT NULL";
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE submission RENAME TO submission_v7");
            st.execute("CREATE TABLE submission (" + columns
                    + (h2 ? "" : ", CONSTRAINT submission_id_hash UNIQUE (id_hash)") + ")");
            st.execute("CREATE TABLE submission_overflow (" + columns + ", PRIMARY KEY (submission_id))");
        }
        List<SubmissionIds.Row> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT submission_id, unit_code, period, submitted_at, source, "
                     + "accepted_at FROM submission_v7 ORDER BY accepted_at, submission_id")) {
            while (rs.next()) {
                rows.add(new SubmissionIds.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)));
            }
        }
        if (h2) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO submission (" + SubmissionIds.COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (SubmissionIds.Row row : rows) {
                    // the hash of today's identity (unit and id): V30 computes it again, the same
                    SubmissionIds.bind(st, row, SubmissionIdHash.of(row.unitCode(), row.submissionId()));
                    st.addBatch();
                }
                st.executeBatch();
            }
        } else {
            IndexedSubmissionIds ids = new IndexedSubmissionIds();
            for (int from = 0; from < rows.size(); from += CHUNK) {
                ids.insert(c, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE submission_v7");
        }
    }
}
