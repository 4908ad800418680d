package vn.tdkt.hub.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Rules;

/**
 * Properties of {@link BlockScorer} (rulebook sections 1, 3 and 4) over {@value #CASES} random blocks per property:
 * random scoring tables that follow the registry rules (maxPoints of the criteria other than BONUS/PENALTY add up
 * to 100, with 2 decimals at most; BONUS/PENALTY maxima on top) and random valid inputs (targets > 0, actuals >= 0,
 * whole counts, PASS_FAIL 1/0, members with 0 <= women <= total), with units that reported nothing or only part.
 * A tenth of the cases are degenerate on purpose: every actual 0 or equal to its target (M = 0, R = 1).
 *
 * <p>Cases come from a seeded {@link Random}; a failure names the case's seed, and {@code -Dscoring.seed=N} changes
 * the base seed. The bounds hold for maxPoints of at most 2 decimals: with 3 (33.335 + 33.335 + 33.33), points
 * rounded once each may add up to 100.01, as the rulebook's "round each criterion, then sum" says.
 */
class ScoringPropertiesTest {

    static final int CASES = 2_000;
    static final long BASE_SEED = Long.getLong("scoring.seed", 20_240_112L);
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final List<Method> SCORED = List.of(Method.TARGET, Method.TARGET_LOWER, Method.RELATIVE, Method.PASS_FAIL,
            Method.COUNT);
    static final List<String> RATIO_CAPS = List.of("1", "1.25", "1.5", "2.0", "3");

    /** One random block with its rules and inputs, and the seed it came from (for the properties' own choices). */
    record Case(Block block, Rules rules, Map<String, UnitInput> inputs, long seed) {

        BlockStandings score() {
            return BlockScorer.score("2023", block, rules, inputs);
        }
    }

    // ---- properties -------------------------------------------------------------------------------------------

