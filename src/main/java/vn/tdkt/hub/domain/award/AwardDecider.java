package vn.tdkt.hub.domain.award;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.scoring.BlockStandings;
import vn.tdkt.hub.domain.scoring.StandingRow;
import vn.tdkt.hub.domain.scoring.StandingsOrder;
import vn.tdkt.hub.domain.scoring.UnitScore;
import vn.tdkt.hub.domain.submission.InitiativeLevel;
import vn.tdkt.hub.domain.submission.Nominee;

/**
 * Decides the awards of a closing (rulebook section 5) and applies the holds in force (section 4).
 *
 * <p>The rules decide first; then a hold on the recipient turns the award's status into {@code WITHHELD} and adds
 * the hold's reason to the facts ({@code holdReason}). A withheld award stays where it is: it is not passed to the
 * next in line and still counts in the government-flag quota; a withheld {@code CHIEN_SI_THI_DUA_TINH} still rules
 * out {@code BANG_KHEN_CA_NHAN}. Block prizes are not subject to holds.
 *
 * <p>The result is ordered by {@link AwardCode} declaration order, then by the recipient part of the awardId in
 * plain character-code order: the letter-numbering order of section 6. It depends only on the facts, not on the
 * iteration order of their maps.
 *
 * <p>Choices where the spec is silent: where several holds name the same recipient, their distinct reasons are
 * joined with "; " in character-code order; a person's {@code blockCode} is the block of the nominating unit in
 * this period; when a person meets both alternatives of {@code BANG_KHEN_CA_NHAN}, the rule text names the
 * grassroots-soldier one (the facts show both).
 */
public final class AwardDecider {

    private static final Comparator<Award> LETTER_ORDER =
            Comparator.comparing(Award::awardCode).thenComparing(Award::recipient);

    private static final String RULE_FLAG = "Đơn vị xếp hạng nhất khối thi đua, đã báo cáo đầy đủ các tiêu chí"
            + " và được xếp loại Hoàn thành xuất sắc nhiệm vụ";
    private static final String RULE_COLLECTIVE = "Tập thể không xếp hạng nhất khối, đã báo cáo đầy đủ các tiêu chí,"
            + " được xếp loại Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (năm nay và năm trước)";
    private static final String RULE_GOV_FLAG = "Đơn vị được tặng Cờ thi đua của UBND tỉnh năm nay, hoàn thành tất cả"
            + " các chỉ tiêu, nằm trong số được đề nghị theo tỷ lệ Cờ thi đua của Chính phủ (xếp theo điểm, khi bằng"
            + " điểm ưu tiên đơn vị có từ 70% nữ trở lên, rồi đơn vị đạt nhiều chỉ tiêu hơn, rồi mã đơn vị)";
    private static final String RULE_BLOCK = "Khối thi đua xếp hạng %d trong các khối theo điểm trung bình của các"
            + " đơn vị đã báo cáo đầy đủ các tiêu chí";
    private static final String RULE_SOLDIER = "Đạt danh hiệu Chiến sĩ thi đua cơ sở 3 năm liên tục và có ít nhất"
            + " một sáng kiến cấp tỉnh trong 3 năm đó";
    private static final String RULE_PERSON_SOLDIER = "Chưa được tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm nay,"
            + " đạt danh hiệu Chiến sĩ thi đua cơ sở 2 năm liên tục";
    private static final String RULE_PERSON_EXCELLENT = "Chưa được tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm nay,"
            + " hoàn thành xuất sắc nhiệm vụ 2 năm liên tục và có ít nhất 2 sáng kiến trong 2 năm đó";
    private static final int PERSON_CERTIFICATE_INITIATIVES = 2;
    /** A hold's reason is optional in a command; the withheld award then says so. */
    static final String NO_HOLD_REASON = "(không nêu lý do)";

    private final ClosingFacts facts;
    private final Map<Holder, String> holdReasons;

