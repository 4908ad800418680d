package vn.tdkt.hub.store.migration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

import vn.tdkt.hub.store.EmbeddedSubmissionIds;

/**
 * H2 only (embedded mode): the submissions of {@code submission_batch} become UTF-8 bytes where migration V9 made
 * them an H2 text (V9 as it was until 2026-11-29; since then it creates bytes, and this migration finds nothing to
 * do). The format is unchanged, only its encoding: the same lines, in UTF-8 ({@link EmbeddedSubmissionIds} says
 * why bytes).
 */
public class V10__h2_submission_bytes extends H2OnlyMigration {

    @Override
    void migrateH2(Connection c) throws Exception {
        String type;
        try (PreparedStatement st = c.prepareStatement("SELECT data_type FROM information_schema.columns "
                + "WHERE LOWER(table_name) = 'submission_batch' AND LOWER(column_name) = 'submissions'");
             ResultSet rs = st.executeQuery()) {
            type = rs.next() ? rs.getString(1) : null;
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("char")) {
            return; // already bytes: "binary varying" (a text is "character varying")
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE submission_batch ADD COLUMN submission_bytes VARBINARY");
        }
        try (Statement read = c.createStatement();
             ResultSet rs = read.executeQuery("SELECT _ROWID_, submissions FROM submission_batch");
             PreparedStatement write = c.prepareStatement(
                     "UPDATE submission_batch SET submission_bytes = ? WHERE _ROWID_ = ?")) {
            while (rs.next()) {
                write.setBytes(1, rs.getString(2).getBytes(StandardCharsets.UTF_8));
                write.setLong(2, rs.getLong(1));
                write.executeUpdate();
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE submission_batch DROP COLUMN submissions");
            st.execute("ALTER TABLE submission_batch ALTER COLUMN submission_bytes RENAME TO submissions");
            st.execute("ALTER TABLE submission_batch ALTER COLUMN submissions SET NOT NULL");
        }
    }
}
