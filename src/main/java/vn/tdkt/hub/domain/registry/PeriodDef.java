package vn.tdkt.hub.domain.registry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One emulation year [kỳ thi đua] of the registry: its blocks, each listing the units taking part. Immutable; equal
 * when period and blocks are equal. The unit-to-block index is built once: the intake asks for a unit's block at
 * least twice per submission.
 */
public final class PeriodDef {

    private final String period;
    private final List<Block> blocks;
    private final Map<String, Block> blockOfUnit;

    public PeriodDef(String period, List<Block> blocks) {
        this.period = period;
        this.blocks = List.copyOf(blocks);
        Map<String, Block> index = new HashMap<>();
        for (Block b : this.blocks) {
            for (String unit : b.units()) {
                index.putIfAbsent(unit, b); // the first block listing the unit, as a scan of the blocks would find
            }
        }
        this.blockOfUnit = index;
    }

    public String period() {
        return period;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public Optional<Block> block(String blockCode) {
        return blocks.stream().filter(b -> b.code().equals(blockCode)).findFirst();
    }

    /** The block the unit belongs to in this period, if it takes part. */
    public Optional<Block> blockOfUnit(String unitCode) {
        return Optional.ofNullable(unitCode == null ? null : blockOfUnit.get(unitCode));
    }

    public Map<String, Block> blocksByCode() {
        Map<String, Block> map = new LinkedHashMap<>();
        blocks.forEach(b -> map.put(b.code(), b));
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeriodDef other && period.equals(other.period) && blocks.equals(other.blocks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(period, blocks);
    }

    @Override
    public String toString() {
        return "PeriodDef[period=" + period + ", blocks=" + blocks + "]";
    }
}
