package vn.tdkt.hub.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.domain.registry.Method.BONUS;
import static vn.tdkt.hub.domain.registry.Method.COUNT;
import static vn.tdkt.hub.domain.registry.Method.PASS_FAIL;
import static vn.tdkt.hub.domain.registry.Method.PENALTY;
import static vn.tdkt.hub.domain.registry.Method.RELATIVE;
import static vn.tdkt.hub.domain.registry.Method.TARGET;
import static vn.tdkt.hub.domain.registry.Method.TARGET_LOWER;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.av;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.block;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.byUnit;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.crit;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.d;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.input;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.line;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.order;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.points;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.ranks;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.score;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.tv;
import static vn.tdkt.hub.domain.scoring.ScoringFixtures.unit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Rules;

class BlockScorerTest {

    @Nested
    class Methods {

        @Test
        void targetBelowOneIsHalfTheMaximumTimesTheRatio() {
            Block b = block("K", List.of("U1"), crit("KT1", TARGET, "30"), crit("XH1", PASS_FAIL, "70"));
            BlockStandings s = score(b, input("U1", null, "KT1", tv("10", "8"), "XH1", av("1")));
            // r = 8 / 10 = 0.8 < 1 -> 0.5 * 30 * 0.8 = 12.00
            CriterionScore kt1 = line(s, "U1", "KT1");
            assertThat(kt1.points()).isEqualTo(d("12.00"));
            assertThat(kt1.ratio()).isEqualTo(d("0.8000"));
            assertThat(kt1.target()).isEqualTo(d("10"));
            assertThat(kt1.actual()).isEqualTo(d("8"));
            // 12.00 + 70.00
            assertThat(unit(s, "U1").score()).isEqualTo(d("82.00"));
            assertThat(unit(s, "U1").targetsMet()).isZero();
        }

        @Test
        void targetMetWhenTheBestOfTheBlockIsOneGivesHalfTheMaximum() {
            Block b = block("K", List.of("U1", "U2"), crit("KT1", TARGET, "30"));
            BlockStandings s = score(b, input("U1", null, "KT1", tv("10", "10")),
                    input("U2", null, "KT1", tv("10", "5")));
            // U1: r = 1, R = max(1, 0.5) = 1 -> 0.5 * 30 = 15.00; U2: r = 0.5 -> 0.5 * 30 * 0.5 = 7.50
            assertThat(points(s, "U1", "KT1")).isEqualTo(d("15.00"));
            assertThat(points(s, "U2", "KT1")).isEqualTo(d("7.50"));
            assertThat(line(s, "U1", "KT1").ratio()).isEqualTo(d("1.0000"));
            assertThat(unit(s, "U1").targetsMet()).isEqualTo(1);
            assertThat(unit(s, "U2").targetsMet()).isZero();
        }

        @Test
        void targetAboveOneIsInterpolatedUpToTheBestOfTheBlock() {
            Block b = block("K", List.of("U1", "U2", "U3"), crit("KT1", TARGET, "30"));
            BlockStandings s = score(b, input("U1", null, "KT1", tv("8", "11")),
                    input("U2", null, "KT1", tv("6", "7")), input("U3", null, "KT1", tv("4", "4")));
            // U1: r = 11/8 = 1.375 = R -> 15 + 15 * 0.375 / 0.375 = 30.00
            // U2: r = 7/6 -> 15 + 15 * (1/6) / (3/8) = 15 + 15 * 8/18 = 15 + 6.666.. = 21.666.. -> 21.67
            // U3: r = 1 -> 15 + 0 = 15.00
            assertThat(points(s, "U1", "KT1")).isEqualTo(d("30.00"));
            assertThat(points(s, "U2", "KT1")).isEqualTo(d("21.67"));
            assertThat(points(s, "U3", "KT1")).isEqualTo(d("15.00"));
            // ratios: 1.375 -> 1.3750; 7/6 = 1.16666.. -> 1.1667
            assertThat(line(s, "U1", "KT1").ratio()).isEqualTo(d("1.3750"));
            assertThat(line(s, "U2", "KT1").ratio()).isEqualTo(d("1.1667"));
        }

