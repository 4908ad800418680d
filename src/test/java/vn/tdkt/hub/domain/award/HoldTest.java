package vn.tdkt.hub.domain.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.tdkt.hub.domain.award.ClosingBuilder.HUYEN;
import static vn.tdkt.hub.domain.award.ClosingBuilder.complete;
import static vn.tdkt.hub.domain.award.ClosingBuilder.nominee;
import static vn.tdkt.hub.domain.registry.Rating.TOT;
import static vn.tdkt.hub.domain.registry.Rating.XUAT_SAC;
import static vn.tdkt.hub.domain.submission.InitiativeLevel.PROVINCE;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Holds at closing time (rulebook section 4): the rules decide first, then holds turn statuses into WITHHELD. */
class HoldTest {

    private static final String INSPECTION = "Đang thanh tra việc quản lý đất đai";
    private static final String DISCIPLINE = "Đang xem xét kỷ luật";

    /**
     * Block HUYEN: UBND-PL rank 1 (95.00) -> flag, and with 1 flag the government quota is
     * max(1, floor(0.20 x 1) = 0) = 1 -> proposal; UBND-BL rank 2 (93.00, XUAT_SAC 2022 and 2023) -> collective
     * certificate. People: Hoa (UBND-BL) soldier 2021-2023 with a PROVINCE initiative -> provincial soldier;
     * Nam (UBND-BL) soldier 2022-2023 -> certificate; Lan (UBND-PL) soldier 2022-2023 -> certificate.
     */
    private static ClosingBuilder closing() {
        ClosingBuilder builder = new ClosingBuilder("2023")
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                        complete("UBND-PL", "95.00"), complete("UBND-BL", "93.00"))
                .previousRating("UBND-BL", XUAT_SAC);
        for (String year : List.of("2021", "2022", "2023")) {
            builder.nominee(year, "UBND-BL", nominee("NV-0042", "Nguyễn Thị Hoa", XUAT_SAC, true, PROVINCE));
        }
        for (String year : List.of("2022", "2023")) {
            builder.nominee(year, "UBND-BL", nominee("NV-0043", "Trần Văn Nam", TOT, true))
                    .nominee(year, "UBND-PL", nominee("NV-0001", "Lê Thị Lan", TOT, true));
        }
        return builder;
    }

    @Test
    void withoutHoldsEverythingIsGrantedOrProposed() {
        // Also the model of a RELEASE: a released hold is simply not in the list.
        assertThat(closing().decide()).extracting(Award::awardId, Award::status).containsExactly(
                tuple("2023:CO_THI_DUA_TINH:UBND-PL", AwardStatus.GRANTED),
                tuple("2023:BANG_KHEN_TAP_THE:UBND-BL", AwardStatus.GRANTED),
                tuple("2023:CO_THI_DUA_CHINH_PHU:UBND-PL", AwardStatus.PROPOSED),
                tuple("2023:CHIEN_SI_THI_DUA_TINH:UBND-BL/NV-0042", AwardStatus.GRANTED),
                tuple("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0043", AwardStatus.GRANTED),
                tuple("2023:BANG_KHEN_CA_NHAN:UBND-PL/NV-0001", AwardStatus.GRANTED));
    }

    @Test
    void unitHoldWithholdsTheUnitsCollectiveAwardsButNotItsPeople() {
        List<Award> awards = closing()
                .hold("UBND-PL", null, INSPECTION)
                .hold("UBND-BL", null, DISCIPLINE)
                .decide();

        assertThat(awards).extracting(Award::awardId, Award::status).containsExactly(
                tuple("2023:CO_THI_DUA_TINH:UBND-PL", AwardStatus.WITHHELD),
                tuple("2023:BANG_KHEN_TAP_THE:UBND-BL", AwardStatus.WITHHELD),
                tuple("2023:CO_THI_DUA_CHINH_PHU:UBND-PL", AwardStatus.WITHHELD),
                tuple("2023:CHIEN_SI_THI_DUA_TINH:UBND-BL/NV-0042", AwardStatus.GRANTED),
                tuple("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0043", AwardStatus.GRANTED),
                tuple("2023:BANG_KHEN_CA_NHAN:UBND-PL/NV-0001", AwardStatus.GRANTED));
        assertThat(awards.get(0).reason().facts()).containsEntry("holdReason", INSPECTION);
        assertThat(awards.get(1).reason().facts()).containsEntry("holdReason", DISCIPLINE);
        assertThat(awards.get(3).reason().facts()).doesNotContainKey("holdReason");
    }

    @Test
    void aHoldWithoutReasonStillWithholdsAndSaysNoReasonWasGiven() {
        List<Award> awards = closing().hold("UBND-PL", null, null).decide();

        assertThat(awards.get(0).awardId()).isEqualTo("2023:CO_THI_DUA_TINH:UBND-PL");
        assertThat(awards.get(0).status()).isEqualTo(AwardStatus.WITHHELD);
        assertThat(awards.get(0).reason().facts()).containsEntry("holdReason", AwardDecider.NO_HOLD_REASON);
    }

    @Test
    void personHoldWithholdsOnlyThatPersonAndBlocksTheCertificate() {
        // Hoa qualifies for CHIEN_SI_THI_DUA_TINH: held, she gets it WITHHELD and no BANG_KHEN_CA_NHAN instead
        // (her soldier 2022-2023 would otherwise qualify). Her unit and her colleague Nam are not affected.
        List<Award> awards = closing()
                .hold("UBND-BL", "NV-0042", DISCIPLINE)
                .decide();

        assertThat(awards).extracting(Award::awardId, Award::status).containsExactly(
                tuple("2023:CO_THI_DUA_TINH:UBND-PL", AwardStatus.GRANTED),
                tuple("2023:BANG_KHEN_TAP_THE:UBND-BL", AwardStatus.GRANTED),
                tuple("2023:CO_THI_DUA_CHINH_PHU:UBND-PL", AwardStatus.PROPOSED),
                tuple("2023:CHIEN_SI_THI_DUA_TINH:UBND-BL/NV-0042", AwardStatus.WITHHELD),
                tuple("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0043", AwardStatus.GRANTED),
                tuple("2023:BANG_KHEN_CA_NHAN:UBND-PL/NV-0001", AwardStatus.GRANTED));
        assertThat(awards.get(3).reason().facts()).containsEntry("holdReason", DISCIPLINE);
    }

    @Test
    void personHoldOnAnotherUnitsStaffCodeDoesNotHoldTheNamesake() {
        // The hold names UBND-PL/NV-0042, a person never nominated: Hoa is UBND-BL/NV-0042, a different person.
        List<Award> awards = closing()
                .hold("UBND-PL", "NV-0042", DISCIPLINE)
                .decide();

        assertThat(awards).extracting(Award::status).doesNotContain(AwardStatus.WITHHELD);
    }
}
