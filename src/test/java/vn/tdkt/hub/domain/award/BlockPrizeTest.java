package vn.tdkt.hub.domain.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static vn.tdkt.hub.domain.award.ClosingBuilder.HUYEN;
import static vn.tdkt.hub.domain.award.ClosingBuilder.KT_TH;
import static vn.tdkt.hub.domain.award.ClosingBuilder.NOI_CHINH;
import static vn.tdkt.hub.domain.award.ClosingBuilder.VH_XH;
import static vn.tdkt.hub.domain.award.ClosingBuilder.complete;
import static vn.tdkt.hub.domain.award.ClosingBuilder.incomplete;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** GIAI_KHOI_NHAT / NHI / BA (rulebook section 5, blocks). */
class BlockPrizeTest {

    private static ClosingBuilder fourBlocks() {
        // Means of the complete units (rounded half-up to 2 decimals):
        //   KT-TH      (92.00 + 85.00) / 2 = 88.50
        //   HUYEN      (91.00 + 80.00 + 75.50) / 3 = 246.50 / 3 = 82.1666... -> 82.17
        //   VH-XH      (78.00 + 72.00) / 2 = 75.00
        //   NOI-CHINH  no complete unit: no mean, no rank
        return new ClosingBuilder("2023")
                .block(KT_TH, "Khối Kinh tế tổng hợp", "SO-KHDT",
                        complete("SO-TC", "92.00"), complete("SO-KHDT", "85.00"))
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL",
                        complete("UBND-PL", "91.00"), complete("UBND-BL", "80.00"), complete("UBND-LN", "75.50"))
                .block(VH_XH, "Khối Văn hóa - Xã hội", "SO-GDDT",
                        complete("SO-YT", "78.00"), complete("SO-GDDT", "72.00"))
                .block(NOI_CHINH, "Khối Nội chính", "SO-TP", incomplete("SO-TP", "60.00"));
    }

    @Test
    void onlyTwoRankedBlocksGiveOnlyFirstAndSecondPrizes() {
        // VH-XH and NOI-CHINH have no rank here: 2 ranked blocks -> Giải Nhất and Giải Nhì only.
        List<Award> awards = new ClosingBuilder("2023")
                .block(KT_TH, "Khối Kinh tế tổng hợp", "SO-KHDT", complete("SO-TC", "92.00"))
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL", complete("UBND-BL", "80.00"))
                .block(NOI_CHINH, "Khối Nội chính", "SO-TP", incomplete("SO-TP", "60.00"))
                .blockRank(KT_TH, 1)
                .blockRank(HUYEN, 2)
                .decide();

        List<Award> prizes = awards.stream().filter(a -> a.recipientType() == RecipientType.BLOCK).toList();
        assertThat(prizes).extracting(Award::awardId).containsExactly(
                "2023:GIAI_KHOI_NHAT:KT-TH", "2023:GIAI_KHOI_NHI:HUYEN");
        Award first = prizes.get(0);
        assertThat(first.awardName()).isEqualTo("Giải Nhất khối thi đua");
        assertThat(first.status()).isEqualTo(AwardStatus.GRANTED);
        // Addressed to the block's leading unit, even though another unit (SO-TC) topped it.
        assertThat(first.unitCode()).isEqualTo("SO-KHDT");
        assertThat(first.blockCode()).isEqualTo(KT_TH);
        assertThat(first.recipientName()).isEqualTo("Khối Kinh tế tổng hợp");
        assertThat(first.reason().legalBasis()).isEqualTo("Nghị định 152/2025/NĐ-CP; Quy chế thi đua của tỉnh");
        assertThat(prizes.get(1).awardName()).isEqualTo("Giải Nhì khối thi đua");
        assertThat(prizes.get(1).unitCode()).isEqualTo("UBND-PL");
    }

    @Test
    void threePrizesForTheThreeBestRankedBlocks() {
        List<Award> awards = fourBlocks()
                .blockRank(KT_TH, 1)
                .blockRank(HUYEN, 2)
                .blockRank(VH_XH, 3)
                .decide();

        assertThat(awards).filteredOn(a -> a.recipientType() == RecipientType.BLOCK)
                .extracting(Award::awardId).containsExactly(
                        "2023:GIAI_KHOI_NHAT:KT-TH", "2023:GIAI_KHOI_NHI:HUYEN", "2023:GIAI_KHOI_BA:VH-XH");
        Award second = awards.stream().filter(a -> a.awardCode() == AwardCode.GIAI_KHOI_NHI).findFirst()
                .orElseThrow();
        assertThat(second.reason().facts()).containsExactly(
                entry("blockCode", HUYEN),
                entry("blockName", "Khối các huyện, thị xã, thành phố"),
                entry("blockRank", 2),
                entry("meanScore", new BigDecimal("82.17")),
                entry("rankedBlocks", 3),
                entry("leaderUnit", "UBND-PL"));
    }

    @Test
    void fourthRankedBlockGetsNoPrize() {
        List<Award> awards = new ClosingBuilder("2023")
                .block(KT_TH, "Khối Kinh tế tổng hợp", "SO-KHDT", complete("SO-TC", "92.00"))
                .block(HUYEN, "Khối các huyện, thị xã, thành phố", "UBND-PL", complete("UBND-BL", "85.00"))
                .block(VH_XH, "Khối Văn hóa - Xã hội", "SO-GDDT", complete("SO-YT", "80.00"))
                .block(NOI_CHINH, "Khối Nội chính", "SO-TP", complete("SO-TP", "70.00"))
                .blockRank(KT_TH, 1)
                .blockRank(HUYEN, 2)
                .blockRank(VH_XH, 3)
                .blockRank(NOI_CHINH, 4)
                .decide();

        assertThat(awards).filteredOn(a -> a.recipientType() == RecipientType.BLOCK)
                .extracting(Award::blockCode).containsExactly(KT_TH, HUYEN, VH_XH);
    }

    @Test
    void blockPrizesAreNotSubjectToHolds() {
        // A hold on the leading unit SO-KHDT does not touch the block prize addressed to it.
        List<Award> awards = fourBlocks()
                .blockRank(KT_TH, 1)
                .hold("SO-KHDT", null, "Đang thanh tra")
                .decide();

        assertThat(awards).filteredOn(a -> a.awardCode() == AwardCode.GIAI_KHOI_NHAT)
                .extracting(Award::status).containsExactly(AwardStatus.GRANTED);
    }
}
