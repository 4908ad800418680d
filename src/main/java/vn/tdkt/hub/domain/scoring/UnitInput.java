package vn.tdkt.hub.domain.scoring;

import java.util.Map;

/**
 * What the scorer needs of one unit of a block: its current results by criterion code (after replacement by
 * later submissions) and its members (null when no submission carried them).
 */
public record UnitInput(String unitCode, Map<String, ResultValue> results, Members members) {

    public UnitInput {
        results = Map.copyOf(results);
    }
}