        @Test
        void targetLowerInvertsTheRatioAndTreatsZeroAsTheCap() {
            Block b = block("K", List.of("U1", "U2", "U3"), crit("KT2", TARGET_LOWER, "20"));
            BlockStandings s = score(b, input("U1", null, "KT2", tv("4", "5")),
                    input("U2", null, "KT2", tv("4", "2.5")), input("U3", null, "KT2", tv("4", "0")));
            // U1: r = 4 / 5 = 0.8 -> 0.5 * 20 * 0.8 = 8.00
            // U3: A = 0 -> r = ratioCap = 2 = R -> 10 + 10 * 1 / 1 = 20.00
            // U2: r = 4 / 2.5 = 1.6 -> 10 + 10 * 0.6 / (2 - 1) = 16.00
            assertThat(points(s, "U1", "KT2")).isEqualTo(d("8.00"));
            assertThat(points(s, "U2", "KT2")).isEqualTo(d("16.00"));
            assertThat(points(s, "U3", "KT2")).isEqualTo(d("20.00"));
            assertThat(line(s, "U1", "KT2").ratio()).isEqualTo(d("0.8000"));
            assertThat(line(s, "U2", "KT2").ratio()).isEqualTo(d("1.6000"));
            assertThat(line(s, "U3", "KT2").ratio()).isEqualTo(d("2.0000"));
        }

        @Test
        void relativeComparesWithTheHighestActual() {
            Block b = block("K", List.of("U1", "U2", "U3", "U4"), crit("KT3", RELATIVE, "20"));
            BlockStandings s = score(b, input("U1", null, "KT3", av("70")), input("U2", null, "KT3", av("30")),
                    input("U3", null, "KT3", av("0")));
            // M = 70: U1 20 * 70/70 = 20.00; U2 20 * 30/70 = 8.5714.. -> 8.57; U3 0.00; U4 unreported 0.00
            assertThat(points(s, "U1", "KT3")).isEqualTo(d("20.00"));
            assertThat(points(s, "U2", "KT3")).isEqualTo(d("8.57"));
            assertThat(points(s, "U3", "KT3")).isEqualTo(d("0.00"));
            assertThat(points(s, "U4", "KT3")).isEqualTo(d("0.00"));
            assertThat(line(s, "U1", "KT3").ratio()).isNull();
        }

        @Test
        void relativeGivesZeroWhenTheBestIsZero() {
            Block b = block("K", List.of("U1", "U2"), crit("KT3", RELATIVE, "20"));
            BlockStandings s = score(b, input("U1", null, "KT3", av("0")), input("U2", null, "KT3", av("0.0")));
            // M = 0 -> 0 for everyone (no division by zero); both reported, so both complete
            assertThat(points(s, "U1", "KT3")).isEqualTo(d("0.00"));
            assertThat(points(s, "U2", "KT3")).isEqualTo(d("0.00"));
            assertThat(unit(s, "U1").complete()).isTrue();
        }

        @Test
        void passFailGivesAllOrNothing() {
            Block b = block("K", List.of("U1", "U2"), crit("XH1", PASS_FAIL, "10"));
            BlockStandings s = score(b, input("U1", null, "XH1", av("1")), input("U2", null, "XH1", av("0")));
            // done: MS = 10.00; not done: 0.00
            assertThat(points(s, "U1", "XH1")).isEqualTo(d("10.00"));
            assertThat(points(s, "U2", "XH1")).isEqualTo(d("0.00"));
            assertThat(line(s, "U1", "XH1").actual()).isEqualTo(d("1"));
            assertThat(line(s, "U1", "XH1").ratio()).isNull();
        }

        @Test
        void countIsCappedAtTheMaximum() {
            Block b = block("K", List.of("U1", "U2"), crit("XH2", COUNT, "20", "5"));
            BlockStandings s = score(b, input("U1", null, "XH2", av("3")), input("U2", null, "XH2", av("5")));
            // U1: min(20, 3 * 5 = 15) = 15.00; U2: min(20, 5 * 5 = 25) = 20.00
            assertThat(points(s, "U1", "XH2")).isEqualTo(d("15.00"));
            assertThat(points(s, "U2", "XH2")).isEqualTo(d("20.00"));
        }

