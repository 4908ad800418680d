package vn.tdkt.hub.domain.award;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.domain.award.ClosingBuilder.HUYEN;
import static vn.tdkt.hub.domain.award.ClosingBuilder.KT_TH;
import static vn.tdkt.hub.domain.award.ClosingBuilder.VH_XH;
import static vn.tdkt.hub.domain.award.ClosingBuilder.complete;
import static vn.tdkt.hub.domain.award.ClosingBuilder.nominee;
import static vn.tdkt.hub.domain.registry.Rating.TOT;
import static vn.tdkt.hub.domain.registry.Rating.XUAT_SAC;
import static vn.tdkt.hub.domain.submission.InitiativeLevel.GRASSROOTS;
import static vn.tdkt.hub.domain.submission.InitiativeLevel.PROVINCE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** Output order (letter numbering, rulebook section 6), awardId format and determinism. */
class OrderingAndDeterminismTest {

    /**
     * Every award type at once, as independent steps whose order can be shuffled.
     * <ul>
     *   <li>HUYEN: UBND-PL 95 (flag), UBND-BL 93 and UBND-LN 91 (XUAT_SAC 2 years -> collective certificates);
     *       mean (95 + 93 + 91) / 3 = 93.00, block rank 1</li>
     *   <li>KT-TH: SO-TC 92 (flag), SO-KHDT 90 (XUAT_SAC 2 years -> certificate); mean 91.00, rank 2</li>
     *   <li>VH-XH: SO-YT 80 (TOT: no flag), SO-GDDT 75; mean 77.50, rank 3</li>
     *   <li>2 flags -> quota max(1, floor(0.20 x 2) = 0) = 1 -> UBND-PL (95 > 92)</li>
     *   <li>UBND-BL/NV-9 and UBND-BL/NV-10 soldiers 2021-2023 with a PROVINCE initiative -> provincial soldiers;
     *       UBND-BL/a-1 and SO-TC/NV-5 soldiers 2022-2023 -> individual certificates</li>
     *   <li>two holds naming SO-KHDT</li>
     * </ul>
     */
    private static List<Consumer<ClosingBuilder>> steps() {
        List<Consumer<ClosingBuilder>> steps = new ArrayList<>();
        steps.add(b -> b.block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                complete("UBND-PL", "95.00"), complete("UBND-BL", "93.00"), complete("UBND-LN", "91.00")));
        steps.add(b -> b.block(KT_TH, "Khối Kinh tế tổng hợp", "SO-KHDT",
                complete("SO-TC", "92.00"), complete("SO-KHDT", "90.00")));
        steps.add(b -> b.block(VH_XH, "Khối Văn hóa - Xã hội", "SO-GDDT",
                complete("SO-YT", "80.00"), complete("SO-GDDT", "75.00")));
        steps.add(b -> b.blockRank(HUYEN, 1));
        steps.add(b -> b.blockRank(KT_TH, 2));
        steps.add(b -> b.blockRank(VH_XH, 3));
        for (String unit : List.of("UBND-BL", "UBND-LN", "SO-KHDT", "UBND-PL")) {
            steps.add(b -> b.previousRating(unit, XUAT_SAC));
        }
        for (String year : List.of("2021", "2022", "2023")) {
            steps.add(b -> b.nominee(year, "UBND-BL", nominee("NV-9", "Phạm Thị Thu", TOT, true, PROVINCE)));
            steps.add(b -> b.nominee(year, "UBND-BL", nominee("NV-10", "Đỗ Văn Hùng", TOT, true, PROVINCE)));
        }
        for (String year : List.of("2022", "2023")) {
            steps.add(b -> b.nominee(year, "UBND-BL", nominee("a-1", "Vũ Thị Mai", TOT, true, GRASSROOTS)));
            steps.add(b -> b.nominee(year, "SO-TC", nominee("NV-5", "Hoàng Văn Minh", TOT, true)));
        }
        steps.add(b -> b.hold("SO-KHDT", null, "Đang thanh tra"));
        steps.add(b -> b.hold("SO-KHDT", null, "Có đơn khiếu nại"));
        return steps;
    }

    private static List<Award> decide(List<Consumer<ClosingBuilder>> steps) {
        ClosingBuilder builder = new ClosingBuilder("2023");
        steps.forEach(step -> step.accept(builder));
        return builder.decide();
    }

    @Test
    void awardsAreInTableOrderThenRecipientInCharacterCodeOrder() {
        List<Award> awards = decide(steps());

        // Award codes in table order (not alphabetical: CO_THI_DUA_TINH before BANG_KHEN_TAP_THE, GIAI_KHOI_BA
        // after GIAI_KHOI_NHI); recipients in String.compareTo order: "SO-…" < "UBND-…", "NV-10" < "NV-9"
        // ('1' < '9'), "NV-10" < "a-1" (upper case 'N' = 78 < 'a' = 97).
        assertThat(awards).extracting(Award::awardId).containsExactly(
                "2023:CO_THI_DUA_TINH:SO-TC",
                "2023:CO_THI_DUA_TINH:UBND-PL",
                "2023:BANG_KHEN_TAP_THE:SO-KHDT",
                "2023:BANG_KHEN_TAP_THE:UBND-BL",
                "2023:BANG_KHEN_TAP_THE:UBND-LN",
                "2023:CO_THI_DUA_CHINH_PHU:UBND-PL",
                "2023:GIAI_KHOI_NHAT:HUYEN",
                "2023:GIAI_KHOI_NHI:KT-TH",
                "2023:GIAI_KHOI_BA:VH-XH",
                "2023:CHIEN_SI_THI_DUA_TINH:UBND-BL/NV-10",
                "2023:CHIEN_SI_THI_DUA_TINH:UBND-BL/NV-9",
                "2023:BANG_KHEN_CA_NHAN:SO-TC/NV-5",
                "2023:BANG_KHEN_CA_NHAN:UBND-BL/a-1");
        assertThat(awards).allSatisfy(a -> {
            assertThat(a.period()).isEqualTo("2023");
            assertThat(a.awardId()).isEqualTo("2023:" + a.awardCode().name() + ":" + a.recipient());
        });
    }

    @Test
    void severalHoldsOnOneRecipientJoinTheirReasonsInCharacterOrder() {
        // "Có …" < "Đang …": 'C' (U+0043) < 'Đ' (U+0110).
        Award certificate = decide(steps()).get(2);

        assertThat(certificate.awardId()).isEqualTo("2023:BANG_KHEN_TAP_THE:SO-KHDT");
        assertThat(certificate.status()).isEqualTo(AwardStatus.WITHHELD);
        assertThat(certificate.reason().facts()).containsEntry("holdReason", "Có đơn khiếu nại; Đang thanh tra");
    }

    @Test
    void sameFactsGiveTheSameListWhateverTheInputOrder() {
        List<Award> reference = decide(steps());
        for (long seed = 1; seed <= 20; seed++) {
            List<Consumer<ClosingBuilder>> shuffled = steps();
            Collections.shuffle(shuffled, new Random(seed));

            List<Award> awards = decide(shuffled);

            assertThat(awards).isEqualTo(reference);
            // toString also shows the order of the facts maps, which equals() ignores.
            assertThat(awards.toString()).isEqualTo(reference.toString());
        }
    }
}
