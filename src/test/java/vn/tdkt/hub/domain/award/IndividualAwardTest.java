package vn.tdkt.hub.domain.award;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.domain.award.ClosingBuilder.HUYEN;
import static vn.tdkt.hub.domain.award.ClosingBuilder.complete;
import static vn.tdkt.hub.domain.award.ClosingBuilder.ids;
import static vn.tdkt.hub.domain.award.ClosingBuilder.nominee;
import static vn.tdkt.hub.domain.award.ClosingBuilder.of;
import static vn.tdkt.hub.domain.registry.Rating.HOAN_THANH;
import static vn.tdkt.hub.domain.registry.Rating.TOT;
import static vn.tdkt.hub.domain.registry.Rating.XUAT_SAC;
import static vn.tdkt.hub.domain.submission.InitiativeLevel.GRASSROOTS;
import static vn.tdkt.hub.domain.submission.InitiativeLevel.PROVINCE;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** CHIEN_SI_THI_DUA_TINH and BANG_KHEN_CA_NHAN (rulebook section 5, individuals). */
class IndividualAwardTest {

    private static final String HOA = "Nguyễn Thị Hoa";
    private static final String NAM = "Trần Văn Nam";

    /** Closing of 2023 over the registry periods 2021, 2022, 2023; UBND-BL is in block HUYEN. */
    private static ClosingBuilder closing() {
        return new ClosingBuilder("2023").block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                complete("UBND-PL", "88.00"), complete("UBND-BL", "86.00"), complete("UBND-LN", "84.00"));
    }

    @Test
    void soldierThreeConsecutiveYearsWithAProvinceInitiativeIsProvincialSoldier() {
        // Grassroots soldier 2021, 2022, 2023 (3 consecutive) and a PROVINCE initiative in 2021 (the oldest of
        // the 3 periods, which still counts) -> CHIEN_SI_THI_DUA_TINH, and therefore no BANG_KHEN_CA_NHAN even
        // though the certificate's conditions (soldier 2022 and 2023) hold too.
        List<Award> awards = closing()
                .nominee("2021", "UBND-BL", nominee("NV-0042", HOA, TOT, true, PROVINCE))
                .nominee("2022", "UBND-BL", nominee("NV-0042", HOA, XUAT_SAC, true))
                .nominee("2023", "UBND-BL", nominee("NV-0042", HOA, XUAT_SAC, true, GRASSROOTS))
                .decide();

        assertThat(ids(awards, AwardCode.CHIEN_SI_THI_DUA_TINH))
                .containsExactly("2023:CHIEN_SI_THI_DUA_TINH:UBND-BL/NV-0042");
        assertThat(of(awards, AwardCode.BANG_KHEN_CA_NHAN)).isEmpty();
        Award soldier = of(awards, AwardCode.CHIEN_SI_THI_DUA_TINH).get(0);
        assertThat(soldier.status()).isEqualTo(AwardStatus.GRANTED);
        assertThat(soldier.recipientType()).isEqualTo(RecipientType.PERSON);
        assertThat(soldier.awardName()).isEqualTo("Chiến sĩ thi đua cấp tỉnh");
        assertThat(soldier.unitCode()).isEqualTo("UBND-BL");
        assertThat(soldier.blockCode()).isEqualTo(HUYEN);
        assertThat(soldier.staffCode()).isEqualTo("NV-0042");
        assertThat(soldier.fullName()).isEqualTo(HOA);
        assertThat(soldier.recipientName()).isEqualTo(HOA);
        assertThat(soldier.reason().legalBasis()).isEqualTo("Luật Thi đua, khen thưởng 2022, Điều 22");
        Map<String, Object> years = yearsOf(soldier);
        assertThat(years.keySet()).containsExactly("2021", "2022", "2023");
        assertThat(years.get("2021")).isEqualTo(Map.of("rating", "TOT", "grassrootsEmulationSoldier", true,
                "grassrootsInitiatives", 0, "provinceInitiatives", 1));
        assertThat(soldier.reason().facts()).containsEntry("provinceInitiatives", 1);
    }

    @Test
    void soldierThreeYearsWithoutProvinceInitiativeGetsOnlyTheCertificate() {
        // 3 soldier years but only GRASSROOTS initiatives -> no CHIEN_SI_THI_DUA_TINH; soldier 2022 and 2023 ->
        // BANG_KHEN_CA_NHAN (first alternative).
        List<Award> awards = closing()
                .nominee("2021", "UBND-BL", nominee("NV-0042", HOA, TOT, true, GRASSROOTS))
                .nominee("2022", "UBND-BL", nominee("NV-0042", HOA, TOT, true, GRASSROOTS))
                .nominee("2023", "UBND-BL", nominee("NV-0042", HOA, TOT, true))
                .decide();

        assertThat(of(awards, AwardCode.CHIEN_SI_THI_DUA_TINH)).isEmpty();
        assertThat(ids(awards, AwardCode.BANG_KHEN_CA_NHAN)).containsExactly("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0042");
        Award certificate = of(awards, AwardCode.BANG_KHEN_CA_NHAN).get(0);
        assertThat(certificate.reason().rule()).contains("Chiến sĩ thi đua cơ sở 2 năm liên tục");
        assertThat(certificate.reason().legalBasis()).isEqualTo("Luật Thi đua, khen thưởng 2022, Điều 74");
        assertThat(certificate.reason().facts())
                .containsEntry("soldierTwoYears", true)
                .containsEntry("excellentTwoYearsWithInitiatives", false)
                .containsEntry("initiatives", 1);
        assertThat(yearsOf(certificate).keySet()).containsExactly("2022", "2023");
    }

    @Test
    void soldierOnlyTwoYearsIsNotProvincialSoldierEvenWithProvinceInitiatives() {
        // 2021 not a grassroots soldier: only 2 consecutive soldier years -> certificate, not provincial soldier.
        List<Award> awards = closing()
                .nominee("2021", "UBND-BL", nominee("NV-0042", HOA, TOT, false, PROVINCE))
                .nominee("2022", "UBND-BL", nominee("NV-0042", HOA, TOT, true, PROVINCE))
                .nominee("2023", "UBND-BL", nominee("NV-0042", HOA, TOT, true, PROVINCE))
                .decide();

        assertThat(of(awards, AwardCode.CHIEN_SI_THI_DUA_TINH)).isEmpty();
        assertThat(ids(awards, AwardCode.BANG_KHEN_CA_NHAN)).containsExactly("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0042");
    }

    @Test
    void aMissingPeriodBreaksTheThreeYearChain() {
        // The registry has 2022 and 2023 only: a 2021 record (handed in anyway) is not a registry period, so the
        // 3-year chain is incomplete -> no provincial soldier, no error; certificate for 2022 + 2023.
        List<Award> awards = closing()
                .registryPeriods("2022", "2023")
                .nominee("2021", "UBND-BL", nominee("NV-0042", HOA, TOT, true, PROVINCE))
                .nominee("2022", "UBND-BL", nominee("NV-0042", HOA, TOT, true))
                .nominee("2023", "UBND-BL", nominee("NV-0042", HOA, TOT, true))
                .decide();

        assertThat(of(awards, AwardCode.CHIEN_SI_THI_DUA_TINH)).isEmpty();
        assertThat(ids(awards, AwardCode.BANG_KHEN_CA_NHAN)).containsExactly("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0042");
    }

    @Test
    void personAbsentFromThePeriodBeforeGetsNothing() {
        // Soldier 2021 and 2023 but not nominated in 2022: no 2 (let alone 3) consecutive years.
        List<Award> awards = closing()
                .nominee("2021", "UBND-BL", nominee("NV-0042", HOA, XUAT_SAC, true, PROVINCE))
                .nominee("2023", "UBND-BL", nominee("NV-0042", HOA, XUAT_SAC, true, PROVINCE, GRASSROOTS))
                .decide();

        assertThat(awards).filteredOn(a -> a.recipientType() == RecipientType.PERSON).isEmpty();
    }

    @Test
    void excellentTwoYearsNeedsTwoInitiativesAcrossThoseYears() {
        // Not soldiers; both XUAT_SAC in 2022 and 2023:
        //   Hoa: 1 GRASSROOTS (2022) + 1 PROVINCE (2023) = 2 initiatives -> certificate (second alternative)
        //   Nam: 0 (2022) + 1 GRASSROOTS (2023) = 1 initiative -> nothing
        // Initiatives from 2021 are not counted: Nam's 2021 initiatives do not help.
        List<Award> awards = closing()
                .nominee("2021", "UBND-LN", nominee("NV-07", NAM, XUAT_SAC, false, PROVINCE, PROVINCE))
                .nominee("2022", "UBND-BL", nominee("NV-0042", HOA, XUAT_SAC, false, GRASSROOTS))
                .nominee("2023", "UBND-BL", nominee("NV-0042", HOA, XUAT_SAC, false, PROVINCE))
                .nominee("2022", "UBND-LN", nominee("NV-07", NAM, XUAT_SAC, false))
                .nominee("2023", "UBND-LN", nominee("NV-07", NAM, XUAT_SAC, false, GRASSROOTS))
                .decide();

        assertThat(ids(awards, AwardCode.BANG_KHEN_CA_NHAN)).containsExactly("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0042");
        Award certificate = of(awards, AwardCode.BANG_KHEN_CA_NHAN).get(0);
        assertThat(certificate.reason().rule()).contains("hoàn thành xuất sắc nhiệm vụ 2 năm liên tục");
        assertThat(certificate.reason().facts())
                .containsEntry("initiatives", 2)
                .containsEntry("soldierTwoYears", false)
                .containsEntry("excellentTwoYearsWithInitiatives", true);
    }

    @Test
    void excellentOnlyThisYearIsNotEnough() {
        // XUAT_SAC 2023 but HOAN_THANH 2022, 3 initiatives: the excellent alternative needs both years.
        List<Award> awards = closing()
                .nominee("2022", "UBND-BL", nominee("NV-0042", HOA, HOAN_THANH, false, GRASSROOTS, GRASSROOTS))
                .nominee("2023", "UBND-BL", nominee("NV-0042", HOA, XUAT_SAC, false, PROVINCE))
                .decide();

        assertThat(of(awards, AwardCode.BANG_KHEN_CA_NHAN)).isEmpty();
    }

    @Test
    void sameStaffCodeInTwoUnitsIsTwoPeople() {
        // NV-01 of UBND-BL is a soldier 2022 and 2023 -> certificate. NV-01 of UBND-LN is a different person,
        // nominated only in 2023: the UBND-BL 2022 record is not theirs -> nothing.
        List<Award> awards = closing()
                .nominee("2022", "UBND-BL", nominee("NV-01", HOA, TOT, true))
                .nominee("2023", "UBND-BL", nominee("NV-01", HOA, TOT, true))
                .nominee("2023", "UBND-LN", nominee("NV-01", NAM, TOT, true))
                .decide();

        assertThat(ids(awards, AwardCode.BANG_KHEN_CA_NHAN)).containsExactly("2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-01");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yearsOf(Award award) {
        return (Map<String, Object>) award.reason().facts().get("years");
    }
}
