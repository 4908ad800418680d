package vn.tdkt.hub.intake;

import java.util.HashMap;
import java.util.Map;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.scoring.ResultValue;
import vn.tdkt.hub.domain.scoring.UnitInput;
import vn.tdkt.hub.domain.results.CurrentMembers;
import vn.tdkt.hub.domain.results.CurrentResult;

/** The scorer's input for a block, from the stored current results and members of its units. */
public final class BlockInputs {

    private BlockInputs() {
    }

    public static Map<String, UnitInput> of(Block block, Map<String, Map<String, CurrentResult>> results,
                                            Map<String, CurrentMembers> members) {
        Map<String, UnitInput> inputs = new HashMap<>();
        for (String unit : block.units()) {
            Map<String, ResultValue> values = new HashMap<>();
            results.getOrDefault(unit, Map.of()).forEach((crit, r) ->
                    values.put(crit, new ResultValue(r.target(), r.actual())));
            CurrentMembers m = members.get(unit);
            inputs.put(unit, new UnitInput(unit, values, m == null ? null : m.members()));
        }
        return inputs;
    }
}
