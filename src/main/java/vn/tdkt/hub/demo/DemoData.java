package vn.tdkt.hub.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.tdkt.hub.domain.VietnamTime;
import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.scoring.Members;
import vn.tdkt.hub.domain.submission.Initiative;
import vn.tdkt.hub.domain.submission.Nominee;

/**
 * The demo data of the embedded mode: three years (2021, 2022, 2023) of submissions (contracts.md, "Submission")
 * for the demo registry of Hà Nam province ({@code src/main/resources/demo/registry.yaml}). Plain Java,
 * deterministic: every random draw comes from a {@link Random} seeded with {@code SEED} and the name of what is
 * drawn, so {@link #generate(Registry)} returns the same list on every run.
 *
 * <p><b>Design.</b> Nothing of the outcome is written in: the data is designed so that the rules (rulebook
 * sections 1-5, {@code govFlagShare} 0.20) give, at the 2023 closing, the shape of Hà Nam's real 2023 outcome:
 * 8 {@code CO_THI_DUA_TINH}, 17 {@code BANG_KHEN_TAP_THE}, 1 {@code CO_THI_DUA_CHINH_PHU} (floor(0.2 x 8) = 1),
 * the three block prizes, 33 {@code BANG_KHEN_CA_NHAN} and 22 {@code CHIEN_SI_THI_DUA_TINH}; {@code DemoDataTest}
 * checks it with the real validator, scorer and decider.
 * <ul>
 *   <li>Every unit has a {@link Tier} per year ({@code PLAN}: F flag, E excellent, G good, H fair, W weak). The
 *       F unit of each block has the best value of every TARGET/TARGET_LOWER criterion, so it sets the scale (R),
 *       and about the best of the RELATIVE one; with its bonus it scores 99-105. E units get 89-95 % of each
 *       block-relative criterion's points and score 92-99 ({@code XUAT_SAC}); G, H and W fall further behind
 *       ({@code TOT} 76-86, {@code HOAN_THANH} 56-66, {@code KHONG_HOAN_THANH} under 40). So in 2023 the 8 F units
 *       get the province flag, and the 17 E units that were E or F in 2022 get the collective certificate (KT-TH 2,
 *       KT-N 2, VH-XH 2, NC 3, DANG-DT 3, DN 2, TW 2, DP 1); BQL-KCN, VKSND and TINH-DOAN are E in 2023 but G in
 *       2022 and get none.</li>
 *   <li>In 2023 SO-NNPTNT, the flag holder of KT-N, misses its CS1 target (r = 0.98), so the government flag goes
 *       to a flag holder that met every target.</li>
 *   <li>In 2023 SO-YT and BAO-HN report the very same results (a deliberate tie): SO-YT (72 of 98 members women)
 *       ranks above BAO-HN (30 of 43, just under 70 %) by the women-share tie-break of rulebook section 4.</li>
 *   <li>Lower-case plan letters (2021 only: BQL-KCN, DAI-KTTV) leave the block's RELATIVE criterion out: those
 *       units are incomplete and have no rating. 2022 and 2023 are complete for every unit.</li>
 *   <li>People: see {@link DemoPeople} (22 Chiến sĩ thi đua cấp tỉnh and 33 Bằng khen in 2023).</li>
 * </ul>
 *
 * <p><b>Submissions.</b> One per unit and year ({@code demo-{period}-{unit}-1}, submitted between 5 and 19
 * January of the following year, +07:00), with every non-bonus/penalty result, {@code TR1} (0 allowed), {@code TH1}
 * when there is a bonus, {@code members} and the unit's nominees. The units of {@code CORRECTIONS} send a second
 * one ({@code -2}, 4 to 9 days later) that replaces results [báo cáo bổ sung/điều chỉnh]: ADJUST sends the final
 * figures of the first TARGET and the RELATIVE criterion where the first submission had preliminary ones (92 % of
 * them); SUPPLEMENT sends the RELATIVE criterion the first one left out. Either also relists, complete, the unit's
 * nominee with the most initiatives, whose last initiative the first submission left out. Records come unit by unit in
 * block order, corrections after all first submissions, except for SO-XD in 2022, whose correction is listed
 * before its first submission (arrival order must not matter, rulebook section 2).
 *
 * <p><b>Deliberately bad records</b> (2023 only, at the end): three records the hub must reject, to show
 * rejections with Vietnamese reasons; being rejected as a whole, they change no result and no award, and they
 * repeat the unit's final figures anyway:
 * <ol>
 *   <li>{@code demo-2023-SO-KHCN-3}: an unknown criterion {@code KT9} ({@code UNKNOWN_CRITERION});</li>
 *   <li>{@code demo-2023-CT-NS-3}: a negative count, {@code DN7} = -2 ({@code INVALID_VALUE});</li>
 *   <li>a record of UBND-BL written with a decimal comma, {@code "actual": 13,1}: not JSON
 *       ({@code MALFORMED_JSON}).</li>
 * </ol>
 */
