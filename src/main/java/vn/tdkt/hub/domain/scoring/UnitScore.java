package vn.tdkt.hub.domain.scoring;

import java.math.BigDecimal;
import java.util.List;

import vn.tdkt.hub.domain.registry.Rating;

/**
 * A unit's scorecard in its block for one period.
 *
 * @param score          sum of the rounded criterion points, 2 decimals
 * @param rating         null while incomplete
 * @param reported       false for a unit with no result at all (it still appears in standings, with score 0)
 * @param targetsMet     reported TARGET/TARGET_LOWER criteria with capped r >= 1
 * @param allTargetsMet  capped r >= 1 on every TARGET/TARGET_LOWER criterion of the table (true without any)
 * @param womenShare     women / total, 4 decimals half-up, null without members
 * @param womenPreferred women / total >= 0.7 exactly
 */
public record UnitScore(String unitCode, BigDecimal score, Rating rating, boolean complete,
                        List<String> missingCriteria, List<CriterionScore> criteria, boolean reported,
                        int targetsMet, boolean allTargetsMet, BigDecimal womenShare, boolean womenPreferred) {

    public UnitScore {
        missingCriteria = List.copyOf(missingCriteria);
        criteria = List.copyOf(criteria);
    }
}
