package vn.tdkt.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardCode;
import vn.tdkt.hub.domain.award.AwardDecider;
import vn.tdkt.hub.domain.award.AwardStatus;
import vn.tdkt.hub.domain.award.ClosingFacts;
import vn.tdkt.hub.domain.award.PersonKey;
import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.RegistryLoader;
import vn.tdkt.hub.domain.scoring.BlockRanking;
import vn.tdkt.hub.domain.scoring.BlockScorer;
import vn.tdkt.hub.domain.scoring.BlockStandings;
import vn.tdkt.hub.domain.scoring.Members;
import vn.tdkt.hub.domain.scoring.ResultValue;
import vn.tdkt.hub.domain.scoring.StandingRow;
import vn.tdkt.hub.domain.scoring.UnitInput;
import vn.tdkt.hub.domain.submission.Nominee;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.ResultEntry;
import vn.tdkt.hub.domain.submission.Submission;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.domain.submission.Verdict;

/**
 * Checks {@link DemoData} with the real domain classes only: every record is validated by
 * {@link SubmissionValidator}, the valid ones are applied by the replacement rule of rulebook section 2 (latest
 * {@code submittedAt}, then greatest {@code submissionId}, per criterion, per person, and for members), every block
 * is scored by {@link BlockScorer}, and the periods are closed in order with {@link AwardDecider}.
 */
class DemoDataTest {

    private static Registry registry;
    private static List<DemoRecord> records;
    private static Map<DemoRecord, Verdict> verdicts;
    private static Map<String, Closing> closings;
    /** The years the demo reports whole and closes ({@link DemoData#OPEN_PERIOD} follows them, left open). */
    private static final List<String> CLOSED_YEARS = List.of("2021", "2022", "2023");

    /** One period's frozen standings and awards. */
    private record Closing(Map<String, BlockStandings> standings, List<Award> awards) {

        Map<AwardCode, Long> counts() {
            Map<AwardCode, Long> counts = new EnumMap<>(AwardCode.class);
            awards.forEach(a -> counts.merge(a.awardCode(), 1L, Long::sum));
            return counts;
        }

        StandingRow row(String unit) {
            return standings.values().stream().flatMap(s -> s.row(unit).stream()).findFirst().orElseThrow();
        }
    }

