package vn.tdkt.hub.domain.scoring;

import java.math.BigDecimal;

/**
 * The current result of one unit for one criterion: {@code target} (null for methods without one) and
 * {@code actual} (for PASS_FAIL: 1 for done, 0 for not done).
 */
public record ResultValue(BigDecimal target, BigDecimal actual) {
}
