package vn.tdkt.hub.domain.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The province's registry (contracts.md, "Registry"): issuer, rulebook parameters, units and periods.
 * Immutable; a new file produces a new instance.
 */
public record Registry(Issuer issuer, Rules rules, Map<String, Unit> units, Map<String, PeriodDef> periods) {

    public Registry {
        units = Map.copyOf(units);
        periods = Map.copyOf(periods);
    }

    public Optional<Unit> unit(String code) {
        return Optional.ofNullable(units.get(code));
    }

    public Optional<PeriodDef> period(String period) {
        return Optional.ofNullable(periods.get(period));
    }

    /** Periods in ascending order. */
    public List<String> periodNames() {
        return periods.keySet().stream().sorted().toList();
    }

    /** The block of a unit in a period, if the period exists and the unit takes part in it. */
    public Optional<Block> blockOf(String period, String unitCode) {
        return period(period).flatMap(p -> p.blockOfUnit(unitCode));
    }
}
