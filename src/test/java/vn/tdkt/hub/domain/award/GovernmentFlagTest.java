package vn.tdkt.hub.domain.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.tdkt.hub.domain.award.ClosingBuilder.complete;
import static vn.tdkt.hub.domain.award.ClosingBuilder.ids;
import static vn.tdkt.hub.domain.award.ClosingBuilder.of;
import static vn.tdkt.hub.domain.award.ClosingBuilder.unit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.tdkt.hub.domain.scoring.UnitScore;

/** CO_THI_DUA_CHINH_PHU (rulebook section 5): quota, candidates, ordering and holds. */
class GovernmentFlagTest {

    /** The first 10 Hà Nam units of the catalogue, each alone in its own block, so each holds a province flag. */
    private static final List<String> UNITS = new ArrayList<>(ClosingBuilder.HA_NAM_UNITS.keySet()).subList(0, 10);

    /** One block per given unit score; every unit is ranked 1 of its block. */
    private static ClosingBuilder flagHolders(UnitScore... leaders) {
        ClosingBuilder builder = new ClosingBuilder("2023");
        for (int i = 0; i < leaders.length; i++) {
            String code = "K%02d".formatted(i + 1);
            builder.block(code, "Khối thi đua số " + (i + 1), leaders[i].unitCode(), leaders[i]);
        }
        return builder;
    }

    /** n flag holders meeting every target, the i-th (0-based) of UNITS scoring 99.00 - i. */
    private static ClosingBuilder descendingFlagHolders(int n) {
        UnitScore[] leaders = new UnitScore[n];
        for (int i = 0; i < n; i++) {
            String score = new BigDecimal("99.00").subtract(BigDecimal.valueOf(i)).toPlainString();
            leaders[i] = complete(UNITS.get(i), score);
        }
        return flagHolders(leaders);
    }

    private static List<Object> candidateCodes(Map<String, Object> facts) {
        return ((List<?>) facts.get("candidates")).stream().map(c -> ((Map<?, ?>) c).get("unitCode"))
                .map(Object.class::cast).toList();
    }

    @ParameterizedTest(name = "{0} flags -> {3} proposals")
    @CsvSource({
            // flags, share x flags, floor, quota (at least 1 where any qualifies)
            "4,  0.80, 0, 1",   // 0.20 x 4 = 0.80, floor 0, raised to 1
            "5,  1.00, 1, 1",   // 0.20 x 5 = 1.00, floor 1
            "9,  1.80, 1, 1",   // 0.20 x 9 = 1.80, floor 1
            "10, 2.00, 2, 2"})  // 0.20 x 10 = 2.00, floor 2
    void quotaIsTheFloorOfShareTimesFlagsAndAtLeastOne(int flags, String product, int floor, int quota) {
        List<Award> awards = descendingFlagHolders(flags).decide();

        assertThat(of(awards, AwardCode.CO_THI_DUA_TINH)).hasSize(flags);
        // Scores are 99, 98, ...: the proposals go to the first `quota` units of the catalogue.
        List<String> expected = UNITS.subList(0, quota).stream().sorted()
                .map(u -> "2023:CO_THI_DUA_CHINH_PHU:" + u).toList();
        assertThat(ids(awards, AwardCode.CO_THI_DUA_CHINH_PHU)).isEqualTo(expected);
        Award first = of(awards, AwardCode.CO_THI_DUA_CHINH_PHU).get(0);
        assertThat(first.status()).isEqualTo(AwardStatus.PROPOSED);
        assertThat(first.awardName()).isEqualTo("Cờ thi đua của Chính phủ");
        assertThat(first.reason().legalBasis()).isEqualTo("Luật Thi đua, khen thưởng 2022, Điều 25");
        assertThat(first.reason().facts())
                .containsEntry("flagCount", flags)
                .containsEntry("govFlagShare", new BigDecimal("0.20"))
                .containsEntry("shareTimesFlagCount", new BigDecimal(product))
                .containsEntry("quotaFloor", floor)
                .containsEntry("quota", quota);
        assertThat((List<?>) first.reason().facts().get("candidates")).hasSize(flags);
    }

    @Test
    void quotaIsComputedExactlyNotInBinaryFloatingPoint() {
        // govFlagShare 0.29 with 100 flag holders: exactly 0.29 x 100 = 29, but in doubles 0.29 * 100 is
        // 28.999999999999996, whose floor would wrongly be 28.
        ClosingBuilder builder = new ClosingBuilder("2023").govFlagShare("0.29");
        for (int i = 1; i <= 100; i++) {
            String code = "XA-%03d".formatted(i);
            builder.unitName(code, "UBND xã số " + i)
                    .block("K%03d".formatted(i), "Khối xã số " + i, code, complete(code, "95.00"));
        }

        List<Award> awards = builder.decide();

        assertThat(of(awards, AwardCode.CO_THI_DUA_CHINH_PHU)).hasSize(29);
    }

