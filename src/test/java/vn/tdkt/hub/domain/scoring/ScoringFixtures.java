package vn.tdkt.hub.domain.scoring;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.Rules;

/** Small builders for scoring tests: tables, results and inputs written as decimal strings. */
final class ScoringFixtures {

    private ScoringFixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Criterion crit(String code, Method method, String maxPoints) {
        return new Criterion(code, "Tiêu chí " + code, method, d(maxPoints), null);
    }

    static Criterion crit(String code, Method method, String maxPoints, String pointsPerItem) {
        return new Criterion(code, "Tiêu chí " + code, method, d(maxPoints), d(pointsPerItem));
    }

    static Block block(String code, List<String> units, Criterion... criteria) {
        return new Block(code, "Khối " + code, units.get(0), units, Arrays.asList(criteria));
    }

    /** A result of a TARGET/TARGET_LOWER criterion. */
    static ResultValue tv(String target, String actual) {
        return new ResultValue(d(target), d(actual));
    }

    /** A result of a criterion without a target. */
    static ResultValue av(String actual) {
        return new ResultValue(null, d(actual));
    }

    /** An input from alternating criterion codes and {@link ResultValue}s. */
    static UnitInput input(String unitCode, Members members, Object... codesAndValues) {
        Map<String, ResultValue> results = new LinkedHashMap<>();
        for (int i = 0; i < codesAndValues.length; i += 2) {
            results.put((String) codesAndValues[i], (ResultValue) codesAndValues[i + 1]);
        }
        return new UnitInput(unitCode, results, members);
    }

    static Map<String, UnitInput> byUnit(UnitInput... inputs) {
        Map<String, UnitInput> map = new LinkedHashMap<>();
        for (UnitInput in : inputs) {
            map.put(in.unitCode(), in);
        }
        return map;
    }

    static BlockStandings score(Block block, UnitInput... inputs) {
        return BlockScorer.score("2023", block, Rules.DEFAULTS, byUnit(inputs));
    }

    static UnitScore unit(BlockStandings standings, String unitCode) {
        return standings.row(unitCode).orElseThrow().unit();
    }

    static CriterionScore line(BlockStandings standings, String unitCode, String criterion) {
        return unit(standings, unitCode).criteria().stream()
                .filter(c -> c.criterion().equals(criterion)).findFirst().orElseThrow();
    }

    static BigDecimal points(BlockStandings standings, String unitCode, String criterion) {
        return line(standings, unitCode, criterion).points();
    }

    static List<String> order(BlockStandings standings) {
        return standings.rows().stream().map(r -> r.unit().unitCode()).toList();
    }

    static List<Integer> ranks(BlockStandings standings) {
        return standings.rows().stream().map(StandingRow::rank).toList();
    }
}
