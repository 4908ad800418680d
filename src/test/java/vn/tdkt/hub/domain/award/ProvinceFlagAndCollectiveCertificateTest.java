package vn.tdkt.hub.domain.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static vn.tdkt.hub.domain.award.ClosingBuilder.HUYEN;
import static vn.tdkt.hub.domain.award.ClosingBuilder.KT_TH;
import static vn.tdkt.hub.domain.award.ClosingBuilder.complete;
import static vn.tdkt.hub.domain.award.ClosingBuilder.ids;
import static vn.tdkt.hub.domain.award.ClosingBuilder.incomplete;
import static vn.tdkt.hub.domain.award.ClosingBuilder.of;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Rating;

/** CO_THI_DUA_TINH and BANG_KHEN_TAP_THE (rulebook section 5, collectives). */
class ProvinceFlagAndCollectiveCertificateTest {

    @Test
    void flagAtExactly90IsGrantedButNotAt8999() {
        // Rating XUAT_SAC is S >= 90: 90.00 is XUAT_SAC, 89.99 is TOT (rulebook section 3).
        List<Award> awards = new ClosingBuilder("2023")
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                        complete("UBND-BL", "90.00"), complete("UBND-PL", "85.00"))
                .block(KT_TH, "Khối Kinh tế tổng hợp", "SO-KHDT",
                        complete("SO-TC", "89.99"), complete("SO-KHDT", "80.00"))
                .decide();