        @Test
        void bonusIsCappedAndAddsOnTopOfOneHundred() {
            Block b = block("K", List.of("U1", "U2"), crit("XH1", PASS_FAIL, "100"),
                    crit("TH1", BONUS, "5", "2.5"));
            BlockStandings s = score(b, input("U1", null, "XH1", av("1"), "TH1", av("1")),
                    input("U2", null, "XH1", av("1"), "TH1", av("3")));
            // U1: 100 + min(5, 1 * 2.5) = 102.50; U2: 100 + min(5, 3 * 2.5 = 7.5) = 105.00 (not clamped)
            assertThat(unit(s, "U1").score()).isEqualTo(d("102.50"));
            assertThat(unit(s, "U2").score()).isEqualTo(d("105.00"));
            assertThat(unit(s, "U2").rating()).isEqualTo(Rating.XUAT_SAC);
        }

        @Test
        void penaltyDeductsAndMayTakeTheScoreBelowZero() {
            Block b = block("K", List.of("U1", "U2"), crit("XH1", PASS_FAIL, "100"),
                    crit("TR1", PENALTY, "5", "1"));
            BlockStandings s = score(b, input("U1", null, "XH1", av("0"), "TR1", av("3")),
                    input("U2", null, "XH1", av("0"), "TR1", av("7")));
            // U1: 0 - min(5, 3 * 1) = -3.00; U2: 0 - min(5, 7) = -5.00 (not clamped)
            assertThat(points(s, "U1", "TR1")).isEqualTo(d("-3.00"));
            assertThat(unit(s, "U1").score()).isEqualTo(d("-3.00"));
            assertThat(unit(s, "U2").score()).isEqualTo(d("-5.00"));
            assertThat(unit(s, "U2").rating()).isEqualTo(Rating.KHONG_HOAN_THANH);
            // -3.00 before -5.00
            assertThat(order(s)).containsExactly("U1", "U2");
        }
    }

    @Nested
    class Rounding {

        @Test
        void rulebookExampleRoundsTheExactValueOnce() {
            Block b = block("K", List.of("U1"), crit("KT1", TARGET, "15"));
            BlockStandings s = score(b, input("U1", null, "KT1", tv("6", "5.3")));
            // r = 5.3 / 6 < 1 -> 0.5 * 15 * 5.3 / 6 = 6.625 exactly -> 6.63 (dividing first would give 6.62)
            assertThat(points(s, "U1", "KT1")).isEqualTo(d("6.63"));
            // ratio 5.3 / 6 = 0.88333.. -> 0.8833
            assertThat(line(s, "U1", "KT1").ratio()).isEqualTo(d("0.8833"));
        }

        @Test
        void negativeHalfRoundsAwayFromZero() {
            Block b = block("K", List.of("U1", "U2", "U3"), crit("XH1", PASS_FAIL, "100"),
                    crit("TH1", BONUS, "5", "0.125"), crit("TR1", PENALTY, "5", "0.125"));
            BlockStandings s = score(b, input("U1", null, "XH1", av("1"), "TR1", av("1")),
                    input("U2", null, "XH1", av("1"), "TR1", av("3")),
                    input("U3", null, "XH1", av("1"), "TH1", av("1")));
            // U1: -(1 * 0.125) = -0.125 -> -0.13; score 100 - 0.13 = 99.87
            // U2: -(3 * 0.125) = -0.375 -> -0.38; score 99.62
            // U3: +0.125 -> 0.13; score 100.13
            assertThat(points(s, "U1", "TR1")).isEqualTo(d("-0.13"));
            assertThat(unit(s, "U1").score()).isEqualTo(d("99.87"));
            assertThat(points(s, "U2", "TR1")).isEqualTo(d("-0.38"));
            assertThat(unit(s, "U2").score()).isEqualTo(d("99.62"));
            assertThat(points(s, "U3", "TH1")).isEqualTo(d("0.13"));
            assertThat(unit(s, "U3").score()).isEqualTo(d("100.13"));
        }