    private AwardDecider(ClosingFacts facts) {
        this.facts = facts;
        this.holdReasons = facts.holds().stream().collect(Collectors.groupingBy(
                h -> new Holder(h.unitCode(), h.staffCode()),
                Collectors.mapping(h -> h.reason() == null || h.reason().isBlank() ? NO_HOLD_REASON : h.reason(),
                        Collectors.collectingAndThen(
                        Collectors.toCollection(TreeSet::new), reasons -> String.join("; ", reasons)))));
    }

    /** All awards of the closing of {@code facts.period()}, in letter-numbering order. */
    public static List<Award> decide(ClosingFacts facts) {
        AwardDecider decider = new AwardDecider(facts);
        List<BlockRow> flagHolders = decider.flagHolders();
        List<Award> awards = new ArrayList<>();
        flagHolders.forEach(holder -> awards.add(decider.provinceFlag(holder)));
        awards.addAll(decider.collectiveCertificates());
        awards.addAll(decider.governmentFlags(flagHolders));
        awards.addAll(decider.blockPrizes());
        awards.addAll(decider.individualAwards());
        awards.sort(LETTER_ORDER);
        return List.copyOf(awards);
    }

    // ---- collectives ----

    /** Per block, the unit ranked 1 if complete and rated XUAT_SAC. */
    private List<BlockRow> flagHolders() {
        List<BlockRow> holders = new ArrayList<>();
        for (Block block : facts.periodDef().blocks()) {
            Optional.ofNullable(facts.standings().get(block.code()))
                    .flatMap(BlockStandings::leader)
                    .filter(row -> row.unit().complete() && row.unit().rating() == Rating.XUAT_SAC)
                    .ifPresent(row -> holders.add(new BlockRow(block, row)));
        }
        return holders;
    }

    private Award provinceFlag(BlockRow holder) {
        UnitScore unit = holder.row().unit();
        Map<String, Object> f = blockFacts(holder.block());
        f.put("rank", holder.row().rank());
        f.put("complete", unit.complete());
        f.put("score", score(unit.score()));
        f.put("rating", unit.rating().name());
        f.put("xuatSacThreshold", facts.registry().rules().xuatSac());
        return unitAward(AwardCode.CO_THI_DUA_TINH, holder, RULE_FLAG, f);
    }

    /** Every complete unit but the one ranked 1, rated XUAT_SAC in this period and the period before. */
    private List<Award> collectiveCertificates() {
        Optional<String> before = facts.periodBefore(1);
        if (before.isEmpty()) {
            return List.of();
        }
        List<Award> awards = new ArrayList<>();
        for (Block block : facts.periodDef().blocks()) {
            if (!facts.standings().containsKey(block.code())) {
                continue;
            }
            for (StandingRow row : facts.standings().get(block.code()).rows()) {
                UnitScore unit = row.unit();
                Rating previous = facts.previousRatings().get(unit.unitCode());
                if (row.rank() != null && row.rank() > 1 && unit.rating() == Rating.XUAT_SAC
                        && previous == Rating.XUAT_SAC) {
                    Map<String, Object> f = blockFacts(block);
                    f.put("rank", row.rank());
                    f.put("complete", unit.complete());
                    f.put("score", score(unit.score()));
                    f.put("ratingsByYear",
                            ordered(before.get(), previous.name(), facts.period(), unit.rating().name()));
                    f.put("previousBlockCode", facts.registry().blockOf(before.get(), unit.unitCode())
                            .map(Block::code).orElse(null));
                    awards.add(unitAward(AwardCode.BANG_KHEN_TAP_THE, new BlockRow(block, row), RULE_COLLECTIVE, f));
                }
            }
        }
        return awards;
    }

