package vn.tdkt.hub.domain.submission;

/** Rejection reason codes of contracts.md ("Rejection"). */
public enum ReasonCode {
    MALFORMED_JSON, SCHEMA, TOO_LARGE, UNKNOWN_UNIT, UNKNOWN_PERIOD, UNKNOWN_CRITERION, DUPLICATE_CRITERION,
    INVALID_VALUE, PERIOD_CLOSED, UNAUTHORIZED
}