public final class DemoData {

    /** The seed of every random draw of the demo data. */
    static final long SEED = 20_240_115L;

    private static final List<String> PERIODS = List.of("2021", "2022", "2023");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** Tier letters for 2021, 2022, 2023 by unit; lower case: the RELATIVE criterion is left out (incomplete). */
    private static final Map<String, String> PLAN = Map.ofEntries(
            // KT-TH
            Map.entry("SO-KHDT", "FFF"), Map.entry("SO-TC", "EEE"), Map.entry("SO-CT", "GEE"),
            Map.entry("SO-KHCN", "HGG"), Map.entry("BQL-KCN", "gGE"), Map.entry("CUC-THUE", "EGG"),
            Map.entry("CUC-TK", "GHH"),
            // KT-N
            Map.entry("SO-NNPTNT", "EFF"), Map.entry("SO-XD", "GGH"), Map.entry("SO-GTVT", "HGG"),
            Map.entry("SO-TNMT", "FEE"), Map.entry("SO-TTTT", "GEE"), Map.entry("BQLDA-XD", "WHG"),
            Map.entry("VP-NTM", "GGG"),
            // VH-XH
            Map.entry("SO-GDDT", "FFE"), Map.entry("SO-YT", "GGG"), Map.entry("SO-LDTBXH", "EEE"),
            Map.entry("SO-VHTTDL", "HHH"), Map.entry("BV-DK", "EEF"), Map.entry("BAO-HN", "GGG"),
            Map.entry("DAI-PTTH", "GHG"),
            // NC
            Map.entry("SO-NV", "FFF"), Map.entry("SO-TP", "GEE"), Map.entry("THANH-TRA", "GGH"),
            Map.entry("CA-TINH", "EEE"), Map.entry("BCH-QS", "EEE"), Map.entry("VKSND", "GGE"),
            Map.entry("TAND", "HGG"), Map.entry("CUC-THADS", "HHG"),
            // DANG-DT
            Map.entry("MTTQ", "FEE"), Map.entry("BTC-TU", "EFF"), Map.entry("BTG-TU", "GEE"),
            Map.entry("UBKT-TU", "GGG"), Map.entry("HLHPN", "EEE"), Map.entry("TINH-DOAN", "HGE"),
            Map.entry("HND", "GHG"), Map.entry("LDLD", "HGH"),
            // DN
            Map.entry("CT-DL", "FFF"), Map.entry("VNPT-HN", "EEE"), Map.entry("BD-HN", "GHG"),
            Map.entry("CT-KTTL", "HGH"), Map.entry("CT-NS", "WHG"), Map.entry("AGRI-HN", "EEE"),
            Map.entry("VTB-HN", "GGG"),
            // TW
            Map.entry("KBNN", "FFE"), Map.entry("BHXH", "EEF"), Map.entry("NHNN", "GGG"),
            Map.entry("NHCSXH", "EEE"), Map.entry("HQ-HN", "GGH"), Map.entry("CUC-QLTT", "HHG"),
            Map.entry("DAI-KTTV", "hHH"),
            // DP
            Map.entry("UBND-PL", "FEE"), Map.entry("UBND-DT", "EFF"), Map.entry("UBND-KB", "GGG"),
            Map.entry("UBND-TL", "HGG"), Map.entry("UBND-BL", "GHH"), Map.entry("UBND-LN", "HHG"));

    private enum Correction { ADJUST, SUPPLEMENT }

