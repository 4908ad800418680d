package vn.tdkt.hub.domain.submission;

import java.util.List;

/**
 * Outcome of {@link SubmissionValidator#validate}: the validated {@link Submission}, or every reason it was rejected
 * for (contracts.md, "Submission" and "Rejection").
 *
 * <p>{@link #submissionId()} is the record's {@code submissionId} when it could be read and is well-formed, else
 * null: the caller uses it to recognise a duplicate of an accepted submission, which is ignored even when the rest
 * of the record is invalid. {@link #unitCode()} is the record's {@code unitCode}, else the record key, whichever
 * is fit to be stored and shown ({@link RecordReader#unitCodeOrNull}); null when neither is.
 * {@link #recordUnitCode()} is the record's own {@code unitCode} when readable, never the key: with
 * {@link #submissionId()}, the submission's identity (contracts.md), by which a duplicate is recognised; a record
 * without one is never a duplicate.
 */
public sealed interface Verdict {

    String submissionId();

    String unitCode();

    /** The record's own readable {@code unitCode} (never the record key), else null. */
    String recordUnitCode();

    /** A submission that passed every rule. */
    record Valid(Submission submission) implements Verdict {

        @Override
        public String submissionId() {
            return submission.submissionId();
        }

        @Override
        public String unitCode() {
            return submission.unitCode();
        }

        @Override
        public String recordUnitCode() {
            return submission.unitCode();
        }
    }

    /** A record that broke at least one rule; {@code reasons} lists all of them. */
    record Invalid(String submissionId, String unitCode, String recordUnitCode, List<Reason> reasons)
            implements Verdict {

        public Invalid {
            reasons = List.copyOf(reasons);
        }
    }
}
