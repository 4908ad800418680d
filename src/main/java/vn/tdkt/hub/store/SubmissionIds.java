package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The accepted submissions and their identity (rulebook section 2: once a {@code submissionId} is accepted, any
 * record with the same id is a duplicate, whatever it contains). Exact on both databases; each has the form that
 * keeps it cheap as the table grows ({@link Database#submissionIds()}): {@link IndexedSubmissionIds} on
 * PostgreSQL, {@link EmbeddedSubmissionIds} on H2. Called inside {@link Database#inTransaction}.
 */
public interface SubmissionIds {

    /**
     * The columns of {@code submission} and {@code submission_overflow} on PostgreSQL (and on H2 before migration
     * V9), in {@link #bind} order.
     */
    String COLUMNS = "submission_id, id_hash, unit_code, period, submitted_at, source, accepted_at";

    /** An accepted submission as stored. */
    record Row(String submissionId, String unitCode, String period, String submittedAt, String source,
               long acceptedAt) {
    }

    /**
     * Records the rows (distinct ids) unless their id was accepted before; returns, per row, whether it was new
     * (false: a duplicate).
     */
    boolean[] insert(Connection c, List<Row> rows) throws SQLException;

    /** How many submissions have been accepted (committed), for operators and tests. */
    long count(Connection c) throws SQLException;

    /** Those of {@code ids} that were accepted before. */
    Set<String> accepted(Connection c, Collection<String> ids) throws SQLException;

    /** Binds a row and its hash to an INSERT of {@link #COLUMNS}. */
    static void bind(PreparedStatement st, Row r, long hash) throws SQLException {
        st.setString(1, r.submissionId());
        st.setLong(2, hash);
        st.setString(3, r.unitCode());
        st.setString(4, r.period());
        st.setString(5, r.submittedAt());
        st.setString(6, r.source());
        st.setLong(7, r.acceptedAt());
    }

    /** The update counts of a batch, refused when the driver does not say which rows it inserted. */
    static int[] checked(int[] counts) throws SQLException {
        for (int n : counts) {
            if (n == Statement.SUCCESS_NO_INFO) {
                throw new SQLException("The driver does not report which submissions were inserted");
            }
        }
        return counts;
    }
}