    /**
     * Among the flag holders (withheld ones included), those meeting every target, best first; the first
     * floor(govFlagShare x flags), at least 1 where any qualifies.
     */
    private List<Award> governmentFlags(List<BlockRow> flagHolders) {
        List<BlockRow> candidates = flagHolders.stream()
                .filter(h -> h.row().unit().allTargetsMet())
                .sorted(Comparator.comparing(h -> h.row().unit(), StandingsOrder.BY_SCORE))
                .toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        BigDecimal share = facts.registry().rules().govFlagShare();
        BigDecimal product = share.multiply(BigDecimal.valueOf(flagHolders.size()));
        int floor = product.setScale(0, RoundingMode.FLOOR).intValueExact();
        int quota = Math.max(1, floor);
        List<Map<String, Object>> ordered = candidates.stream().map(h -> candidateFacts(h.row().unit())).toList();
        List<String> notAllTargets = flagHolders.stream().map(h -> h.row().unit())
                .filter(u -> !u.allTargetsMet()).map(UnitScore::unitCode).sorted().toList();
        List<Award> awards = new ArrayList<>();
        for (int i = 0; i < Math.min(quota, candidates.size()); i++) {
            BlockRow holder = candidates.get(i);
            UnitScore unit = holder.row().unit();
            Map<String, Object> f = blockFacts(holder.block());
            f.put("score", score(unit.score()));
            f.put("allTargetsMet", unit.allTargetsMet());
            f.put("targetsMet", unit.targetsMet());
            f.put("womenShare", unit.womenShare());
            f.put("womenPreferred", unit.womenPreferred());
            f.put("position", i + 1);
            f.put("flagCount", flagHolders.size());
            f.put("govFlagShare", share);
            f.put("shareTimesFlagCount", product);
            f.put("quotaFloor", floor);
            f.put("quota", quota);
            f.put("candidates", ordered);
            f.put("flagHoldersNotMeetingAllTargets", notAllTargets);
            awards.add(unitAward(AwardCode.CO_THI_DUA_CHINH_PHU, holder, RULE_GOV_FLAG, f));
        }
        return awards;
    }

    private static Map<String, Object> candidateFacts(UnitScore unit) {
        return ordered("unitCode", unit.unitCode(), "score", score(unit.score()),
                "womenPreferred", unit.womenPreferred(), "targetsMet", unit.targetsMet());
    }

    // ---- blocks ----

    /** Blocks ranked 1, 2 and 3, addressed to their leading unit. */
    private List<Award> blockPrizes() {
        List<Award> awards = new ArrayList<>();
        facts.blockRanks().forEach((code, rank) -> {
            if (rank <= 3) {
                Block block = facts.periodDef().block(code).orElseThrow();
                Map<String, Object> f = blockFacts(block);
                f.put("blockRank", rank);
                f.put("meanScore", score(facts.standings().get(code).meanScore()));
                f.put("rankedBlocks", facts.blockRanks().size());
                f.put("leaderUnit", block.leaderUnit());
                awards.add(award(AwardCode.blockPrize(rank), block.leaderUnit(), code, null, null, block.name(),
                        RULE_BLOCK.formatted(rank), f));
            }
        });
        return awards;
    }

    // ---- individuals ----

    private List<Award> individualAwards() {
        List<Award> awards = new ArrayList<>();
        facts.nominees().getOrDefault(facts.period(), Map.of()).forEach((person, nominee) -> {
            List<YearRecord> three = history(person, 3);
            if (three.size() == 3 && allSoldier(three) && count(three, InitiativeLevel.PROVINCE) >= 1) {
                Map<String, Object> f = yearFacts(three);
                f.put("provinceInitiatives", count(three, InitiativeLevel.PROVINCE));
                awards.add(personAward(AwardCode.CHIEN_SI_THI_DUA_TINH, person, nominee, RULE_SOLDIER, f));
                return;
            }
            List<YearRecord> two = history(person, 2);
            if (two.size() < 2) {
                return;
            }
            boolean soldier = allSoldier(two);
            int initiatives = count(two, InitiativeLevel.GRASSROOTS) + count(two, InitiativeLevel.PROVINCE);
            boolean excellent = two.stream().allMatch(y -> y.nominee().rating() == Rating.XUAT_SAC)
                    && initiatives >= PERSON_CERTIFICATE_INITIATIVES;
            if (soldier || excellent) {
                Map<String, Object> f = yearFacts(two);
                f.put("initiatives", initiatives);
                f.put("soldierTwoYears", soldier);
                f.put("excellentTwoYearsWithInitiatives", excellent);
                awards.add(personAward(AwardCode.BANG_KHEN_CA_NHAN, person, nominee,
                        soldier ? RULE_PERSON_SOLDIER : RULE_PERSON_EXCELLENT, f));
            }
        });
        return awards;
    }

