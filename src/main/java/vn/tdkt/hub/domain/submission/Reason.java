package vn.tdkt.hub.domain.submission;

/**
 * One reason a record was rejected. {@code field} is a JSON path such as {@code results[2].criterion}, or null
 * for the record as a whole; {@code message} is Vietnamese, for the department's staff.
 */
public record Reason(ReasonCode code, String field, String message) {
}
