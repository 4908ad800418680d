package vn.tdkt.hub.domain.letter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardCode;
import vn.tdkt.hub.domain.award.AwardReason;
import vn.tdkt.hub.domain.award.AwardStatus;
import vn.tdkt.hub.domain.registry.Issuer;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.RegistryLoader;

/**
 * Awards of 2023 for the letter tests, on the demo registry (Hà Nam): UBND huyện Bình Lục (UBND-BL,
 * ubndbl@hanam.example) in block DP "Khối các huyện, thị xã, thành phố", led by UBND thành phố Phủ Lý (UBND-PL,
 * ubndpl@hanam.example); the office is tdkt@hanam.example. Facts use the keys AwardDecider records.
 */
final class LetterFixtures {

    static final Registry REGISTRY = demoRegistry();
    static final Issuer ISSUER = REGISTRY.issuer();
    static final Path TEMPLATES = Path.of("templates");
    static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
    static final LocalDate ISSUED_ON = LocalDate.of(2024, 1, 5);
    static final String NUMBER = "12/TB-HĐTĐKT";
    static final String MAIL_DOMAIN = "tdkt.hanam.example";
    static final String BLOCK_NAME = "Khối các huyện, thị xã, thành phố";

    private LetterFixtures() {
    }

    static Award unitFlag() {
        return unitFlag("UBND huyện Bình Lục");
    }

    /** CO_THI_DUA_TINH for UBND-BL, under the given recipient name. */
    static Award unitFlag(String recipientName) {
        Map<String, Object> facts = facts("blockCode", "DP", "blockName", BLOCK_NAME, "rank", 1, "complete", true,
                "score", new BigDecimal("96.45"), "rating", "XUAT_SAC", "xuatSacThreshold", new BigDecimal("90"));
        return Award.of("2023", AwardCode.CO_THI_DUA_TINH, AwardStatus.GRANTED, "UBND-BL", "DP", null, null,
                recipientName, new AwardReason("Đơn vị xếp hạng nhất khối thi đua, đã báo cáo đầy đủ các tiêu chí"
                        + " và được xếp loại Hoàn thành xuất sắc nhiệm vụ", AwardCode.CO_THI_DUA_TINH.legalBasis(),
                        facts));
    }

    static Award personCertificate() {
        return personCertificate("Nguyễn Thị Hoa");
    }

    /** BANG_KHEN_CA_NHAN for staff NV-0042 of UBND-BL, soldier in 2022 and 2023. */
    static Award personCertificate(String fullName) {
        Map<String, Object> years = new LinkedHashMap<>();
        years.put("2022", facts("rating", "XUAT_SAC", "grassrootsEmulationSoldier", true,
                "grassrootsInitiatives", 1, "provinceInitiatives", 0));
        years.put("2023", facts("rating", "TOT", "grassrootsEmulationSoldier", true,
                "grassrootsInitiatives", 0, "provinceInitiatives", 1));
        Map<String, Object> facts = facts("years", years, "initiatives", 2, "soldierTwoYears", true,
                "excellentTwoYearsWithInitiatives", false);
        return Award.of("2023", AwardCode.BANG_KHEN_CA_NHAN, AwardStatus.GRANTED, "UBND-BL", "DP", "NV-0042",
                fullName, fullName, new AwardReason("Chưa được tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm nay,"
                        + " đạt danh hiệu Chiến sĩ thi đua cơ sở 2 năm liên tục",
                        AwardCode.BANG_KHEN_CA_NHAN.legalBasis(), facts));
    }

    /** GIAI_KHOI_NHAT for block DP, addressed to its leading unit UBND-PL. */
    static Award blockPrize() {
        Map<String, Object> facts = facts("blockCode", "DP", "blockName", BLOCK_NAME, "blockRank", 1,
                "meanScore", new BigDecimal("91.20"), "rankedBlocks", 8, "leaderUnit", "UBND-PL");
        return Award.of("2023", AwardCode.GIAI_KHOI_NHAT, AwardStatus.GRANTED, "UBND-PL", "DP", null, null,
                BLOCK_NAME, new AwardReason("Khối thi đua xếp hạng 1 trong các khối theo điểm trung bình của các"
                        + " đơn vị đã báo cáo đầy đủ các tiêu chí", AwardCode.GIAI_KHOI_NHAT.legalBasis(), facts));
    }

    /** CO_THI_DUA_CHINH_PHU proposed for UBND-BL. */
    static Award proposal() {
        Map<String, Object> facts = facts("blockCode", "DP", "blockName", BLOCK_NAME,
                "score", new BigDecimal("96.45"), "allTargetsMet", true, "targetsMet", 4, "position", 1,
                "flagCount", 8, "quota", 1);
        return Award.of("2023", AwardCode.CO_THI_DUA_CHINH_PHU, AwardStatus.PROPOSED, "UBND-BL", "DP", null, null,
                "UBND huyện Bình Lục", new AwardReason("Đơn vị được tặng Cờ thi đua của UBND tỉnh năm nay, hoàn"
                        + " thành tất cả các chỉ tiêu", AwardCode.CO_THI_DUA_CHINH_PHU.legalBasis(), facts));
    }

    /** BANG_KHEN_TAP_THE for UBND-LN, withheld by a hold. */
    static Award withheld() {
        Map<String, Object> facts = facts("blockCode", "DP", "rank", 2, "score", new BigDecimal("93.10"),
                "holdReason", "Đang thanh tra");
        return Award.of("2023", AwardCode.BANG_KHEN_TAP_THE, AwardStatus.WITHHELD, "UBND-LN", "DP", null, null,
                "UBND huyện Lý Nhân", new AwardReason("Tập thể được xếp loại Hoàn thành xuất sắc nhiệm vụ 2 năm"
                        + " liên tục", AwardCode.BANG_KHEN_TAP_THE.legalBasis(), facts));
    }

    static Letter letter(Award award) {
        return letter(award, REGISTRY);
    }

    static Letter letter(Award award, Registry registry) {
        return Letter.of(award, registry, NUMBER, ISSUED_ON, VerificationCode.of(award.awardId(), NUMBER, SECRET),
                MAIL_DOMAIN);
    }

    private static Map<String, Object> facts(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Registry demoRegistry() {
        try (InputStream in = LetterFixtures.class.getResourceAsStream("/demo/registry.yaml")) {
            return RegistryLoader.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