    /** Units that send a second submission, by period. */
    private static final Map<String, Map<String, Correction>> CORRECTIONS = Map.of(
            "2021", Map.of("SO-CT", Correction.ADJUST, "BAO-HN", Correction.SUPPLEMENT,
                    "TAND", Correction.ADJUST, "HND", Correction.ADJUST, "CT-KTTL", Correction.ADJUST,
                    "UBND-LN", Correction.ADJUST),
            "2022", Map.of("SO-XD", Correction.ADJUST, "BV-DK", Correction.ADJUST, "CA-TINH", Correction.ADJUST,
                    "BTG-TU", Correction.ADJUST, "VTB-HN", Correction.ADJUST, "UBND-KB", Correction.SUPPLEMENT),
            "2023", Map.of("SO-TC", Correction.ADJUST, "SO-TNMT", Correction.SUPPLEMENT,
                    "BCH-QS", Correction.ADJUST, "LDLD", Correction.ADJUST, "NHNN", Correction.ADJUST,
                    "KBNN", Correction.ADJUST, "UBND-TL", Correction.ADJUST));

    /** {@code period/unit} whose correction is listed before its first submission. */
    private static final String CORRECTION_FIRST = "2022/SO-XD";

    /** 2023: unit reporting exactly the results of another unit of its block (a deliberate tie). */
    private static final Map<String, String> TWINS_2023 = Map.of("BAO-HN", "SO-YT");

    /** 2023: flag holder missing one target, by criterion. */
    private static final Map<String, String> MISSED_TARGET_2023 = Map.of("SO-NNPTNT", "CS1");
    private static final double MISSED_FRACTION = 0.49;

    /** Head counts of the units where the women-share tie-break matters; the others are drawn (25-65 % women). */
    private static final Map<String, Members> FIXED_MEMBERS = Map.of(
            "HLHPN", new Members(42, 38), "BV-DK", new Members(556, 412), "SO-YT", new Members(98, 72),
            "BAO-HN", new Members(43, 30), "KBNN", new Members(88, 63));

    /** Preliminary figures [số liệu ước thực hiện] are 92 % of the final ones. */
    private static final BigDecimal PRELIMINARY_SHARE = new BigDecimal("0.92");

    private DemoData() {
    }

    /** The submissions of 2021, 2022 and 2023, in that order, with the 3 deliberately bad records of 2023. */
    public static List<DemoRecord> generate(Registry registry) {
        List<DemoRecord> records = new ArrayList<>();
        PERIODS.forEach(period -> records.addAll(generate(registry, period)));
        return List.copyOf(records);
    }

    /**
     * The submissions of one period (2021, 2022 or 2023) of the demo registry.
     *
     * @throws IllegalArgumentException for another period, one missing from the registry, or a unit the demo
     *                                  plan does not know
     */
    public static List<DemoRecord> generate(Registry registry, String period) {
        int year = PERIODS.indexOf(period);
        PeriodDef def = registry.period(period).filter(p -> year >= 0).orElseThrow(() ->
                new IllegalArgumentException("The demo data covers the registry periods 2021-2023, not " + period));
        DemoPeople people = DemoPeople.deal(lastPeriod(registry).blocks().stream()
                .flatMap(b -> b.units().stream()).toList(), SEED);
        List<DemoRecord> records = new ArrayList<>();
        List<DemoRecord> corrections = new ArrayList<>();
        Map<String, List<Value>> finals = new LinkedHashMap<>();
        for (Block block : def.blocks()) {
            Map<String, BigDecimal> bests = bests(period, block);
            for (String unit : block.units()) {
                List<Value> values = values(period, year, block, unit, bests);
                finals.put(unit, values);
                Random timing = random(period, unit + "/time");
                OffsetDateTime firstAt = OffsetDateTime.of(Integer.parseInt(period) + 1, 1, 5 + timing.nextInt(15),
                        8 + timing.nextInt(9), timing.nextInt(60), 0, 0, VietnamTime.OFFSET);
                OffsetDateTime laterAt = firstAt.plusDays(4 + timing.nextInt(6)).withHour(8 + timing.nextInt(9))
                        .withMinute(timing.nextInt(60));
                UnitReport report = new UnitReport(period, unit, values, members(period, unit),
                        people.nominees(unit, year), firstAt, laterAt);
                Correction correction = CORRECTIONS.get(period).get(unit);
                if (correction == null) {
                    records.add(report.single());
                } else {
                    Set<String> corrected = correctedCriteria(block, correction);
                    DemoRecord first = report.first(corrected, correction);
                    DemoRecord second = report.correction(corrected);
                    if (CORRECTION_FIRST.equals(period + "/" + unit)) {
                        records.add(second);
                        records.add(first);
                    } else {
                        records.add(first);
                        corrections.add(second);
                    }
                }
            }
        }
        records.addAll(corrections);
        if (year == PERIODS.size() - 1) {
            records.addAll(badRecords(period, finals));
        }
        return List.copyOf(records);
    }