        @Test
        void scoreIsTheSumOfTheRoundedPoints() {
            Block b = block("K", List.of("U1", "U2"), crit("A", RELATIVE, "50"), crit("B", RELATIVE, "50"));
            BlockStandings s = score(b, input("U1", null, "A", av("1"), "B", av("1")),
                    input("U2", null, "A", av("3"), "B", av("3")));
            // U1: each 50 * 1/3 = 16.666.. -> 16.67; score 16.67 + 16.67 = 33.34 (not round(33.333..) = 33.33)
            assertThat(points(s, "U1", "A")).isEqualTo(d("16.67"));
            assertThat(unit(s, "U1").score()).isEqualTo(d("33.34"));
        }
    }

    @Nested
    class RatioCap {

        @Test
        void ratioIsCappedAndTheBestIsTheHighestCappedRatio() {
            Block b = block("K", List.of("U1", "U2"), crit("KT1", TARGET, "30"));
            BlockStandings s = score(b, input("U1", null, "KT1", tv("10", "35")),
                    input("U2", null, "KT1", tv("10", "15")));
            // U1: r = 3.5 capped to 2 = R -> 15 + 15 * 1 / 1 = 30.00, ratio 2.0000
            // U2: r = 1.5 -> 15 + 15 * 0.5 / (2 - 1) = 22.50 (with an uncapped R = 3.5 it would be 18.00)
            assertThat(points(s, "U1", "KT1")).isEqualTo(d("30.00"));
            assertThat(line(s, "U1", "KT1").ratio()).isEqualTo(d("2.0000"));
            assertThat(points(s, "U2", "KT1")).isEqualTo(d("22.50"));
        }

        @Test
        void ratioCapComesFromTheRules() {
            Rules rules = new Rules(d("3.0"), d("0.20"), d("90"), d("70"), d("50"));
            Block b = block("K", List.of("U1", "U2"), crit("KT1", TARGET, "30"), crit("KT2", TARGET_LOWER, "20"));
            BlockStandings s = BlockScorer.score("2023", b, rules, byUnit(
                    input("U1", null, "KT1", tv("10", "35"), "KT2", tv("5", "0")),
                    input("U2", null, "KT1", tv("10", "15"), "KT2", tv("5", "2.5"))));
            // KT1: U1 r = 3.5 capped to 3 = R; U2 r = 1.5 -> 15 + 15 * 0.5 / 2 = 18.75
            // KT2: U1 A = 0 -> r = 3 = R, 20.00, ratio 3.0000; U2 r = 5 / 2.5 = 2 -> 10 + 10 * 1 / 2 = 15.00
            assertThat(points(s, "U2", "KT1")).isEqualTo(d("18.75"));
            assertThat(line(s, "U1", "KT1").ratio()).isEqualTo(d("3.0000"));
            assertThat(points(s, "U1", "KT2")).isEqualTo(d("20.00"));
            assertThat(line(s, "U1", "KT2").ratio()).isEqualTo(d("3.0000"));
            assertThat(points(s, "U2", "KT2")).isEqualTo(d("15.00"));
        }
    }

    @Nested
    class Ratings {

        /** COUNT with 0.01 point per item: A items score A / 100 points. */
        private Rating ratingOf(String items) {
            Block b = block("K", List.of("U1"), crit("C", COUNT, "100", "0.01"));
            return unit(score(b, input("U1", null, "C", av(items))), "U1").rating();
        }

        @Test
        void ratingBoundariesAreInclusive() {
            // 9000 * 0.01 = 90.00 -> XUAT_SAC; 8999 * 0.01 = 89.99 -> TOT
            assertThat(ratingOf("9000")).isEqualTo(Rating.XUAT_SAC);
            assertThat(ratingOf("8999")).isEqualTo(Rating.TOT);
            // 70.00 -> TOT; 69.99 -> HOAN_THANH
            assertThat(ratingOf("7000")).isEqualTo(Rating.TOT);
            assertThat(ratingOf("6999")).isEqualTo(Rating.HOAN_THANH);
            // 50.00 -> HOAN_THANH; 49.99 -> KHONG_HOAN_THANH
            assertThat(ratingOf("5000")).isEqualTo(Rating.HOAN_THANH);
            assertThat(ratingOf("4999")).isEqualTo(Rating.KHONG_HOAN_THANH);
        }
    }

    @Nested
    class Completeness {

        private final Block table = block("K", List.of("U1", "U2", "U3", "U4"),
                crit("KT1", TARGET, "60"), crit("XH1", PASS_FAIL, "40"),
                crit("TH1", BONUS, "5", "1"), crit("TR1", PENALTY, "5", "1"));