    @Test
    void noProposalWhenNoFlagHolderMetEveryTarget() {
        // 5 flag holders, none with allTargetsMet: no candidate, so no proposal even though floor(0.20 x 5) = 1.
        UnitScore[] leaders = new UnitScore[5];
        for (int i = 0; i < 5; i++) {
            leaders[i] = unit(UNITS.get(i), "95.00", true, 1, false, false);
        }

        List<Award> awards = flagHolders(leaders).decide();

        assertThat(of(awards, AwardCode.CO_THI_DUA_TINH)).hasSize(5);
        assertThat(of(awards, AwardCode.CO_THI_DUA_CHINH_PHU)).isEmpty();
    }

    @Test
    void onlyFlagHoldersMeetingEveryTargetAreCandidatesOrderedByScore() {
        // 5 flags -> quota floor(0.20 x 5) = 1. SO-TC has the best score (98.00) but missed a target, so the
        // proposal goes to the best candidate UBND-LN (96.00) ahead of UBND-BL (93.00).
        List<Award> awards = flagHolders(
                unit("SO-TC", "98.00", true, 1, false, false),
                complete("UBND-BL", "93.00"),
                complete("UBND-LN", "96.00"),
                complete("SO-CT", "91.00"),
                complete("UBND-KB", "90.50")).decide();

        assertThat(ids(awards, AwardCode.CO_THI_DUA_CHINH_PHU)).containsExactly("2023:CO_THI_DUA_CHINH_PHU:UBND-LN");
        Map<String, Object> facts = of(awards, AwardCode.CO_THI_DUA_CHINH_PHU).get(0).reason().facts();
        assertThat(facts).containsEntry("position", 1).containsEntry("score", new BigDecimal("96.00"));
        assertThat(candidateCodes(facts)).containsExactly("UBND-LN", "UBND-BL", "SO-CT", "UBND-KB");
        assertThat(facts.get("flagHoldersNotMeetingAllTargets")).isEqualTo(List.of("SO-TC"));
    }

    @Test
    void equalScoresAreBrokenByWomenPreferenceBeforeTargetsAndCode() {
        // 10 flags -> quota 2. Scores: UBND-PL 97.00, then three units tied at 95.00:
        //   UBND-BL: not women-preferred, 5 targets met (code sorts first)
        //   UBND-TL: women-preferred (>= 70 % women), 2 targets met
        //   UBND-LN: not women-preferred, 2 targets met
        // Tie-break key 2 (women first) puts UBND-TL second, ahead of UBND-BL despite more targets and an
        // earlier code; UBND-BL then beats UBND-LN on key 3 (targets), which only shows in the candidate list.
        List<UnitScore> leaders = new ArrayList<>(List.of(
                complete("UBND-PL", "97.00"),
                unit("UBND-BL", "95.00", true, 5, true, false),
                unit("UBND-TL", "95.00", true, 2, true, true),
                unit("UBND-LN", "95.00", true, 2, true, false)));
        for (String code : List.of("SO-KHDT", "SO-TC", "SO-CT", "SO-NNPTNT", "SO-GDDT", "SO-YT")) {
            leaders.add(complete(code, "90.00"));
        }

        List<Award> awards = flagHolders(leaders.toArray(UnitScore[]::new)).decide();

        assertThat(ids(awards, AwardCode.CO_THI_DUA_CHINH_PHU)).containsExactly(
                "2023:CO_THI_DUA_CHINH_PHU:UBND-PL", "2023:CO_THI_DUA_CHINH_PHU:UBND-TL");
        Map<String, Object> tl = of(awards, AwardCode.CO_THI_DUA_CHINH_PHU).get(1).reason().facts();
        assertThat(tl).containsEntry("position", 2).containsEntry("womenPreferred", true);
        assertThat(candidateCodes(tl)).startsWith("UBND-PL", "UBND-TL", "UBND-BL", "UBND-LN");
    }

    @Test
    void withheldFlagStillCountsAndItsProposalIsNotPassedOn() {
        // 10 flags, the best unit UBND-PL (99.00) is held: its flag is WITHHELD but still counted, so the quota
        // stays floor(0.20 x 10) = 2 (not floor(0.20 x 9) = 1). The 2 slots are UBND-PL (its proposal WITHHELD,
        // not passed on) and UBND-BL (98.00, PROPOSED); UBND-LN (97.00) gets nothing.
        List<Award> awards = descendingFlagHolders(10)
                .hold("UBND-PL", null, "Đang thanh tra công tác tài chính")
                .decide();

        List<Award> proposals = of(awards, AwardCode.CO_THI_DUA_CHINH_PHU);
        assertThat(proposals).extracting(Award::unitCode, Award::status).containsExactly(
                tuple("UBND-BL", AwardStatus.PROPOSED), tuple("UBND-PL", AwardStatus.WITHHELD));
        assertThat(proposals.get(1).reason().facts())
                .containsEntry("flagCount", 10)
                .containsEntry("quota", 2)
                .containsEntry("holdReason", "Đang thanh tra công tác tài chính");
        assertThat(of(awards, AwardCode.CO_THI_DUA_TINH)).filteredOn(a -> a.unitCode().equals("UBND-PL"))
                .extracting(Award::status).containsExactly(AwardStatus.WITHHELD);
    }
}