    /** The year under way in the demo: open, reported in part. */
    public static final String OPEN_PERIOD = "2024";

    /**
     * The mid-year reports of {@link #OPEN_PERIOD}, the year the demo leaves open: two units of every three (in
     * each block's order) have reported their targets and pass/fail criteria so far (in July), the rest nothing;
     * so the dashboard shows a year in progress, and a department can still report. Values are drawn from each
     * unit's 2023 tier.
     */
    public static List<DemoRecord> openYear(Registry registry) {
        String period = OPEN_PERIOD;
        PeriodDef def = registry.period(period).orElseThrow(() ->
                new IllegalArgumentException("The demo's open year " + period + " is not in the registry"));
        int tierYear = PERIODS.size() - 1;
        List<DemoRecord> records = new ArrayList<>();
        for (Block block : def.blocks()) {
            Map<String, BigDecimal> bests = bests(period, block);
            for (int i = 0; i < block.units().size(); i++) {
                if (i % 3 == 2) {
                    continue;
                }
                String unit = block.units().get(i);
                List<Value> reported = values(period, tierYear, block, unit, bests).stream()
                        .filter(v -> block.criterion(v.criterion()).map(c -> c.method() == Method.TARGET
                                || c.method() == Method.TARGET_LOWER || c.method() == Method.PASS_FAIL)
                                .orElse(false))
                        .toList();
                Random timing = random(period, unit + "/time");
                OffsetDateTime at = OffsetDateTime.of(Integer.parseInt(period), 7, 5 + timing.nextInt(15),
                        8 + timing.nextInt(9), timing.nextInt(60), 0, 0, VietnamTime.OFFSET);
                records.add(new DemoRecord(period, unit, json("demo-%s-%s-1".formatted(period, unit), unit, period,
                        at, members(period, unit), reported, List.of())));
            }
        }
        return List.copyOf(records);
    }

    private static PeriodDef lastPeriod(Registry registry) {
        String last = PERIODS.get(PERIODS.size() - 1);
        return registry.period(last).orElseThrow(() ->
                new IllegalArgumentException("The demo people belong to the units of " + last
                        + ", which is not in the registry"));
    }

    // ---------------------------------------------------------------- values

    /** One result: {@code actual} is a BigDecimal, or a Boolean for PASS_FAIL. */
    private record Value(String criterion, BigDecimal target, Object actual) {

        Value withActual(Object newActual) {
            return new Value(criterion, target, newActual);
        }
    }

    /** The block's best value of each RELATIVE criterion, of which each unit reports a fraction. */
    private static Map<String, BigDecimal> bests(String period, Block block) {
        Random rng = random(period, block.code() + "/best");
        Map<String, BigDecimal> bests = new LinkedHashMap<>();
        block.criteria().stream().filter(c -> c.method() == Method.RELATIVE)
                .forEach(c -> bests.put(c.code(), Measure.of(block.code(), c.code()).draw(rng)));
        return bests;
    }

