package vn.tdkt.hub.domain.scoring;

import java.math.BigDecimal;

import vn.tdkt.hub.domain.registry.Method;

/**
 * One line of a scorecard. {@code target}/{@code actual} are null when not reported; {@code ratio} is the capped
 * r rounded to 4 decimals half-up, null for methods without a ratio or when not reported; {@code points} has
 * exactly 2 decimals.
 */
public record CriterionScore(String criterion, Method method, BigDecimal maxPoints, BigDecimal target,
                             BigDecimal actual, BigDecimal ratio, BigDecimal points) {
}
