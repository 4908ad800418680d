package vn.tdkt.hub.domain.registry;

import java.util.List;
import java.util.Optional;

/** An emulation block [khối thi đua] of one period, with its scoring table. */
public record Block(String code, String name, String leaderUnit, List<String> units, List<Criterion> criteria) {

    public Block {
        units = List.copyOf(units);
        criteria = List.copyOf(criteria);
    }

    public Optional<Criterion> criterion(String criterionCode) {
        return criteria.stream().filter(c -> c.code().equals(criterionCode)).findFirst();
    }
}