        @Test
        void bonusAndPenaltyAreOptional() {
            BlockStandings s = score(table, input("U1", null, "KT1", tv("10", "10"), "XH1", av("1")));
            UnitScore u1 = unit(s, "U1");
            // KT1 r = 1 = R -> 30.00; XH1 40.00; TH1, TR1 not reported -> 0.00; score 70.00 -> TOT
            assertThat(u1.complete()).isTrue();
            assertThat(u1.missingCriteria()).isEmpty();
            assertThat(u1.score()).isEqualTo(d("70.00"));
            assertThat(u1.rating()).isEqualTo(Rating.TOT);
            assertThat(line(s, "U1", "TH1").points()).isEqualTo(d("0.00"));
            assertThat(line(s, "U1", "TH1").actual()).isNull();
        }

        @Test
        void missingRequiredCriterionMakesTheUnitIncompleteWithoutRating() {
            BlockStandings s = score(table, input("U2", null, "XH1", av("1"), "TH1", av("2")));
            UnitScore u2 = unit(s, "U2");
            // XH1 40 + TH1 min(5, 2) = 42.00, but KT1 missing: incomplete, no rating, no rank
            assertThat(u2.complete()).isFalse();
            assertThat(u2.missingCriteria()).containsExactly("KT1");
            assertThat(u2.score()).isEqualTo(d("42.00"));
            assertThat(u2.rating()).isNull();
            assertThat(u2.reported()).isTrue();
            assertThat(s.row("U2").orElseThrow().rank()).isNull();
        }

        @Test
        void unitsWithoutResultsAreListedWithScoreZero() {
            BlockStandings s = score(table, input("U1", null, "KT1", tv("10", "10"), "XH1", av("1")),
                    input("U3", new Members(10, 7)));
            // U2, U3, U4 all 0.00 and incomplete: U3 (7 of 10 women) first, then code order
            assertThat(order(s)).containsExactly("U1", "U3", "U2", "U4");
            assertThat(ranks(s)).containsExactly(1, null, null, null);
            for (String code : List.of("U2", "U3", "U4")) {
                UnitScore u = unit(s, code);
                assertThat(u.score()).isEqualTo(d("0.00"));
                assertThat(u.complete()).isFalse();
                assertThat(u.reported()).isFalse();
                assertThat(u.rating()).isNull();
                assertThat(u.missingCriteria()).containsExactly("KT1", "XH1");
                assertThat(u.targetsMet()).isZero();
                assertThat(u.allTargetsMet()).isFalse();
                assertThat(u.criteria()).extracting(CriterionScore::criterion)
                        .containsExactly("KT1", "XH1", "TH1", "TR1");
                assertThat(u.criteria()).allSatisfy(c -> {
                    assertThat(c.target()).isNull();
                    assertThat(c.actual()).isNull();
                    assertThat(c.ratio()).isNull();
                    assertThat(c.points()).isEqualTo(d("0.00"));
                });
            }
            // U3 has members but no results: 7 / 10 = 0.7000, preferred
            assertThat(unit(s, "U3").womenShare()).isEqualTo(d("0.7000"));
            assertThat(unit(s, "U4").womenShare()).isNull();
        }

        @Test
        void resultsForCriteriaOutsideTheTableAreIgnored() {
            BlockStandings s = score(table, input("U1", null, "ZZ9", av("1")));
            // ZZ9 is not in the table: U1 counts as not reported
            assertThat(unit(s, "U1").reported()).isFalse();
            assertThat(unit(s, "U1").criteria()).hasSize(4);
        }

        @Test
        void criteriaLinesFollowTheTableOrderAndCarryTheTable() {
            BlockStandings s = score(table, input("U1", null, "TR1", av("1"), "XH1", av("1"), "KT1", tv("4", "3")));
            assertThat(unit(s, "U1").criteria()).extracting(CriterionScore::criterion)
                    .containsExactly("KT1", "XH1", "TH1", "TR1");
            CriterionScore kt1 = line(s, "U1", "KT1");
            assertThat(kt1.method()).isEqualTo(TARGET);
            assertThat(kt1.maxPoints()).isEqualTo(d("60"));
            // 0.5 * 60 * 3/4 = 22.50; + 40 - 1 = 61.50
            assertThat(unit(s, "U1").score()).isEqualTo(d("61.50"));
        }
    }

