package vn.tdkt.hub.domain.registry;

import java.math.BigDecimal;

/** One scored item of a block's scoring table. {@code pointsPerItem} is null for methods without one. */
public record Criterion(String code, String name, Method method, BigDecimal maxPoints, BigDecimal pointsPerItem) {
}