    @Test
    void pointsAndScoresStayWithinTheirBounds() {
        forEveryCase(c -> {
            BigDecimal bonus = sumOf(c.block(), Method.BONUS);
            BigDecimal penalty = sumOf(c.block(), Method.PENALTY);
            for (StandingRow row : c.score().rows()) {
                UnitScore u = row.unit();
                assertThat(u.score()).as("score of %s", u.unitCode())
                        .isBetween(penalty.negate(), HUNDRED.add(bonus)).hasScaleOf(2);
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = 0; i < u.criteria().size(); i++) {
                    CriterionScore line = u.criteria().get(i);
                    Criterion criterion = c.block().criteria().get(i);
                    assertThat(line.criterion()).isEqualTo(criterion.code());
                    checkLine(line, criterion, c.rules(), reported(c, u.unitCode(), criterion.code()));
                    sum = sum.add(line.points());
                }
                assertThat(u.score()).as("score = sum of the rounded points").isEqualByComparingTo(sum);
            }
        });
    }

    @Test
    void completenessRatingAndTieBreakFactsFollowTheRulebook() {
        forEveryCase(c -> {
            for (StandingRow row : c.score().rows()) {
                UnitScore u = row.unit();
                List<String> missing = new ArrayList<>();
                int met = 0;
                boolean allMet = true;
                for (Criterion criterion : c.block().criteria()) {
                    ResultValue r = reported(c, u.unitCode(), criterion.code());
                    if (r == null && !criterion.method().isOptional()) {
                        missing.add(criterion.code());
                    }
                    // capped r >= 1 exactly: A >= T (TARGET), A <= T (TARGET_LOWER, A = 0 gives ratioCap >= 1)
                    boolean targetMet = r != null && (criterion.method() == Method.TARGET
                            ? r.actual().compareTo(r.target()) >= 0
                            : criterion.method() == Method.TARGET_LOWER && r.actual().compareTo(r.target()) <= 0);
                    met += targetMet ? 1 : 0;
                    allMet &= targetMet || !criterion.method().hasTarget();
                }
                assertThat(u.missingCriteria()).isEqualTo(missing);
                assertThat(u.complete()).isEqualTo(missing.isEmpty());
                assertThat(u.targetsMet()).isEqualTo(met);
                assertThat(u.allTargetsMet()).isEqualTo(allMet);
                assertThat(u.rating()).isEqualTo(u.complete() ? expectedRating(u.score()) : null);
                Members m = c.inputs().containsKey(u.unitCode()) ? c.inputs().get(u.unitCode()).members() : null;
                assertThat(u.womenShare()).isEqualTo(m == null ? null
                        : BigDecimal.valueOf(m.women()).divide(BigDecimal.valueOf(m.total()), 4, RoundingMode.HALF_UP));
                assertThat(u.womenPreferred()).isEqualTo(m != null && 10L * m.women() >= 7L * m.total());
            }
        });
    }

    @Test
    void completeUnitsAreRankedOneToNThenIncompleteOnesWithoutRank() {
        int[] seen = new int[2]; // cases with 2+ complete and 1+ incomplete units; adjacent units with equal scores
        forEveryCase(c -> {
            BlockStandings s = c.score();
            assertThat(s.rows()).extracting(r -> r.unit().unitCode())
                    .containsExactlyInAnyOrderElementsOf(c.block().units());
            List<UnitScore> complete = s.rows().stream().map(StandingRow::unit).filter(UnitScore::complete).toList();
            for (int i = 0; i < s.rows().size(); i++) {
                StandingRow row = s.rows().get(i);
                assertThat(row.rank()).as("rank of row %d", i).isEqualTo(i < complete.size() ? i + 1 : null);
                assertThat(row.unit().complete()).isEqualTo(i < complete.size());
                if (i > 0 && row.unit().complete() == s.rows().get(i - 1).unit().complete()) {
                    assertInStandingsOrder(s.rows().get(i - 1).unit(), row.unit());
                    seen[1] += row.unit().score().compareTo(s.rows().get(i - 1).unit().score()) == 0 ? 1 : 0;
                }
            }
            seen[0] += complete.size() >= 2 && complete.size() < s.rows().size() ? 1 : 0;
            BigDecimal sum = complete.stream().map(UnitScore::score).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(s.meanScore()).isEqualTo(complete.isEmpty() ? null
                    : sum.divide(BigDecimal.valueOf(complete.size()), 2, RoundingMode.HALF_UP));
        });
        assertThat(seen[0]).as("blocks with complete and incomplete units").isGreaterThan(50);
        assertThat(seen[1]).as("equal scores side by side").isGreaterThan(50);
    }

    @Test
    void theOrderOfUnitsAndInputsChangesNothing() {
        forEveryCase(c -> {
            BlockStandings expected = c.score();
            Random random = new Random(c.seed());
            List<String> units = new ArrayList<>(c.block().units());
            Collections.shuffle(units, random);
            List<String> inputOrder = new ArrayList<>(c.inputs().keySet());
            Collections.shuffle(inputOrder, random);
            Map<String, UnitInput> shuffled = new LinkedHashMap<>();
            for (String unit : inputOrder) {
                UnitInput in = c.inputs().get(unit);
                List<String> codes = new ArrayList<>(in.results().keySet());
                Collections.shuffle(codes, random);
                Map<String, ResultValue> results = new LinkedHashMap<>();
                codes.forEach(code -> results.put(code, in.results().get(code)));
                shuffled.put(unit, new UnitInput(unit, results, in.members()));
            }
            // an input of a unit outside the block is ignored
            shuffled.put("ZZ-NGOAI-KHOI", new UnitInput("ZZ-NGOAI-KHOI", Map.of(), new Members(10, 10)));
            Block reordered = new Block(c.block().code(), c.block().name(), c.block().leaderUnit(), units,
                    c.block().criteria());
            assertThat(BlockScorer.score("2023", reordered, c.rules(), shuffled)).isEqualTo(expected);
        });
    }

    @Test
    void improvingOwnResultNeverLowersOwnPoints() {
        int[] raised = new int[1];
        forEveryCase(c -> {
            Random random = new Random(c.seed());
            BlockStandings before = c.score();
            for (Map.Entry<String, UnitInput> unit : c.inputs().entrySet()) {
                for (Map.Entry<String, ResultValue> result : unit.getValue().results().entrySet()) {
                    Criterion criterion = c.block().criterion(result.getKey()).orElseThrow();
                    ResultValue better = improved(criterion, result.getValue(), random);
                    Map<String, ResultValue> results = new HashMap<>(unit.getValue().results());
                    results.put(result.getKey(), better);
                    Map<String, UnitInput> inputs = new HashMap<>(c.inputs());
                    inputs.put(unit.getKey(), new UnitInput(unit.getKey(), results, unit.getValue().members()));
                    BlockStandings after = BlockScorer.score("2023", c.block(), c.rules(), inputs);
                    BigDecimal old = points(before, unit.getKey(), criterion.code());
                    BigDecimal now = points(after, unit.getKey(), criterion.code());
                    assertThat(now).as("%s %s %s: %s -> %s", unit.getKey(), criterion.code(), criterion.method(),
                            result.getValue(), better).isGreaterThanOrEqualTo(old);
                    raised[0] += now.compareTo(old) > 0 ? 1 : 0;
                }
            }
        });
        assertThat(raised[0]).as("strict improvements").isGreaterThan(CASES);
    }

    @Test
    void theBestOfTheBlockGetsFullPoints() {
        Map<String, Integer> kinds = new HashMap<>(); // how often each case below was checked
        forEveryCase(c -> {
            BlockStandings s = c.score();
            for (Criterion criterion : c.block().criteria()) {
                if (criterion.method() != Method.RELATIVE && !criterion.method().hasTarget()) {
                    continue;
                }
                BigDecimal best = null;
                for (String unit : c.block().units()) {
                    BigDecimal m = measure(criterion, reported(c, unit, criterion.code()), c.rules());
                    best = m == null ? best : best == null ? m : best.max(m);
                }
                for (String unit : c.block().units()) {
                    BigDecimal m = measure(criterion, reported(c, unit, criterion.code()), c.rules());
                    if (m == null || m.compareTo(best) != 0) {
                        continue;
                    }
                    // RELATIVE: MS · M / M = MS (0 when M = 0); TARGET*: r = R > 1 gives MS, R = 1 gives MS / 2,
                    // R < 1 gives MS / 2 · R (not checked: the exact value is the scorer's own arithmetic)
                    BigDecimal ms = criterion.maxPoints();
                    BigDecimal expected = criterion.method() == Method.RELATIVE
                            ? (best.signum() == 0 ? BigDecimal.ZERO : ms)
                            : best.compareTo(BigDecimal.ONE) > 0 ? ms
                            : best.compareTo(BigDecimal.ONE) == 0 ? ms.divide(BigDecimal.valueOf(2)) : null;
                    if (expected != null) {
                        assertThat(points(s, unit, criterion.code())).as("%s %s", unit, criterion.code())
                                .isEqualByComparingTo(expected.setScale(2, RoundingMode.HALF_UP));
                        kinds.merge(criterion.method() == Method.RELATIVE ? "M" + best.signum()
                                : "R" + best.compareTo(BigDecimal.ONE), 1, Integer::sum);
                    }
                }
            }
        });
        assertThat(kinds).as("M > 0, M = 0, R > 1, R = 1 all checked").containsOnlyKeys("M1", "M0", "R1", "R0")
                .allSatisfy((kind, n) -> assertThat(n).as(kind).isGreaterThan(20));
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    /** A line's points, actual, target and ratio against its criterion (rulebook section 1). */
    static void checkLine(CriterionScore line, Criterion criterion, Rules rules, ResultValue reported) {
        BigDecimal ms = criterion.maxPoints();
        assertThat(line.points()).hasScaleOf(2);
        if (reported == null) {
            assertThat(line.points()).as("not reported").isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(line.actual()).isNull();
            assertThat(line.ratio()).isNull();
            return;
        }
        assertThat(line.actual()).isEqualTo(reported.actual());
        switch (criterion.method()) {
            case PENALTY -> assertThat(line.points()).isBetween(ms.negate(), BigDecimal.ZERO);
            case PASS_FAIL -> assertThat(line.points()).isEqualByComparingTo(
                    reported.actual().signum() == 0 ? BigDecimal.ZERO : ms);
            default -> assertThat(line.points()).isBetween(BigDecimal.ZERO, ms);
        }
        if (criterion.method().hasTarget()) {
            assertThat(line.target()).isEqualTo(reported.target());
            assertThat(line.ratio()).isBetween(BigDecimal.ZERO, rules.ratioCap()).hasScaleOf(4);
        } else {
            assertThat(line.ratio()).isNull();
        }
    }

    /** Standings keys 1 to 4 (rulebook section 4): {@code a} is listed before {@code b}. */
    static void assertInStandingsOrder(UnitScore a, UnitScore b) {
        int byScore = a.score().compareTo(b.score());
        assertThat(byScore).as("%s before %s: score", a.unitCode(), b.unitCode()).isGreaterThanOrEqualTo(0);
        if (byScore > 0) {
            return;
        }
        if (a.womenPreferred() != b.womenPreferred()) {
            assertThat(a.womenPreferred()).as("%s before %s: women", a.unitCode(), b.unitCode()).isTrue();
            return;
        }
        assertThat(a.targetsMet()).as("%s before %s: targets", a.unitCode(), b.unitCode())
                .isGreaterThanOrEqualTo(b.targetsMet());
        if (a.targetsMet() == b.targetsMet()) {
            assertThat(a.unitCode()).as("%s before %s: unit code", a.unitCode(), b.unitCode())
                    .isLessThan(b.unitCode());
        }
    }

    /** Rulebook section 3 with the default thresholds 90, 70 and 50. */
    static Rating expectedRating(BigDecimal score) {
        if (score.compareTo(BigDecimal.valueOf(90)) >= 0) {
            return Rating.XUAT_SAC;
        }
        if (score.compareTo(BigDecimal.valueOf(70)) >= 0) {
            return Rating.TOT;
        }
        return score.compareTo(BigDecimal.valueOf(50)) >= 0 ? Rating.HOAN_THANH : Rating.KHONG_HOAN_THANH;
    }

    /**
     * The block-relative measure (capped r for TARGET/TARGET_LOWER, A for RELATIVE) to 20 digits: enough to find
     * the best units; null when not reported.
     */
    static BigDecimal measure(Criterion criterion, ResultValue r, Rules rules) {
        if (r == null) {
            return null;
        }
        BigDecimal value = switch (criterion.method()) {
            case TARGET -> r.actual().divide(r.target(), 20, RoundingMode.HALF_UP);
            case TARGET_LOWER -> r.actual().signum() == 0 ? rules.ratioCap()
                    : r.target().divide(r.actual(), 20, RoundingMode.HALF_UP);
            default -> r.actual();
        };
        return criterion.method().hasTarget() ? value.min(rules.ratioCap()) : value;
    }

    /** A better result of the same criterion: higher actual, lower for TARGET_LOWER and PENALTY, done. */
    static ResultValue improved(Criterion criterion, ResultValue r, Random random) {
        BigDecimal delta = criterion.method().isCount() || criterion.method() == Method.PASS_FAIL
                ? BigDecimal.valueOf(1 + random.nextInt(5))
                : BigDecimal.valueOf(1 + random.nextInt(10_000), 2);
        BigDecimal actual = switch (criterion.method()) {
            case TARGET_LOWER, PENALTY -> r.actual().subtract(delta).max(BigDecimal.ZERO);
            case PASS_FAIL -> BigDecimal.ONE;
            default -> r.actual().add(delta);
        };
        return new ResultValue(r.target(), actual);
    }

    static BigDecimal points(BlockStandings s, String unit, String criterion) {
        return s.row(unit).orElseThrow().unit().criteria().stream().filter(l -> l.criterion().equals(criterion))
                .findFirst().orElseThrow().points();
    }

    static ResultValue reported(Case c, String unit, String criterion) {
        UnitInput in = c.inputs().get(unit);
        return in == null ? null : in.results().get(criterion);
    }

    static BigDecimal sumOf(Block block, Method method) {
        return block.criteria().stream().filter(cr -> cr.method() == method).map(Criterion::maxPoints)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    // ---- generation ---------------------------------------------------------------------------------------------

    /** Runs {@code property} on {@value #CASES} cases; a failure names the seed that reproduces it. */
    static void forEveryCase(Consumer<Case> property) {
        Random seeds = new Random(BASE_SEED);
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            try {
                property.accept(randomCase(seed));
            } catch (AssertionError e) {
                throw new AssertionError("case %d failed (case seed %d, base seed %d): %s".formatted(i, seed,
                        BASE_SEED, e.getMessage()), e);
            }
        }
    }

    static Case randomCase(long seed) {
        Random random = new Random(seed);
        Block block = randomBlock(random);
        Rules defaults = Rules.DEFAULTS;
        Rules rules = new Rules(new BigDecimal(RATIO_CAPS.get(random.nextInt(RATIO_CAPS.size()))),
                defaults.govFlagShare(), defaults.xuatSac(), defaults.tot(), defaults.hoanThanh());
        boolean degenerate = random.nextInt(10) == 0;
        Map<String, UnitInput> inputs = new LinkedHashMap<>();
        for (String unit : block.units()) {
            if (random.nextInt(10) == 0) {
                continue; // reported nothing at all
            }
            Map<String, ResultValue> results = new LinkedHashMap<>();
            for (Criterion criterion : block.criteria()) {
                if (random.nextInt(100) < 85) {
                    results.put(criterion.code(), randomResult(criterion.method(), degenerate, random));
                }
            }
            int total = 1 + random.nextInt(60);
            Members members = random.nextInt(10) < 6 ? new Members(total, random.nextInt(total + 1)) : null;
            inputs.put(unit, new UnitInput(unit, results, members));
        }
        return new Case(block, rules, inputs, seed);
    }

    /** 1 to 6 units; 1 to 6 scored criteria whose maxPoints (in cents) add up to 100; 0 to 2 BONUS and PENALTY. */
    static Block randomBlock(Random random) {
        List<String> units = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            units.add("DV-%c%d".formatted((char) ('A' + random.nextInt(26)), i));
        }
        List<Criterion> criteria = new ArrayList<>();
        int k = 1 + random.nextInt(6);
        List<Integer> cuts = new ArrayList<>(List.of(0, 10_000));
        while (cuts.size() < k + 1) {
            int cut = 1 + random.nextInt(9_999);
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        Collections.sort(cuts);
        for (int i = 0; i < k; i++) {
            Method method = SCORED.get(random.nextInt(SCORED.size()));
            BigDecimal ms = BigDecimal.valueOf(cuts.get(i + 1) - cuts.get(i), 2);
            criteria.add(criterion("TC" + i, method, ms, random));
        }
        for (Method method : List.of(Method.BONUS, Method.PENALTY)) {
            for (int i = random.nextInt(3); i > 0; i--) {
                criteria.add(criterion(method.name().charAt(0) + "" + i, method,
                        BigDecimal.valueOf(50 + random.nextInt(951), 2), random));
            }
        }
        Collections.shuffle(criteria, random);
        return new Block("KHOI", "Khối thử", units.get(0), units, criteria);
    }

    static Criterion criterion(String code, Method method, BigDecimal maxPoints, Random random) {
        BigDecimal perItem = method.isCount() ? BigDecimal.valueOf(25 + random.nextInt(500), 2) : null;
        return new Criterion(code, "Tiêu chí " + code, method, maxPoints, perItem);
    }

    static ResultValue randomResult(Method method, boolean degenerate, Random random) {
        return switch (method) {
            case TARGET, TARGET_LOWER -> {
                BigDecimal target = BigDecimal.valueOf(1 + random.nextInt(10_000), 2);
                int pick = random.nextInt(10);
                BigDecimal actual = degenerate || pick < 2 ? target
                        : pick < 3 ? BigDecimal.ZERO : BigDecimal.valueOf(random.nextInt(20_001), 2 + random.nextInt(2));
                yield new ResultValue(target, actual);
            }
            case RELATIVE -> new ResultValue(null, degenerate ? BigDecimal.ZERO
                    : BigDecimal.valueOf(random.nextInt(50_001), random.nextInt(3)));
            case PASS_FAIL -> new ResultValue(null, BigDecimal.valueOf(random.nextInt(2)));
            default -> new ResultValue(null, BigDecimal.valueOf(degenerate ? 0 : random.nextInt(31)));
        };
    }
}
