package vn.tdkt.hub.store.migration;

import java.nio.ByteBuffer;
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
 * A submission's identity is its {@code unitCode} and {@code submissionId} together (contracts.md): the stored
 * hashes become those of the identity ({@link SubmissionIdHash}) instead of the id alone. Every stored row already
 * carries its unit code; nothing else changes.
 *
 * <p>PostgreSQL: {@code submission_overflow} (identities whose hash another one holds) is keyed by id and unit,
 * and every row is written again through {@link IndexedSubmissionIds#insert}, so that a pair of identities whose
 * new hashes collide goes where the intake would put it. H2: each row of {@code submission_batch} gets the new
 * hashes of its submissions, in their order ({@link EmbeddedSubmissionIds}).
 */
public class V30__submission_identity_per_unit extends BaseJavaMigration {

    private static final int CHUNK = 2_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
            migrateH2(c);
        } else {
            migratePostgres(c);
        }
    }

    private static void migrateH2(Connection c) throws Exception {
        try (Statement read = c.createStatement();
             ResultSet rs = read.executeQuery("SELECT _ROWID_, submissions FROM submission_batch");
             PreparedStatement write = c.prepareStatement(
                     "UPDATE submission_batch SET id_hashes = ? WHERE _ROWID_ = ?")) {
            while (rs.next()) {
                List<SubmissionIds.Row> rows = EmbeddedSubmissionIds.decode(rs.getBytes(2), 0);
                ByteBuffer hashes = ByteBuffer.allocate(8 * rows.size());
                for (SubmissionIds.Row r : rows) {
                    hashes.putLong(SubmissionIdHash.of(r.unitCode(), r.submissionId()));
                }
                write.setBytes(1, hashes.array());
                write.setLong(2, rs.getLong(1));
                write.executeUpdate();
            }
        }
    }

    private static void migratePostgres(Connection c) throws Exception {
        List<SubmissionIds.Row> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT submission_id, unit_code, period, submitted_at, source, accepted_at"
                     + " FROM submission UNION ALL SELECT submission_id, unit_code, period, submitted_at, source, "
                     + "accepted_at FROM submission_overflow ORDER BY 6, 1, 2")) {
            while (rs.next()) {
                rows.add(new SubmissionIds.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM submission");
            st.execute("DELETE FROM submission_overflow");
            st.execute("ALTER TABLE submission_overflow DROP CONSTRAINT submission_overflow_pkey");
            st.execute("ALTER TABLE submission_overflow ADD CONSTRAINT submission_overflow_pkey "
                    + "PRIMARY KEY (submission_id, unit_code)");
        }
        IndexedSubmissionIds ids = new IndexedSubmissionIds();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            boolean[] kept = ids.insert(c, rows.subList(from, Math.min(rows.size(), from + CHUNK)));
            for (boolean k : kept) {
                if (!k) {
                    throw new IllegalStateException("An accepted submission was not carried over");
                }
            }
        }
    }
}