    /**
     * The person's records of this period and the ones before, most recent first, up to {@code years} consecutive
     * registry periods; stops at the first period that is not in the registry or lacks the person.
     */
    private List<YearRecord> history(PersonKey person, int years) {
        List<YearRecord> records = new ArrayList<>();
        for (int back = 0; back < years; back++) {
            Optional<YearRecord> record = facts.periodBefore(back)
                    .flatMap(p -> facts.nominee(p, person).map(n -> new YearRecord(p, n)));
            if (record.isEmpty()) {
                break;
            }
            records.add(record.get());
        }
        return records;
    }

    private static boolean allSoldier(List<YearRecord> records) {
        return records.stream().allMatch(y -> y.nominee().grassrootsEmulationSoldier());
    }

    private static int count(List<YearRecord> records, InitiativeLevel level) {
        return records.stream().mapToInt(y -> count(y.nominee(), level)).sum();
    }

    private static int count(Nominee nominee, InitiativeLevel level) {
        return (int) nominee.initiatives().stream().filter(i -> i.level() == level).count();
    }

    /** Facts {"years": {period: {rating, soldier, initiatives by level}}}, oldest period first. */
    private static Map<String, Object> yearFacts(List<YearRecord> records) {
        Map<String, Object> years = new LinkedHashMap<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            YearRecord y = records.get(i);
            years.put(y.period(), ordered(
                    "rating", y.nominee().rating().name(),
                    "grassrootsEmulationSoldier", y.nominee().grassrootsEmulationSoldier(),
                    "grassrootsInitiatives", count(y.nominee(), InitiativeLevel.GRASSROOTS),
                    "provinceInitiatives", count(y.nominee(), InitiativeLevel.PROVINCE)));
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("years", Collections.unmodifiableMap(years));
        return f;
    }

    // ---- building ----

    private static Map<String, Object> blockFacts(Block block) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("blockCode", block.code());
        f.put("blockName", block.name());
        return f;
    }

    private Award unitAward(AwardCode code, BlockRow holder, String rule, Map<String, Object> f) {
        String unitCode = holder.row().unit().unitCode();
        String name = facts.registry().unit(unitCode).orElseThrow().name();
        return award(code, unitCode, holder.block().code(), null, null, name, rule, f);
    }

    private Award personAward(AwardCode code, PersonKey person, Nominee nominee, String rule, Map<String, Object> f) {
        String blockCode = facts.registry().blockOf(facts.period(), person.unitCode()).map(Block::code).orElse(null);
        return award(code, person.unitCode(), blockCode, person.staffCode(), nominee.fullName(), nominee.fullName(),
                rule, f);
    }

    /** Builds the award as the rules decide it, then applies a hold on its recipient. */
    private Award award(AwardCode code, String unitCode, String blockCode, String staffCode, String fullName,
                        String recipientName, String rule, Map<String, Object> f) {
        AwardReason reason = new AwardReason(rule, code.legalBasis(), f);
        AwardStatus status = code.decidedStatus();
        String holdReason = code.holdable() ? holdReasons.get(new Holder(unitCode, staffCode)) : null;
        if (holdReason != null) {
            status = AwardStatus.WITHHELD;
            reason = reason.withFact("holdReason", holdReason);
        }
        return Award.of(facts.period(), code, status, unitCode, blockCode, staffCode, fullName, recipientName, reason);
    }

    private static BigDecimal score(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** An unmodifiable map of the given key-value pairs, in that order. */
    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private record BlockRow(Block block, StandingRow row) {
    }

    private record YearRecord(String period, Nominee nominee) {
    }

    /** Whom a hold names: a unit (staffCode null) or a person. */
    private record Holder(String unitCode, String staffCode) {
    }
}