    @Nested
    class Targets {

        private final Block table = block("K", List.of("U1", "U2", "U3"),
                crit("KT1", TARGET, "40"), crit("KT2", TARGET_LOWER, "40"), crit("XH1", PASS_FAIL, "20"));

        @Test
        void targetsMetCountsReportedTargetCriteriaWithRatioAtLeastOne() {
            BlockStandings s = score(table,
                    input("U1", null, "KT1", tv("10", "10"), "KT2", tv("5", "5"), "XH1", av("1")),
                    input("U2", null, "KT1", tv("10", "12"), "XH1", av("1")),
                    input("U3", null, "KT1", tv("10", "9.99"), "KT2", tv("5", "4")));
            // U1: KT1 r = 1 (A = T counts), KT2 r = 5/5 = 1 -> 2 met, all met
            assertThat(unit(s, "U1").targetsMet()).isEqualTo(2);
            assertThat(unit(s, "U1").allTargetsMet()).isTrue();
            // U2: KT1 r = 1.2, KT2 unreported -> 1 met, not all met
            assertThat(unit(s, "U2").targetsMet()).isEqualTo(1);
            assertThat(unit(s, "U2").allTargetsMet()).isFalse();
            // U3: KT1 r = 0.999 < 1; KT2 r = 5/4 = 1.25 -> 1 met, not all met
            assertThat(unit(s, "U3").targetsMet()).isEqualTo(1);
            assertThat(unit(s, "U3").allTargetsMet()).isFalse();
        }

        @Test
        void tableWithoutTargetCriteriaHasAllTargetsMet() {
            Block b = block("K", List.of("U1"), crit("XH1", PASS_FAIL, "100"));
            BlockStandings s = score(b, input("U1", null, "XH1", av("0")));
            assertThat(unit(s, "U1").allTargetsMet()).isTrue();
            assertThat(unit(s, "U1").targetsMet()).isZero();
        }
    }

    @Nested
    class Standings {

        /** One PASS_FAIL criterion: every unit that reports it done scores 100.00. */
        private final Block equalScores = block("K", List.of("U-A", "U-B", "U-C", "U-D"),
                crit("XH1", PASS_FAIL, "100"));

        @Test
        void higherScoreFirst() {
            Block b = block("K", List.of("U-A", "U-B", "U-C"), crit("C", COUNT, "100", "1"));
            BlockStandings s = score(b, input("U-A", new Members(10, 10), "C", av("10")),
                    input("U-B", null, "C", av("30")), input("U-C", null, "C", av("20")));
            // 30 > 20 > 10, whatever members and codes say
            assertThat(order(s)).containsExactly("U-B", "U-C", "U-A");
            assertThat(ranks(s)).containsExactly(1, 2, 3);
        }

        @Test
        void onEqualScoresUnitsWithAtLeastSeventyPercentWomenComeFirst() {
            BlockStandings s = score(equalScores,
                    input("U-A", new Members(43, 30), "XH1", av("1")),
                    input("U-B", null, "XH1", av("1")),
                    input("U-C", new Members(10, 7), "XH1", av("1")),
                    input("U-D", new Members(43, 31), "XH1", av("1")));
            // all 100.00; 7/10 = 0.7 and 31/43 = 0.7209 are preferred; 30/43 = 0.6977 and no members are not
            assertThat(order(s)).containsExactly("U-C", "U-D", "U-A", "U-B");
            assertThat(unit(s, "U-A").womenPreferred()).isFalse();
            assertThat(unit(s, "U-A").womenShare()).isEqualTo(d("0.6977"));
            assertThat(unit(s, "U-C").womenPreferred()).isTrue();
            assertThat(unit(s, "U-C").womenShare()).isEqualTo(d("0.7000"));
            assertThat(unit(s, "U-D").womenShare()).isEqualTo(d("0.7209"));
            assertThat(unit(s, "U-B").womenPreferred()).isFalse();
            assertThat(unit(s, "U-B").womenShare()).isNull();
        }

