package vn.tdkt.hub.domain.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.Rules;

/**
 * Scores every unit of one block and period and puts them in standings order (rulebook sections 1, 3 and 4).
 * <p>
 * Each criterion's points are computed exactly ({@link Rational}) and rounded once to 2 decimals, half away from
 * zero; the score is the sum of the rounded points. "The block" of TARGET, TARGET_LOWER and RELATIVE is the units
 * of {@code block.units()} that have a result for the criterion; R is the highest capped ratio among them, M the
 * highest actual.
 * <p>
 * Choices where the rulebook is silent:
 * <ul>
 *   <li>Inputs are trusted to be valid (submission validation and registry loading check them): targets > 0,
 *       actuals >= 0, pointsPerItem present for COUNT/BONUS/PENALTY.</li>
 *   <li>PASS_FAIL is done when actual equals 1; any other value scores 0.</li>
 *   <li>Results for criteria that are not in the block's table are ignored, and so are inputs of units that are
 *       not in the block; a unit counts as {@code reported} when it has a result for at least one criterion of the
 *       table.</li>
 *   <li>{@code womenShare} is computed from a unit's members even when it has reported no result.</li>
 *   <li>The block mean is rounded half away from zero like points (only matters for a negative mean).</li>
 * </ul>
 */
public final class BlockScorer {

    private static final BigDecimal ZERO_POINTS = BigDecimal.ZERO.setScale(2);
    private static final Rational HALF = Rational.of(1, 2);
    private static final int POINTS_SCALE = 2;
    private static final int RATIO_SCALE = 4;

    private BlockScorer() {
    }

    /**
     * The standings of {@code block} in {@code period}: every unit of the block, in standings order, complete units
     * ranked 1..n, incomplete units after them with rank null, and the mean score of the complete units.
     *
     * @param inputsByUnit the current results and members by unit code; units without an entry have reported
     *                     nothing
     */
    public static BlockStandings score(String period, Block block, Rules rules, Map<String, UnitInput> inputsByUnit) {
        List<String> unitCodes = block.units();
        List<Criterion> criteria = block.criteria();
        int n = unitCodes.size();
        Rational cap = Rational.of(rules.ratioCap());

        ResultValue[][] results = new ResultValue[n][];
        for (int u = 0; u < n; u++) {
            UnitInput input = inputsByUnit.get(unitCodes.get(u));
            Map<String, ResultValue> byCriterion = input == null ? Map.of() : input.results();
            results[u] = new ResultValue[criteria.size()];
            for (int c = 0; c < criteria.size(); c++) {
                results[u][c] = byCriterion.get(criteria.get(c).code());
            }
        }

        CriterionContext[] contexts = new CriterionContext[criteria.size()];
        for (int c = 0; c < criteria.size(); c++) {
            contexts[c] = new CriterionContext(criteria.get(c), cap, results, c);
        }

        List<UnitScore> scores = new ArrayList<>(n);
        for (int u = 0; u < n; u++) {
            String unitCode = unitCodes.get(u);
            scores.add(scoreUnit(unitCode, contexts, results[u], u, inputsByUnit.get(unitCode), rules));
        }
        scores.sort(StandingsOrder.STANDINGS);

        List<StandingRow> rows = new ArrayList<>(n);
        int rank = 0;
        BigDecimal completeSum = BigDecimal.ZERO;
        for (UnitScore s : scores) {
            if (s.complete()) {
                rank++;
                completeSum = completeSum.add(s.score());
            }
            rows.add(new StandingRow(s.complete() ? rank : null, s));
        }
        BigDecimal mean = rank == 0 ? null : Rational.of(completeSum).divide(Rational.of(rank)).round(POINTS_SCALE);
        return new BlockStandings(period, block.code(), rows, mean);
    }

