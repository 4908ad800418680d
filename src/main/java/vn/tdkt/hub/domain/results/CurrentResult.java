package vn.tdkt.hub.domain.results;

import java.math.BigDecimal;

/** A unit's current result for one criterion, with the version that put it there (replacement rule). */
public record CurrentResult(BigDecimal target, BigDecimal actual, Version version) {
}