        @Test
        void zeroMembersAreNotPreferred() {
            BlockStandings s = score(equalScores, input("U-A", null, "XH1", av("1")),
                    input("U-B", new Members(0, 0), "XH1", av("1")));
            // 0 of 0 would satisfy 0 * 10 >= 7 * 0, but a total of 0 is not preferred: code order decides
            assertThat(unit(s, "U-B").womenPreferred()).isFalse();
            assertThat(unit(s, "U-B").womenShare()).isNull();
            assertThat(order(s)).startsWith("U-A", "U-B");
        }

        @Test
        void thenMoreTargetsMetFirst() {
            Block b = block("K", List.of("U-A", "U-Z"), crit("K1", TARGET, "40"), crit("K2", TARGET, "40"),
                    crit("P", PASS_FAIL, "20"));
            BlockStandings s = score(b,
                    input("U-A", null, "K1", tv("4", "3"), "K2", tv("4", "3"), "P", av("1")),
                    input("U-Z", null, "K1", tv("4", "4"), "K2", tv("4", "2"), "P", av("1")));
            // U-A: K1 r 0.75 -> 15, K2 r 0.75 -> 15, P 20 = 50.00, 0 targets met
            // U-Z: K1 r 1 = R -> 20, K2 r 0.5 -> 10, P 20 = 50.00, 1 target met -> first despite its code
            assertThat(unit(s, "U-A").score()).isEqualTo(d("50.00"));
            assertThat(unit(s, "U-Z").score()).isEqualTo(d("50.00"));
            assertThat(order(s)).containsExactly("U-Z", "U-A");
        }

        @Test
        void womenPreferenceComesBeforeTargetsMet() {
            Block b = block("K", List.of("U-A", "U-Z"), crit("K1", TARGET, "40"), crit("K2", TARGET, "40"),
                    crit("P", PASS_FAIL, "20"));
            BlockStandings s = score(b,
                    input("U-A", new Members(10, 7), "K1", tv("4", "3"), "K2", tv("4", "3"), "P", av("1")),
                    input("U-Z", null, "K1", tv("4", "4"), "K2", tv("4", "2"), "P", av("1")));
            // both 50.00 (as above); U-A is preferred (7/10) with 0 targets met, U-Z not with 1
            assertThat(order(s)).containsExactly("U-A", "U-Z");
        }

        @Test
        void thenUnitCodeInPlainStringOrder() {
            Block b = block("K", List.of("U-b", "U-C", "U-A"), crit("XH1", PASS_FAIL, "100"));
            BlockStandings s = score(b, input("U-b", null, "XH1", av("1")), input("U-C", null, "XH1", av("1")),
                    input("U-A", null, "XH1", av("1")));
            // 'A' (65) < 'C' (67) < 'b' (98): character-code order, not case-insensitive, not block order
            assertThat(order(s)).containsExactly("U-A", "U-C", "U-b");
            assertThat(ranks(s)).containsExactly(1, 2, 3);
        }

        @Test
        void incompleteUnitsComeAfterCompleteOnesOrderedTheSameWayWithoutRank() {
            Block b = block("K", List.of("U1", "U2", "U3", "U4", "U5"),
                    crit("C", COUNT, "50", "1"), crit("P", PASS_FAIL, "50"));
            BlockStandings s = score(b,
                    input("U1", null, "C", av("10"), "P", av("0")),
                    input("U2", null, "C", av("50")),
                    input("U3", null, "C", av("20"), "P", av("0")),
                    input("U4", null, "C", av("40")));
            // complete: U3 20.00, U1 10.00; incomplete (P missing): U2 50.00, U4 40.00; U5 nothing 0.00
            assertThat(order(s)).containsExactly("U3", "U1", "U2", "U4", "U5");
            assertThat(ranks(s)).containsExactly(1, 2, null, null, null);
            assertThat(s.leader().orElseThrow().unit().unitCode()).isEqualTo("U3");
        }
    }

    @Nested
    class Mean {

        /** COUNT with 0.01 point per item: A items score A / 100 points; P makes a unit complete. */
        private final Block table = block("K", List.of("U1", "U2", "U3", "U4"),
                crit("C", COUNT, "50", "0.01"), crit("P", PASS_FAIL, "50"));