    /** The unit's final results of the period, in table order, drawn from its tier. */
    private static List<Value> values(String period, int year, Block block, String unit,
                                      Map<String, BigDecimal> bests) {
        char letter = plan(unit).charAt(year);
        Tier tier = Tier.of(letter);
        boolean lastYear = year == PERIODS.size() - 1;
        Random rng = random(period, (lastYear ? TWINS_2023.getOrDefault(unit, unit) : unit) + "/results");
        String missed = lastYear ? MISSED_TARGET_2023.get(unit) : null;
        Criterion lastPassFail = block.criteria().stream().filter(c -> c.method() == Method.PASS_FAIL)
                .reduce((a, b) -> b).orElse(null);
        List<Value> values = new ArrayList<>();
        for (Criterion c : block.criteria()) {
            switch (c.method()) {
                case TARGET, TARGET_LOWER -> {
                    Measure measure = Measure.of(block.code(), c.code());
                    BigDecimal target = measure.draw(rng);
                    double ratio = measure.ratio(c.code().equals(missed) ? MISSED_FRACTION : tier.fraction(rng));
                    BigDecimal actual = c.method() == Method.TARGET
                            ? measure.actual(target.doubleValue() * ratio, RoundingMode.HALF_UP)
                            : measure.actual(target.doubleValue() / ratio, RoundingMode.FLOOR);
                    values.add(new Value(c.code(), target, actual));
                }
                case RELATIVE -> {
                    double best = bests.get(c.code()).doubleValue();
                    BigDecimal actual = Measure.of(block.code(), c.code())
                            .actual(best * tier.relativeFraction(rng), RoundingMode.HALF_UP);
                    if (Character.isUpperCase(letter)) {
                        values.add(new Value(c.code(), null, actual));
                    }
                }
                case PASS_FAIL -> values.add(new Value(c.code(), null, tier.passesAll() || c != lastPassFail));
                case COUNT -> {
                    int full = c.maxPoints().divide(c.pointsPerItem(), 0, RoundingMode.CEILING).intValueExact();
                    values.add(new Value(c.code(), null, BigDecimal.valueOf(tier.countItems(full, rng))));
                }
                case BONUS -> {
                    int items = tier.bonusItems(rng);
                    if (items > 0) {
                        values.add(new Value(c.code(), null, BigDecimal.valueOf(items)));
                    }
                }
                case PENALTY -> values.add(new Value(c.code(), null, BigDecimal.valueOf(tier.penaltyItems(rng))));
            }
        }
        return values;
    }

    private static String plan(String unit) {
        String plan = PLAN.get(unit);
        if (plan == null) {
            throw new IllegalArgumentException("The demo plan has no unit " + unit);
        }
        return plan;
    }

    private static Members members(String period, String unit) {
        Members fixed = FIXED_MEMBERS.get(unit);
        if (fixed != null) {
            return fixed;
        }
        Random base = random("members", unit);
        int total = 20 + base.nextInt(180) + random(period, unit + "/members").nextInt(7);
        int womenPercent = 25 + base.nextInt(41);
        return new Members(total, total * womenPercent / 100);
    }

    // ---------------------------------------------------------------- submissions

    /**
     * The criteria a second submission sends: the block's RELATIVE criterion, and for ADJUST also its first TARGET
     * criterion.
     */
    private static Set<String> correctedCriteria(Block block, Correction correction) {
        Set<String> codes = new HashSet<>();
        block.criteria().stream().filter(c -> c.method() == Method.RELATIVE).findFirst()
                .ifPresent(c -> codes.add(c.code()));
        if (correction == Correction.ADJUST) {
            block.criteria().stream().filter(c -> c.method() == Method.TARGET).findFirst()
                    .ifPresent(c -> codes.add(c.code()));
        }
        return codes;
    }

    /** Everything a unit reports in one period, and the one or two submissions that carry it. */
    private record UnitReport(String period, String unit, List<Value> values, Members members,
                              List<Nominee> nominees, OffsetDateTime firstAt, OffsetDateTime laterAt) {

        DemoRecord single() {
            return record(1, firstAt, members, values, nominees);
        }

        /**
         * The first of two submissions: the corrected criteria missing (SUPPLEMENT) or with lower preliminary
         * figures (ADJUST), and the nominee with the most initiatives without the last one.
         */
        DemoRecord first(Set<String> corrected, Correction correction) {
            List<Value> sent = new ArrayList<>();
            for (Value v : values) {
                if (!corrected.contains(v.criterion())) {
                    sent.add(v);
                } else if (correction == Correction.ADJUST) {
                    BigDecimal actual = (BigDecimal) v.actual();
                    sent.add(v.withActual(actual.multiply(PRELIMINARY_SHARE).setScale(actual.scale(),
                            RoundingMode.HALF_UP)));
                }
            }
            Nominee completed = completedNominee();
            List<Nominee> listed = nominees.stream().map(n -> n == completed ? withoutLastInitiative(n) : n).toList();
            return record(1, firstAt, members, sent, listed);
        }

        /** The second submission: the final figures of the corrected criteria, and the completed nominee. */
        DemoRecord correction(Set<String> corrected) {
            List<Value> sent = values.stream().filter(v -> corrected.contains(v.criterion())).toList();
            Nominee completed = completedNominee();
            return record(2, laterAt, null, sent, completed == null ? List.of() : List.of(completed));
        }

        /** The first nominee with the most initiatives, or null when nobody has one. */
        private Nominee completedNominee() {
            return nominees.stream().filter(n -> !n.initiatives().isEmpty())
                    .max(Comparator.comparingInt(n -> n.initiatives().size())).orElse(null);
        }

        private DemoRecord record(int number, OffsetDateTime at, Members sentMembers, List<Value> sent,
                                  List<Nominee> sentNominees) {
            String id = "demo-%s-%s-%d".formatted(period, unit, number);
            return new DemoRecord(period, unit, json(id, unit, period, at, sentMembers, sent, sentNominees));
        }

        private static Nominee withoutLastInitiative(Nominee n) {
            return new Nominee(n.staffCode(), n.fullName(), n.gender(), n.rating(), n.grassrootsEmulationSoldier(),
                    n.initiatives().subList(0, n.initiatives().size() - 1));
        }
    }

