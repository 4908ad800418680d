package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The accepted submissions and their identity (rulebook section 2, contracts.md: a submission's identity is its
 * {@code unitCode} and {@code submissionId} together; once one is accepted, any record with the same identity is a
 * duplicate, whatever it contains, and the same id for another unit is another submission). Exact on both
 * databases; each has the form that keeps it cheap as the table grows ({@link Database#submissionIds()}):
 * {@link IndexedSubmissionIds} on PostgreSQL, {@link EmbeddedSubmissionIds} on H2, both keyed by the 64-bit hash
 * of the identity ({@link SubmissionIdHash}). Called inside {@link Database#inTransaction}.
 */
public interface SubmissionIds {

    /**
     * The columns of {@code submission} and {@code submission_overflow} on PostgreSQL (and on H2 before migration
     * V9), in {@link #bind} order.
     */
    String COLUMNS = "submission_id, id_hash, unit_code, period, submitted_at, source, accepted_at";

    /** A submission's identity: its unit and its id, together. */
    record Key(String unitCode, String submissionId) {

        /** The hub's hash of this identity ({@link SubmissionIdHash}). */
        public long hash() {
            return SubmissionIdHash.of(unitCode, submissionId);
        }
    }

    /** The hash function of identities (unit code, submission id): {@link SubmissionIdHash#of}, or a test's. */
    @FunctionalInterface
    interface Hash {
        long of(String unitCode, String submissionId);
    }

    /** An accepted submission as stored. */
    record Row(String submissionId, String unitCode, String period, String submittedAt, String source,
               long acceptedAt) {

        public Key key() {
            return new Key(unitCode, submissionId);
        }
    }

    /**
     * Records the rows unless their identity (unit, id) was accepted before or comes earlier in {@code rows};
     * returns, per row, whether it was new (false: a duplicate).
     */
    boolean[] insert(Connection c, List<Row> rows) throws SQLException;

    /** How many submissions have been accepted (committed), for operators and tests. */
    long count(Connection c) throws SQLException;

    /** Those of the identities {@code keys} that were accepted before. */
    Set<Key> accepted(Connection c, Collection<Key> keys) throws SQLException;

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
