package vn.tdkt.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Issuer;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.RegistryException;
import vn.tdkt.hub.domain.registry.Rules;
import vn.tdkt.hub.domain.registry.Unit;

class DemoRegistryTest {

    private final Registry registry = RegistryHolder.fromClasspath(RegistryHolder.DEMO_RESOURCE, Set::of).current();

    @Test
    void issuerAndRulesAreThoseOfTheContract() {
        assertThat(registry.issuer()).isEqualTo(new Issuer("UBND TỈNH HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                "Hà Nam", "CHỦ TỊCH", "Trương Quốc Huy", "tdkt@hanam.example"));
        assertThat(registry.rules()).isEqualTo(Rules.DEFAULTS);
    }

    @Test
    void fourPeriodsOfEightBlocksWithTheSameBlocksAndUnits() {
        assertThat(registry.periodNames()).containsExactly("2021", "2022", "2023", "2024");
        PeriodDef p2021 = registry.period("2021").orElseThrow();
        assertThat(p2021.blocks()).hasSize(8);
        assertThat(registry.period("2022")).contains(new PeriodDef("2022", p2021.blocks()));
        assertThat(registry.period("2023")).contains(new PeriodDef("2023", p2021.blocks()));
        assertThat(registry.period("2024")).contains(new PeriodDef("2024", p2021.blocks()));
    }

    @Test
    void everyUnitTakesPartInExactlyOneBlock() {
        assertThat(registry.units()).hasSizeBetween(55, 70);
        assertThat(registry.units().values()).allSatisfy(unit ->
                assertThat(unit.email()).endsWith("@hanam.example"));
        List<String> unitsInBlocks = registry.period("2023").orElseThrow().blocks().stream()
                .flatMap(b -> b.units().stream()).toList();
        assertThat(unitsInBlocks).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(registry.units().keySet());
        for (Block block : registry.period("2023").orElseThrow().blocks()) {
            assertThat(block.units()).as(block.code()).hasSizeBetween(4, 10).contains(block.leaderUnit());
        }
    }

    @Test
    void theSixDistrictLevelLocalitiesFormOneBlock() {
        Block localities = registry.blockOf("2023", "UBND-PL").orElseThrow();
        assertThat(localities.units())
                .containsExactlyInAnyOrder("UBND-PL", "UBND-DT", "UBND-KB", "UBND-TL", "UBND-BL", "UBND-LN");
        assertThat(registry.unit("UBND-PL")).map(Unit::name).contains("UBND thành phố Phủ Lý");
        assertThat(localities.criteria()).extracting(Criterion::name).contains("Tỷ lệ hộ nghèo",
                "Số doanh nghiệp thành lập mới", "Thực hiện văn hóa công sở", "Khen thưởng cấp trên",
                "Vi phạm bị nhắc nhở");
    }

    @Test
    void everyTableHasTenCriteriaOfAllSevenMethodsWorth100Points() {
        for (PeriodDef period : registry.periods().values()) {
            for (Block block : period.blocks()) {
                String table = period.period() + "/" + block.code();
                BigDecimal points = block.criteria().stream().filter(c -> !c.method().isOptional())
                        .map(Criterion::maxPoints).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(points).as(table).isEqualByComparingTo("100");
                assertThat(block.criteria()).as(table).hasSize(10);
                assertThat(EnumSet.copyOf(block.criteria().stream().map(Criterion::method).toList()))
                        .as(table).isEqualTo(EnumSet.allOf(Method.class));
            }
        }
    }

    @Test
    void aMissingResourceIsARegistryProblem() {
        assertThatThrownBy(() -> RegistryHolder.fromClasspath("demo/nothing-here.yaml", Set::of))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("cannot read classpath:demo/nothing-here.yaml");
    }
}