    /** The three deliberately bad records of the last period (see the class comment). */
    private static List<DemoRecord> badRecords(String period, Map<String, List<Value>> finals) {
        OffsetDateTime at = OffsetDateTime.of(Integer.parseInt(period) + 1, 1, 30, 10, 15, 0, 0, VietnamTime.OFFSET);
        List<Value> unknownCriterion = new ArrayList<>(finals.get("SO-KHCN"));
        unknownCriterion.add(new Value("KT9", null, BigDecimal.valueOf(2)));
        List<Value> negativeCount = finals.get("CT-NS").stream()
                .map(v -> v.criterion().equals("DN7") ? v.withActual(BigDecimal.valueOf(-2)) : v).toList();
        String decimalComma = """
                {"submissionId":"demo-%1$s-UBND-BL-3","unitCode":"UBND-BL","period":"%1$s",\
                "submittedAt":"%2$s","results":[{"criterion":"KT1","target":12.5,"actual":13,1}]}"""
                .formatted(period, TIME.format(at));
        return List.of(
                new DemoRecord(period, "SO-KHCN", json("demo-" + period + "-SO-KHCN-3", "SO-KHCN", period, at, null,
                        unknownCriterion, List.of())),
                new DemoRecord(period, "CT-NS", json("demo-" + period + "-CT-NS-3", "CT-NS", period, at, null,
                        negativeCount, List.of())),
                new DemoRecord(period, "UBND-BL", decimalComma));
    }

    // ---------------------------------------------------------------- JSON

    private static String json(String id, String unit, String period, OffsetDateTime at, Members members,
                               List<Value> values, List<Nominee> nominees) {
        ObjectNode root = JSON.createObjectNode();
        root.put("submissionId", id);
        root.put("unitCode", unit);
        root.put("period", period);
        root.put("submittedAt", TIME.format(at));
        if (members != null) {
            root.putObject("members").put("total", members.total()).put("women", members.women());
        }
        if (!values.isEmpty()) {
            ArrayNode results = root.putArray("results");
            for (Value v : values) {
                ObjectNode result = results.addObject().put("criterion", v.criterion());
                if (v.target() != null) {
                    result.put("target", v.target());
                }
                if (v.actual() instanceof Boolean done) {
                    result.put("actual", done);
                } else {
                    result.put("actual", (BigDecimal) v.actual());
                }
            }
        }
        if (!nominees.isEmpty()) {
            ArrayNode array = root.putArray("nominees");
            for (Nominee n : nominees) {
                ObjectNode nominee = array.addObject()
                        .put("staffCode", n.staffCode())
                        .put("fullName", n.fullName())
                        .put("gender", n.gender())
                        .put("rating", n.rating().name())
                        .put("grassrootsEmulationSoldier", n.grassrootsEmulationSoldier());
                if (!n.initiatives().isEmpty()) {
                    ArrayNode initiatives = nominee.putArray("initiatives");
                    for (Initiative i : n.initiatives()) {
                        initiatives.addObject().put("title", i.title()).put("level", i.level().name());
                    }
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write demo JSON", e);
        }
    }

    /** A random stream for one named thing of one period (or of the whole demo), the same on every run. */
    private static Random random(String scope, String name) {
        return new Random(SEED * 31 + (scope + "|" + name).hashCode());
    }
}