        @Test
        void meanOfCompleteUnitsRoundsHalfUp() {
            BlockStandings s = score(table, input("U1", null, "C", av("1000"), "P", av("0")),
                    input("U2", null, "C", av("1001"), "P", av("0")),
                    input("U3", null, "C", av("5000")));
            // complete: 10.00 and 10.01 -> 20.01 / 2 = 10.005 -> 10.01; U3 (50.00, incomplete) and U4 excluded
            assertThat(s.meanScore()).isEqualTo(d("10.01"));
        }

        @Test
        void meanIsComputedExactlyBeforeRounding() {
            BlockStandings s = score(table, input("U1", null, "C", av("1000"), "P", av("0")),
                    input("U2", null, "C", av("1000"), "P", av("0")),
                    input("U3", null, "C", av("1001"), "P", av("0")));
            // 30.01 / 3 = 10.00333.. -> 10.00
            assertThat(s.meanScore()).isEqualTo(d("10.00"));
        }

        @Test
        void noMeanWithoutCompleteUnits() {
            BlockStandings s = score(table, input("U1", null, "C", av("1000")));
            assertThat(s.meanScore()).isNull();
            assertThat(s.leader()).isEmpty();
            assertThat(ranks(s)).containsOnlyNulls();
        }
    }

    @Test
    void inputOrderDoesNotMatter() {
        Block b = block("K", List.of("U1", "U2", "U3", "U4", "U5", "U6"),
                crit("KT1", TARGET, "30"), crit("KT2", TARGET_LOWER, "20"), crit("KT3", RELATIVE, "20"),
                crit("XH1", PASS_FAIL, "10"), crit("XH2", COUNT, "20", "5"),
                crit("TH1", BONUS, "5", "2.5"), crit("TR1", PENALTY, "5", "1"));
        List<UnitInput> inputs = List.of(
                input("U1", new Members(43, 30), "KT1", tv("6", "5.3"), "KT2", tv("4", "3"), "KT3", av("12"),
                        "XH1", av("1"), "XH2", av("3"), "TR1", av("1")),
                input("U2", new Members(43, 31), "KT1", tv("6", "7"), "KT2", tv("4", "0"), "KT3", av("30"),
                        "XH1", av("0"), "XH2", av("5"), "TH1", av("1")),
                input("U3", null, "KT1", tv("8", "20"), "KT2", tv("4", "5"), "KT3", av("7"),
                        "XH1", av("1"), "XH2", av("2")),
                input("U4", new Members(10, 7), "KT1", tv("5", "5"), "XH1", av("1")),
                input("U5", null, "KT1", tv("6", "6"), "KT2", tv("4", "4"), "KT3", av("30"),
                        "XH1", av("0"), "XH2", av("5"), "TH1", av("1")));
        Map<String, UnitInput> inOrder = byUnit(inputs.toArray(UnitInput[]::new));
        BlockStandings expected = BlockScorer.score("2023", b, Rules.DEFAULTS, inOrder);

        Random random = new Random(2023);
        for (int i = 0; i < 20; i++) {
            List<UnitInput> shuffled = new ArrayList<>(inputs);
            Collections.shuffle(shuffled, random);
            Map<String, UnitInput> linked = new LinkedHashMap<>();
            shuffled.forEach(in -> linked.put(in.unitCode(), in));
            assertThat(BlockScorer.score("2023", b, Rules.DEFAULTS, linked)).isEqualTo(expected);
        }
        assertThat(BlockScorer.score("2023", b, Rules.DEFAULTS, new HashMap<>(inOrder))).isEqualTo(expected);
        // sanity: the block is really scored (U1 KT1: 0.5 * 30 * 5.3 / 6 = 13.25) and ranked; U4 (KT2, KT3, XH2
        // missing; KT1 r = 1 -> 15, XH1 10 = 25.00) and U6 (nothing, 0.00) are incomplete
        assertThat(points(expected, "U1", "KT1")).isEqualTo(d("13.25"));
        assertThat(unit(expected, "U4").score()).isEqualTo(d("25.00"));
        assertThat(ranks(expected)).containsExactly(1, 2, 3, 4, null, null);
        assertThat(order(expected).subList(4, 6)).containsExactly("U4", "U6");
    }
}
