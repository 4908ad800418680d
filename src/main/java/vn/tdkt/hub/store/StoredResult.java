package vn.tdkt.hub.store;

import java.math.BigDecimal;

/** A unit's current result for one criterion, with the version that put it there (replacement rule). */
public record StoredResult(BigDecimal target, BigDecimal actual, Version version) {
}
