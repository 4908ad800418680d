package vn.tdkt.hub.domain.submission;

import java.math.BigDecimal;

/** One result of a submission. {@code target} null where the method has none; PASS_FAIL actual is 1 or 0. */
public record ResultEntry(String criterion, BigDecimal target, BigDecimal actual) {
}
