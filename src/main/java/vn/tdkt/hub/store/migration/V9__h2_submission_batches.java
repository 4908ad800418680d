package vn.tdkt.hub.store.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import vn.tdkt.hub.store.EmbeddedSubmissionIds;
import vn.tdkt.hub.store.SubmissionIds;

/**
 * H2 only (embedded mode): the accepted submissions are stored one row per transaction ({@code submission_batch})
 * instead of one row each in {@code submission}, which is dropped; {@link EmbeddedSubmissionIds} says why, and
 * {@link SubmissionIds#count} counts them on both databases. The rows are carried over exactly, grouped by their
 * {@code accepted_at} (a transaction's rows share it) as the intake writes them
 * ({@link EmbeddedSubmissionIds#insertRows}).
 *
 * <p>The submissions are UTF-8 bytes ({@link EmbeddedSubmissionIds}): until 2026-11-29 this migration made them
 * an H2 text, which {@link V10__h2_submission_bytes} converts where it did.
 *
 * <p>Not on PostgreSQL: there, one row per submission carries the unique index that several instances rely on.
 */
public class V9__h2_submission_batches extends H2OnlyMigration {

    @Override
    void migrateH2(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE submission_batch (accepted_at BIGINT NOT NULL, submission_count INTEGER NOT NULL,"
                    + " id_hashes VARBINARY NOT NULL, submissions VARBINARY NOT NULL)");
        }
        List<SubmissionIds.Row> rows = new ArrayList<>();
        List<Long> hashes = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT submission_id, id_hash, unit_code, period, submitted_at, source, "
                     + "accepted_at FROM submission ORDER BY accepted_at, _ROWID_")) {
            while (rs.next()) {
                rows.add(new SubmissionIds.Row(rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7)));
                hashes.add(rs.getLong(2));
            }
        }
        EmbeddedSubmissionIds.insertRows(c, rows, hashes.stream().mapToLong(Long::longValue).toArray());
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE submission");
            st.execute("DROP TABLE submission_overflow"); // PostgreSQL's, for its unique index: unused on H2
        }
    }
}
