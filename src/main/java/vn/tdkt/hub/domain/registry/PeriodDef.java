package vn.tdkt.hub.domain.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One emulation year [kỳ thi đua] of the registry: its blocks, each listing the units taking part. */
public record PeriodDef(String period, List<Block> blocks) {

    public PeriodDef {
        blocks = List.copyOf(blocks);
    }

    public Optional<Block> block(String blockCode) {
        return blocks.stream().filter(b -> b.code().equals(blockCode)).findFirst();
    }

    /** The block the unit belongs to in this period, if it takes part. */
    public Optional<Block> blockOfUnit(String unitCode) {
        return blocks.stream().filter(b -> b.units().contains(unitCode)).findFirst();
    }

    public Map<String, Block> blocksByCode() {
        Map<String, Block> map = new LinkedHashMap<>();
        blocks.forEach(b -> map.put(b.code(), b));
        return map;
    }
}