    private static UnitScore scoreUnit(String unitCode, CriterionContext[] contexts, ResultValue[] results, int u,
                                       UnitInput input, Rules rules) {
        List<CriterionScore> lines = new ArrayList<>(contexts.length);
        List<String> missing = new ArrayList<>();
        BigDecimal score = ZERO_POINTS;
        boolean reported = false;
        boolean allTargetsMet = true;
        int targetsMet = 0;
        for (int c = 0; c < contexts.length; c++) {
            CriterionContext ctx = contexts[c];
            Method method = ctx.criterion.method();
            ResultValue result = results[c];
            boolean targetMet = false;
            if (result == null) {
                lines.add(ctx.unreported);
                if (!method.isOptional()) {
                    missing.add(ctx.criterion.code());
                }
            } else {
                reported = true;
                CriterionScore line = ctx.line(result, u);
                lines.add(line);
                score = score.add(line.points());
                targetMet = method.hasTarget() && ctx.measures[u].compareTo(Rational.ONE) >= 0;
            }
            if (targetMet) {
                targetsMet++;
            } else if (method.hasTarget()) {
                allTargetsMet = false;
            }
        }
        boolean complete = missing.isEmpty();
        Members members = input == null ? null : input.members();
        boolean hasMembers = members != null && members.total() > 0;
        BigDecimal womenShare = hasMembers ? Rational.of(members.women(), members.total()).round(RATIO_SCALE) : null;
        boolean womenPreferred = hasMembers && 10L * members.women() >= 7L * members.total();
        return new UnitScore(unitCode, score, complete ? rules.rate(score) : null, complete, missing, lines,
                reported, targetsMet, allTargetsMet, womenShare, womenPreferred);
    }

    /**
     * What one criterion needs across the block: the exact maxPoints (its half, and pointsPerItem), each unit's
     * measure (the capped ratio for TARGET/TARGET_LOWER, the actual for RELATIVE, null when not reported or for
     * other methods) and the best measure of the block (R or M; null when no unit reported).
     */
    private static final class CriterionContext {
        private final Criterion criterion;
        private final Rational maxPoints;
        private final Rational halfMaxPoints;
        private final Rational pointsPerItem;
        private final Rational[] measures;
        private final Rational best;
        private final CriterionScore unreported;

        CriterionContext(Criterion criterion, Rational cap, ResultValue[][] results, int c) {
            this.criterion = criterion;
            this.maxPoints = Rational.of(criterion.maxPoints());
            this.halfMaxPoints = maxPoints.multiply(HALF);
            this.pointsPerItem = criterion.pointsPerItem() == null ? null : Rational.of(criterion.pointsPerItem());
            this.unreported = new CriterionScore(criterion.code(), criterion.method(), criterion.maxPoints(),
                    null, null, null, ZERO_POINTS);
            this.measures = new Rational[results.length];
            Rational max = null;
            if (criterion.method().isBlockRelative()) {
                for (int u = 0; u < results.length; u++) {
                    ResultValue result = results[u][c];
                    if (result != null) {
                        measures[u] = measure(criterion.method(), result, cap);
                        max = max == null ? measures[u] : max.max(measures[u]);
                    }
                }
            }
            this.best = max;
        }

        private static Rational measure(Method method, ResultValue result, Rational cap) {
            return switch (method) {
                case TARGET -> Rational.of(result.actual()).divide(Rational.of(result.target())).min(cap);
                case TARGET_LOWER -> result.actual().signum() == 0
                        ? cap
                        : Rational.of(result.target()).divide(Rational.of(result.actual())).min(cap);
                default -> Rational.of(result.actual());
            };
        }

        CriterionScore line(ResultValue result, int u) {
            Method method = criterion.method();
            Rational points = switch (method) {
                case TARGET, TARGET_LOWER -> targetPoints(measures[u]);
                case RELATIVE -> best.signum() == 0 ? Rational.ZERO : maxPoints.multiply(measures[u]).divide(best);
                case PASS_FAIL -> result.actual().compareTo(BigDecimal.ONE) == 0 ? maxPoints : Rational.ZERO;
                case COUNT, BONUS -> perItem(result);
                case PENALTY -> perItem(result).negate();
            };
            BigDecimal ratio = method.hasTarget() ? measures[u].round(RATIO_SCALE) : null;
            return new CriterionScore(criterion.code(), method, criterion.maxPoints(), result.target(),
                    result.actual(), ratio, points.round(POINTS_SCALE));
        }

        /** r < 1: MS/2 · r; r >= 1: MS/2 when R = 1, else MS/2 + MS/2 · (r − 1) / (R − 1). */
        private Rational targetPoints(Rational r) {
            if (r.compareTo(Rational.ONE) < 0) {
                return halfMaxPoints.multiply(r);
            }
            if (best.equals(Rational.ONE)) {
                return halfMaxPoints;
            }
            Rational above = r.subtract(Rational.ONE).divide(best.subtract(Rational.ONE));
            return halfMaxPoints.add(halfMaxPoints.multiply(above));
        }

        /** min(MS, A · pointsPerItem). */
        private Rational perItem(ResultValue result) {
            return maxPoints.min(Rational.of(result.actual()).multiply(pointsPerItem));
        }
    }
}
