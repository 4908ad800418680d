package vn.tdkt.hub.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PeriodDefTest {

    private static Block block(String code, String... units) {
        return new Block(code, "Khối " + code, units[0], List.of(units), List.of());
    }

    private final Block kt = block("KT", "SO-KHDT", "SO-TC");
    private final Block vx = block("VX", "SO-YT", "SO-GDDT", "SO-VHTTDL");
    private final PeriodDef period = new PeriodDef("2023", List.of(kt, vx));

    @Test
    void everyUnitFindsItsOwnBlockAndNoOtherUnitFindsOne() {
        assertThat(period.blockOfUnit("SO-KHDT")).contains(kt);
        assertThat(period.blockOfUnit("SO-TC")).contains(kt);
        assertThat(period.blockOfUnit("SO-YT")).contains(vx);
        assertThat(period.blockOfUnit("SO-VHTTDL")).contains(vx);
        assertThat(period.blockOfUnit("UBND-PL")).isEmpty();
        assertThat(period.blockOfUnit("so-tc")).isEmpty();
        assertThat(period.blockOfUnit(null)).isEmpty();
    }

    @Test
    void itsBlocksCannotBeChangedFromOutside() {
        List<Block> blocks = new ArrayList<>(List.of(kt));
        PeriodDef def = new PeriodDef("2024", blocks);
        blocks.add(vx);
        assertThat(def.blocks()).containsExactly(kt);
        assertThat(def.blockOfUnit("SO-YT")).isEmpty();
    }

    @Test
    void twoDefinitionsWithTheSamePeriodAndBlocksAreEqual() {
        PeriodDef same = new PeriodDef("2023", List.of(kt, vx));
        assertThat(same).isEqualTo(period).hasSameHashCodeAs(period);
        assertThat(new PeriodDef("2024", List.of(kt, vx))).isNotEqualTo(period);
        assertThat(new PeriodDef("2023", List.of(vx, kt))).isNotEqualTo(period);
        assertThat(period.block("VX")).contains(vx);
        assertThat(period.blocksByCode()).containsOnlyKeys("KT", "VX");
    }
}
