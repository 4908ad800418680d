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
        // a table has a dozen criteria: a loop is faster than a map or a stream; the hashes (cached in the
        // strings) spare most comparisons of codes that share a prefix
        int hash = criterionCode.hashCode();
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            if (c.code().hashCode() == hash && c.code().equals(criterionCode)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
