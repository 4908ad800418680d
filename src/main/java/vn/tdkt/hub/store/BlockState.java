package vn.tdkt.hub.store;

import java.math.BigDecimal;

/** The stored state of a block in a period: snapshot sequence, mean, rank and last standings JSON (may be null). */
public record BlockState(String period, String blockCode, long seq, BigDecimal meanScore, Integer blockRank,
                         String standingsJson) {
}