        assertThat(ids(awards, AwardCode.CO_THI_DUA_TINH)).containsExactly("2023:CO_THI_DUA_TINH:UBND-BL");
        Award flag = of(awards, AwardCode.CO_THI_DUA_TINH).get(0);
        assertThat(flag.status()).isEqualTo(AwardStatus.GRANTED);
        assertThat(flag.recipientType()).isEqualTo(RecipientType.UNIT);
        assertThat(flag.awardName()).isEqualTo("Cờ thi đua của UBND tỉnh");
        assertThat(flag.unitCode()).isEqualTo("UBND-BL");
        assertThat(flag.blockCode()).isEqualTo(HUYEN);
        assertThat(flag.recipientName()).isEqualTo("UBND huyện Bình Lục");
        assertThat(flag.staffCode()).isNull();
        assertThat(flag.fullName()).isNull();
        assertThat(flag.reason().legalBasis()).isEqualTo("Luật Thi đua, khen thưởng 2022, Điều 26 khoản 1");
        assertThat(flag.reason().rule()).contains("xếp hạng nhất khối");
        assertThat(flag.reason().facts()).containsExactly(
                entry("blockCode", HUYEN),
                entry("blockName", "Khối các huyện, thị xã, thành phố"),
                entry("rank", 1),
                entry("complete", true),
                entry("score", new BigDecimal("90.00")),
                entry("rating", "XUAT_SAC"),
                entry("xuatSacThreshold", new BigDecimal("90")));
    }

    @Test
    void noFlagInABlockWhereNoUnitIsComplete() {
        // The best score 96.50 is incomplete: no rank at all in the block, hence no unit ranked 1 and no flag.
        List<Award> awards = new ClosingBuilder("2023")
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                        incomplete("UBND-LN", "96.50"), incomplete("UBND-PL", "40.00"))
                .decide();

        assertThat(of(awards, AwardCode.CO_THI_DUA_TINH)).isEmpty();
    }

    @Test
    void incompleteTopScorerIsNotRankedOneAndGetsNoFlag() {
        // UBND-LN has the highest score (96.50) but is incomplete: it is listed after the complete units with
        // rank null, so the unit ranked 1 is UBND-TL (91.00, XUAT_SAC), which gets the flag.
        List<Award> awards = new ClosingBuilder("2023")
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                        complete("UBND-TL", "91.00"), complete("UBND-PL", "88.00"), incomplete("UBND-LN", "96.50"))
                .decide();

        assertThat(ids(awards, AwardCode.CO_THI_DUA_TINH)).containsExactly("2023:CO_THI_DUA_TINH:UBND-TL");
    }

    @Test
    void collectiveCertificateNeedsTwoConsecutiveExcellentYearsAndNotRankOne() {
        // 2023 standings of the block, with the 2022 ratings:
        //   rank 1 UBND-PL 95.00 XUAT_SAC, 2022 XUAT_SAC -> flag, no certificate (rank 1 excluded)
        //   rank 2 UBND-BL 93.00 XUAT_SAC, 2022 XUAT_SAC -> certificate (2 consecutive years)
        //   rank 3 UBND-LN 92.00 XUAT_SAC, 2022 TOT      -> only 1 excellent year: nothing
        //   rank 4 UBND-TL 90.00 XUAT_SAC, no 2022 rating -> only 1 year known: nothing
        //   rank 5 UBND-KB 89.99 TOT,      2022 XUAT_SAC -> not excellent this year: nothing
        //   UBND-DT 94.00 incomplete (no rating), 2022 XUAT_SAC -> not complete: nothing
        List<Award> awards = new ClosingBuilder("2023")
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                        complete("UBND-PL", "95.00"), complete("UBND-BL", "93.00"), complete("UBND-LN", "92.00"),
                        complete("UBND-TL", "90.00"), complete("UBND-KB", "89.99"), incomplete("UBND-DT", "94.00"))
                .previousRating("UBND-PL", Rating.XUAT_SAC)
                .previousRating("UBND-BL", Rating.XUAT_SAC)
                .previousRating("UBND-LN", Rating.TOT)
                .previousRating("UBND-KB", Rating.XUAT_SAC)
                .previousRating("UBND-DT", Rating.XUAT_SAC)
                .decide();

        assertThat(ids(awards, AwardCode.BANG_KHEN_TAP_THE)).containsExactly("2023:BANG_KHEN_TAP_THE:UBND-BL");
        assertThat(ids(awards, AwardCode.CO_THI_DUA_TINH)).containsExactly("2023:CO_THI_DUA_TINH:UBND-PL");
        Award certificate = of(awards, AwardCode.BANG_KHEN_TAP_THE).get(0);
        assertThat(certificate.status()).isEqualTo(AwardStatus.GRANTED);
        assertThat(certificate.awardName()).isEqualTo("Bằng khen của Chủ tịch UBND tỉnh");
        assertThat(certificate.recipientName()).isEqualTo("UBND huyện Bình Lục");
        assertThat(certificate.reason().legalBasis()).isEqualTo("Luật Thi đua, khen thưởng 2022, Điều 74");
        assertThat(certificate.reason().facts())
                .containsEntry("rank", 2)
                .containsEntry("score", new BigDecimal("93.00"))
                .containsEntry("ratingsByYear", Map.of("2022", "XUAT_SAC", "2023", "XUAT_SAC"))
                .containsEntry("previousBlockCode", HUYEN);
    }

    @Test
    void previousRatingCountsWhateverBlockTheUnitWasIn() {
        // In 2022 Sở Tài chính competed in the block of the districts' peers "Khối Nội chính"; its 2022 rating
        // XUAT_SAC still makes 2 consecutive excellent years with its 2023 rank 2 (91.00) in Khối Kinh tế tổng hợp.
        Block nc2022 = new Block("NOI-CHINH", "Khối Nội chính", "SO-TP", List.of("SO-TP", "SO-TC"), List.of());
        Block kt2022 = new Block(KT_TH, "Khối Kinh tế tổng hợp", "SO-KHDT", List.of("SO-KHDT", "SO-CT"), List.of());
        List<Award> awards = new ClosingBuilder("2023")
                .block(KT_TH, "Khối Kinh tế tổng hợp", "SO-KHDT",
                        complete("SO-KHDT", "95.00"), complete("SO-TC", "91.00"), complete("SO-CT", "70.00"))
                .layout("2022", nc2022, kt2022)
                .previousRating("SO-TC", Rating.XUAT_SAC)
                .decide();

        assertThat(ids(awards, AwardCode.BANG_KHEN_TAP_THE)).containsExactly("2023:BANG_KHEN_TAP_THE:SO-TC");
        assertThat(of(awards, AwardCode.BANG_KHEN_TAP_THE).get(0).reason().facts())
                .containsEntry("blockCode", KT_TH)
                .containsEntry("previousBlockCode", "NOI-CHINH");
    }

    @Test
    void noPeriodBeforeInTheRegistryMeansNoCollectiveCertificateAndNoError() {
        // The registry starts in 2023: "the period before" (2022) is not a registry period, so the 2-year rule
        // cannot fire, even with a (stale) 2022 rating handed in.
        List<Award> awards = new ClosingBuilder("2023")
                .registryPeriods("2023")
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                        complete("UBND-PL", "95.00"), complete("UBND-BL", "93.00"))
                .previousRating("UBND-BL", Rating.XUAT_SAC)
                .decide();

        assertThat(of(awards, AwardCode.BANG_KHEN_TAP_THE)).isEmpty();
        assertThat(ids(awards, AwardCode.CO_THI_DUA_TINH)).containsExactly("2023:CO_THI_DUA_TINH:UBND-PL");
    }
}
