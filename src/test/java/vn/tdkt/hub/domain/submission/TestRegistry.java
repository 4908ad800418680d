package vn.tdkt.hub.domain.submission;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Issuer;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Rules;
import vn.tdkt.hub.domain.registry.Unit;

/**
 * A small registry for validation tests: period 2023 with block KT-TH (SO-KHDT, SO-TC) and the table of
 * contracts.md; unit UBND-PL is in the registry but in no block of 2023.
 */
public final class TestRegistry {

    private TestRegistry() {
    }

    public static Registry registry() {
        Block ktth = new Block("KT-TH", "Khối Kinh tế tổng hợp", "SO-KHDT", List.of("SO-KHDT", "SO-TC"), List.of(
                criterion("KT1", Method.TARGET, "30", null),
                criterion("KT2", Method.TARGET_LOWER, "20", null),
                criterion("KT3", Method.RELATIVE, "20", null),
                criterion("XH1", Method.PASS_FAIL, "10", null),
                criterion("XH2", Method.COUNT, "20", "5"),
                criterion("TH1", Method.BONUS, "5", "2.5"),
                criterion("TR1", Method.PENALTY, "5", "1")));
        Map<String, Unit> units = Map.of(
                "SO-KHDT", new Unit("SO-KHDT", "Sở Kế hoạch và Đầu tư", "skhdt@hanam.example"),
                "SO-TC", new Unit("SO-TC", "Sở Tài chính", "stc@hanam.example"),
                "UBND-PL", new Unit("UBND-PL", "UBND thành phố Phủ Lý", "ubndpl@hanam.example"));
        Issuer issuer = new Issuer("UBND TỈNH HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Hà Nam", "CHỦ TỊCH",
                "Trương Quốc Huy", "tdkt@hanam.example");
        return new Registry(issuer, Rules.DEFAULTS, units, Map.of("2023", new PeriodDef("2023", List.of(ktth))));
    }

    private static Criterion criterion(String code, Method method, String maxPoints, String perItem) {
        return new Criterion(code, code, method, new BigDecimal(maxPoints),
                perItem == null ? null : new BigDecimal(perItem));
    }
}