    @BeforeAll
    static void closeThreeYears() throws IOException {
        try (InputStream in = DemoDataTest.class.getClassLoader().getResourceAsStream("demo/registry.yaml")) {
            registry = RegistryLoader.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, Set.of());
        }
        records = DemoData.generate(registry);
        SubmissionValidator validator = new SubmissionValidator();
        verdicts = new LinkedHashMap<>();
        records.forEach(r -> verdicts.put(r, validator.validate(r.json().getBytes(StandardCharsets.UTF_8), r.key(),
                registry, period -> false)));
        closings = new LinkedHashMap<>();
        Map<String, Map<PersonKey, Nominee>> nominees = new HashMap<>();
        for (String period : registry.periodNames()) {
            List<Submission> inOrder = verdicts.values().stream()
                    .filter(v -> v instanceof Verdict.Valid)
                    .map(v -> ((Verdict.Valid) v).submission())
                    .filter(s -> s.period().equals(period))
                    .sorted(Comparator.comparing((Submission s) -> s.submittedAt().toInstant())
                            .thenComparing(Submission::submissionId))
                    .toList();
            Map<String, Map<String, ResultValue>> results = new HashMap<>();
            Map<String, Members> members = new HashMap<>();
            Map<PersonKey, Nominee> people = new HashMap<>();
            for (Submission s : inOrder) {   // later ones overwrite: the replacement rule
                for (ResultEntry e : s.results()) {
                    results.computeIfAbsent(s.unitCode(), u -> new HashMap<>())
                            .put(e.criterion(), new ResultValue(e.target(), e.actual()));
                }
                if (s.members() != null) {
                    members.put(s.unitCode(), s.members());
                }
                s.nominees().forEach(n -> people.put(new PersonKey(s.unitCode(), n.staffCode()), n));
            }
            nominees.put(period, people);
            Map<String, BlockStandings> standings = new LinkedHashMap<>();
            for (Block block : registry.period(period).orElseThrow().blocks()) {
                Map<String, UnitInput> inputs = new HashMap<>();
                block.units().forEach(u -> inputs.put(u,
                        new UnitInput(u, results.getOrDefault(u, Map.of()), members.get(u))));
                standings.put(block.code(), BlockScorer.score(period, block, registry.rules(), inputs));
            }
            Map<String, Rating> previousRatings = new HashMap<>();
            Closing before = closings.get(String.valueOf(Integer.parseInt(period) - 1));
            if (before != null) {
                before.standings().values().stream().flatMap(s -> s.rows().stream())
                        .filter(r -> r.unit().rating() != null)
                        .forEach(r -> previousRatings.put(r.unit().unitCode(), r.unit().rating()));
            }
            ClosingFacts facts = new ClosingFacts(period, registry, standings, BlockRanking.rank(standings.values()),
                    previousRatings, nominees, List.of());
            closings.put(period, new Closing(standings, AwardDecider.decide(facts)));
        }
    }

    /** The year the demo leaves open: mid-year reports (targets and pass/fail only) of two units in three. */
    @Test
    void theOpenYearHasValidMidYearReportsOfTwoUnitsInThree() {
        List<DemoRecord> open = DemoData.openYear(registry);
        assertThat(DemoData.openYear(registry)).isEqualTo(open);
        var year = registry.period(DemoData.OPEN_PERIOD).orElseThrow();
        int units = year.blocks().stream().mapToInt(b -> b.units().size()).sum();
        assertThat(open).hasSizeGreaterThan(units / 2).hasSizeLessThan(units);
        SubmissionValidator validator = new SubmissionValidator();
        for (DemoRecord r : open) {
            Verdict v = validator.validate(r.json().getBytes(StandardCharsets.UTF_8), r.key(), registry, p -> false);
            assertThat(v).as(r.json()).isInstanceOf(Verdict.Valid.class);
            Submission s = ((Verdict.Valid) v).submission();
            assertThat(s.period()).isEqualTo("2024");
            assertThat(s.submittedAt().getYear()).isEqualTo(2024);
            var block = registry.blockOf("2024", s.unitCode()).orElseThrow();
            assertThat(s.results()).isNotEmpty().allSatisfy(e -> assertThat(block.criterion(e.criterion())
                    .orElseThrow().method()).isIn(Method.TARGET, Method.TARGET_LOWER, Method.PASS_FAIL));
        }
    }

    @Test
    void generationIsDeterministic() {
        assertThat(DemoData.generate(registry)).isEqualTo(records);
        assertThat(DemoData.generate(registry, "2022"))
                .isEqualTo(records.stream().filter(r -> r.period().equals("2022")).toList());
    }

    @Test
    void recordsComeByPeriodInOrderAndAreKeyedByTheirUnit() {
        assertThat(records.stream().map(DemoRecord::period).distinct()).containsExactly("2021", "2022", "2023");
        assertThat(records).extracting(DemoRecord::period).isSortedAccordingTo(Comparator.naturalOrder());
        verdicts.forEach((record, verdict) -> {
            assertThat(record.period()).isIn("2021", "2022", "2023");
            if (verdict instanceof Verdict.Valid valid) {
                assertThat(valid.submission().unitCode()).isEqualTo(record.key());
                assertThat(valid.submission().period()).isEqualTo(record.period());
            }
        });
    }

    @Test
    void onlyTheThreeDeliberatelyBadRecordsOf2023AreRejected() {
        Map<String, List<ReasonCode>> rejected = new TreeMap<>();
        verdicts.forEach((record, verdict) -> {
            if (verdict instanceof Verdict.Invalid invalid) {
                assertThat(record.period()).isEqualTo("2023");
                assertThat(invalid.reasons()).allSatisfy(r -> assertThat(r.message()).isNotBlank());
                rejected.put(record.key(), invalid.reasons().stream().map(r -> r.code()).toList());
            }
        });
        assertThat(rejected).containsExactly(
                Map.entry("CT-NS", List.of(ReasonCode.INVALID_VALUE)),
                Map.entry("SO-KHCN", List.of(ReasonCode.UNKNOWN_CRITERION)),
                Map.entry("UBND-BL", List.of(ReasonCode.MALFORMED_JSON)));
        assertThat(records.subList(records.size() - 3, records.size())).extracting(DemoRecord::key)
                .containsExactly("SO-KHCN", "CT-NS", "UBND-BL");
    }

    @Test
    void everyUnitReportsEveryYearInJanuaryOfTheNextYearAtVietnamTime() {
        for (String period : CLOSED_YEARS) {
            List<Submission> submissions = valid(period);
            Set<String> units = registry.period(period).orElseThrow().blocks().stream()
                    .flatMap(b -> b.units().stream()).collect(Collectors.toSet());
            assertThat(submissions).extracting(Submission::unitCode).containsAll(units);
            assertThat(submissions).allSatisfy(s -> {
                OffsetDateTime at = s.submittedAt();
                assertThat(at.getOffset()).isEqualTo(ZoneOffset.ofHours(7));
                assertThat(at.getYear()).isEqualTo(Integer.parseInt(period) + 1);
                assertThat(at.getMonthValue()).isEqualTo(1);
                assertThat(s.submissionId()).matches("demo-" + period + "-" + s.unitCode() + "-[12]");
            });
            // Every unit's first submission carries members; some units are at least 70 % women.
            assertThat(submissions.stream().filter(s -> s.submissionId().endsWith("-1")))
                    .allSatisfy(s -> assertThat(s.members()).isNotNull());
            assertThat(submissions.stream().map(Submission::members)
                    .filter(m -> m != null && 10 * m.women() >= 7 * m.total())).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void someUnitsCorrectAResultWithALaterSubmission() {
        for (String period : CLOSED_YEARS) {
            Map<String, List<Submission>> byUnit = valid(period).stream()
                    .collect(Collectors.groupingBy(Submission::unitCode));
            List<String> corrected = new ArrayList<>();
            byUnit.forEach((unit, submissions) -> {
                if (submissions.size() == 2) {
                    Submission first = submissions.stream().filter(s -> s.submissionId().endsWith("-1")).findFirst()
                            .orElseThrow();
                    Submission second = submissions.stream().filter(s -> s.submissionId().endsWith("-2")).findFirst()
                            .orElseThrow();
                    assertThat(second.submittedAt()).isAfter(first.submittedAt());
                    // The correction changes or adds at least one result: it is not a mere repetition.
                    assertThat(second.results()).isNotEmpty()
                            .anySatisfy(r -> assertThat(first.results()).doesNotContain(r));
                    corrected.add(unit);
                }
            });
            assertThat(corrected).as(period).hasSizeBetween(5, 10);
        }
    }

    @Test
    void only2021HasIncompleteUnits() {
        assertThat(incomplete("2021")).containsExactlyInAnyOrder("BQL-KCN", "DAI-KTTV");
        assertThat(incomplete("2022")).isEmpty();
        assertThat(incomplete("2023")).isEmpty();
    }

    @Test
    void nomineesAreConsistentPeopleWithAtMostFourAUnitAYear() {
        Map<PersonKey, Nominee> seen = new HashMap<>();
        for (String period : registry.periodNames()) {
            Map<String, Set<String>> staffByUnit = new HashMap<>();
            for (Submission s : valid(period)) {
                for (Nominee n : s.nominees()) {
                    staffByUnit.computeIfAbsent(s.unitCode(), u -> new HashSet<>()).add(n.staffCode());
                    assertThat(n.staffCode()).matches("NV-\\d{4}");
                    assertThat(n.fullName().split(" ")).hasSizeBetween(3, 4);
                    // A woman's name never carries the men's middle name "Văn", nor a man's "Thị".
                    assertThat(n.fullName()).doesNotContain(n.gender().equals("F") ? " Văn " : " Thị ");
                    Nominee earlier = seen.putIfAbsent(new PersonKey(s.unitCode(), n.staffCode()), n);
                    if (earlier != null) {
                        assertThat(n.fullName()).isEqualTo(earlier.fullName());
                        assertThat(n.gender()).isEqualTo(earlier.gender());
                    }
                }
            }
            assertThat(staffByUnit.values()).allSatisfy(staff -> assertThat(staff).hasSizeLessThanOrEqualTo(4));
        }
    }

    /**
     * The 2023 shape, by design ({@link DemoData}): one flag per block (each block's F unit scores 99-105, its
     * E units 93-99); 17 E units that were E or F in 2022 (2+2+2+3+3+2+2+1 over the 8 blocks); floor(0.20 x 8)
     * = 1 government flag; 3 block prizes; 22 people soldiers 2021-2023 with a province initiative
     * (7 + 8 + 7); 33 Bằng khen: 8 + 7 soldiers 2022-2023, 6 soldiers 2021-2023 without a province initiative,
     * 6 + 6 XUAT_SAC 2022-2023 with 2 initiatives.
     */
    @Test
    void the2023ClosingHasTheShapeOfHaNamsRealOutcome() {
        Closing closing = closings.get("2023");
        assertThat(closing.counts()).containsExactly(
                Map.entry(AwardCode.CO_THI_DUA_TINH, 8L),
                Map.entry(AwardCode.BANG_KHEN_TAP_THE, 17L),
                Map.entry(AwardCode.CO_THI_DUA_CHINH_PHU, 1L),
                Map.entry(AwardCode.GIAI_KHOI_NHAT, 1L),
                Map.entry(AwardCode.GIAI_KHOI_NHI, 1L),
                Map.entry(AwardCode.GIAI_KHOI_BA, 1L),
                Map.entry(AwardCode.CHIEN_SI_THI_DUA_TINH, 22L),
                Map.entry(AwardCode.BANG_KHEN_CA_NHAN, 33L));
        assertThat(closing.awards()).allSatisfy(a -> assertThat(a.status()).isIn(AwardStatus.GRANTED,
                AwardStatus.PROPOSED));
        assertThat(closing.awards().stream().filter(a -> a.awardCode() == AwardCode.CO_THI_DUA_TINH)
                .map(Award::unitCode)).containsExactlyInAnyOrder("SO-KHDT", "SO-NNPTNT", "BV-DK", "SO-NV",
                "BTC-TU", "CT-DL", "BHXH", "UBND-DT");
        assertThat(closing.awards().stream().filter(a -> a.awardCode() == AwardCode.BANG_KHEN_TAP_THE)
                .map(Award::unitCode)).containsExactlyInAnyOrder("SO-TC", "SO-CT", "SO-TNMT", "SO-TTTT", "SO-GDDT",
                "SO-LDTBXH", "SO-TP", "CA-TINH", "BCH-QS", "MTTQ", "BTG-TU", "HLHPN", "VNPT-HN", "AGRI-HN", "KBNN",
                "NHCSXH", "UBND-PL");
    }

    /** SO-NNPTNT misses its CS1 target (r = 0.98), so the one government flag goes to another flag holder. */
    @Test
    void theGovernmentFlagGoesToAFlagHolderThatMetEveryTarget() {
        Closing closing = closings.get("2023");
        StandingRow agriculture = closing.row("SO-NNPTNT");
        assertThat(agriculture.rank()).isEqualTo(1);
        assertThat(agriculture.unit().allTargetsMet()).isFalse();
        Award gov = closing.awards().stream().filter(a -> a.awardCode() == AwardCode.CO_THI_DUA_CHINH_PHU)
                .findFirst().orElseThrow();
        assertThat(gov.status()).isEqualTo(AwardStatus.PROPOSED);
        assertThat(closing.row(gov.unitCode()).unit().allTargetsMet()).isTrue();
    }

    /** SO-YT and BAO-HN report the same results in 2023; 72/98 women beat 30/43 (69.8 %, under 70 %). */
    @Test
    void theWomenShareBreaksTheDeliberateTieOf2023() {
        Closing closing = closings.get("2023");
        StandingRow health = closing.row("SO-YT");
        StandingRow newspaper = closing.row("BAO-HN");
        assertThat(health.unit().score()).isEqualByComparingTo(newspaper.unit().score());
        assertThat(health.unit().womenPreferred()).isTrue();
        assertThat(newspaper.unit().womenPreferred()).isFalse();
        assertThat(newspaper.rank()).isEqualTo(health.rank() + 1);
    }

    /**
     * 2021 has no period before it: flags, government flag and block prizes only. 2022: the 2021-2022 collective
     * certificates of the plan (SO-TC, SO-TNMT, SO-LDTBXH, BV-DK, CA-TINH, BCH-QS, MTTQ, HLHPN, VNPT-HN, AGRI-HN,
     * BHXH, NHCSXH, UBND-PL: 13) and 32 Bằng khen (22 + 6 soldiers 2021-2023 and 4 who leave in 2023, all
     * soldiers in 2021 and 2022); no Chiến sĩ cấp tỉnh without 3 registry periods.
     */
    @Test
    void theEarlierYearsHavePlausibleOutcomesOfTheirOwn() {
        assertThat(closings.get("2021").counts()).containsExactly(
                Map.entry(AwardCode.CO_THI_DUA_TINH, 8L),
                Map.entry(AwardCode.CO_THI_DUA_CHINH_PHU, 1L),
                Map.entry(AwardCode.GIAI_KHOI_NHAT, 1L),
                Map.entry(AwardCode.GIAI_KHOI_NHI, 1L),
                Map.entry(AwardCode.GIAI_KHOI_BA, 1L));
        assertThat(closings.get("2022").counts()).containsExactly(
                Map.entry(AwardCode.CO_THI_DUA_TINH, 8L),
                Map.entry(AwardCode.BANG_KHEN_TAP_THE, 13L),
                Map.entry(AwardCode.CO_THI_DUA_CHINH_PHU, 1L),
                Map.entry(AwardCode.GIAI_KHOI_NHAT, 1L),
                Map.entry(AwardCode.GIAI_KHOI_NHI, 1L),
                Map.entry(AwardCode.GIAI_KHOI_BA, 1L),
                Map.entry(AwardCode.BANG_KHEN_CA_NHAN, 32L));
    }

    private static List<Submission> valid(String period) {
        return verdicts.values().stream().filter(v -> v instanceof Verdict.Valid)
                .map(v -> ((Verdict.Valid) v).submission()).filter(s -> s.period().equals(period)).toList();
    }

    private static List<String> incomplete(String period) {
        return closings.get(period).standings().values().stream().flatMap(s -> s.rows().stream())
                .filter(r -> !r.unit().complete()).map(r -> r.unit().unitCode()).toList();
    }
}
