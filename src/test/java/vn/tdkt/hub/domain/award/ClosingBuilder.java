package vn.tdkt.hub.domain.award;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Issuer;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Rules;
import vn.tdkt.hub.domain.registry.Unit;
import vn.tdkt.hub.domain.scoring.BlockStandings;
import vn.tdkt.hub.domain.scoring.StandingRow;
import vn.tdkt.hub.domain.scoring.UnitScore;
import vn.tdkt.hub.domain.submission.Initiative;
import vn.tdkt.hub.domain.submission.InitiativeLevel;
import vn.tdkt.hub.domain.submission.Nominee;

/**
 * Test builder of {@link ClosingFacts}: blocks with their standings rows (given in standings order; ranks 1, 2, …
 * go to the complete rows in that order), block ranks, previous ratings, nominees and holds, over a registry of
 * Hà Nam units. By default the registry has this period and the two before, all with the same blocks.
 */
final class ClosingBuilder {

    static final Map<String, String> HA_NAM_UNITS = new LinkedHashMap<>();

    static {
        HA_NAM_UNITS.put("UBND-PL", "UBND thành phố Phủ Lý");
        HA_NAM_UNITS.put("UBND-BL", "UBND huyện Bình Lục");
        HA_NAM_UNITS.put("UBND-LN", "UBND huyện Lý Nhân");
        HA_NAM_UNITS.put("UBND-TL", "UBND huyện Thanh Liêm");
        HA_NAM_UNITS.put("UBND-KB", "UBND huyện Kim Bảng");
        HA_NAM_UNITS.put("UBND-DT", "UBND thị xã Duy Tiên");
        HA_NAM_UNITS.put("SO-KHDT", "Sở Kế hoạch và Đầu tư");
        HA_NAM_UNITS.put("SO-TC", "Sở Tài chính");
        HA_NAM_UNITS.put("SO-CT", "Sở Công Thương");
        HA_NAM_UNITS.put("SO-NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn");
        HA_NAM_UNITS.put("SO-GDDT", "Sở Giáo dục và Đào tạo");
        HA_NAM_UNITS.put("SO-YT", "Sở Y tế");
        HA_NAM_UNITS.put("SO-VHTTDL", "Sở Văn hóa, Thể thao và Du lịch");
        HA_NAM_UNITS.put("SO-TP", "Sở Tư pháp");
        HA_NAM_UNITS.put("SO-NV", "Sở Nội vụ");
        HA_NAM_UNITS.put("TTR", "Thanh tra tỉnh");
    }

    static final String HUYEN = "HUYEN";
    static final String KT_TH = "KT-TH";
    static final String VH_XH = "VH-XH";
    static final String NOI_CHINH = "NOI-CHINH";

    private final String period;
    private final Map<String, String> unitNames = new LinkedHashMap<>(HA_NAM_UNITS);
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, BlockStandings> standings = new LinkedHashMap<>();
    private final Map<String, Integer> blockRanks = new LinkedHashMap<>();
    private final Map<String, Rating> previousRatings = new LinkedHashMap<>();
    private final Map<String, Map<PersonKey, Nominee>> nominees = new LinkedHashMap<>();
    private final List<Hold> holds = new ArrayList<>();
    private final Map<String, List<Block>> otherLayouts = new LinkedHashMap<>();
    private List<String> registryPeriods;
    private Rules rules = Rules.DEFAULTS;

    ClosingBuilder(String period) {
        this.period = period;
        int year = Integer.parseInt(period);
        this.registryPeriods = List.of(String.valueOf(year - 2), String.valueOf(year - 1), period);
    }

    // ---- unit scores ----

    /** A complete unit meeting every target (2 target criteria met), members below 70 % women. */
    static UnitScore complete(String unitCode, String score) {
        return unit(unitCode, score, true, 2, true, false);
    }

    static UnitScore incomplete(String unitCode, String score) {
        return unit(unitCode, score, false, 0, false, false);
    }

    static UnitScore unit(String unitCode, String score, boolean complete, int targetsMet, boolean allTargetsMet,
                          boolean womenPreferred) {
        BigDecimal s = new BigDecimal(score);
        return new UnitScore(unitCode, s, complete ? Rules.DEFAULTS.rate(s) : null, complete,
                complete ? List.of() : List.of("KT1"), List.of(), true, targetsMet, allTargetsMet,
                womenPreferred ? new BigDecimal("0.7500") : new BigDecimal("0.5000"), womenPreferred);
    }

    // ---- nominees ----

    static Nominee nominee(String staffCode, String fullName, Rating rating, boolean soldier,
                           InitiativeLevel... initiatives) {
        List<Initiative> list = new ArrayList<>();
        for (int i = 0; i < initiatives.length; i++) {
            list.add(new Initiative("Sáng kiến số " + (i + 1), initiatives[i]));
        }
        return new Nominee(staffCode, fullName, fullName.contains("Thị") ? "F" : "M", rating, soldier, list);
    }

    // ---- facts ----

    ClosingBuilder unitName(String unitCode, String name) {
        unitNames.put(unitCode, name);
        return this;
    }

    /** A block of this period with its standings rows in standings order. */
    ClosingBuilder block(String code, String name, String leaderUnit, UnitScore... rows) {
        List<StandingRow> standingRows = new ArrayList<>();
        int rank = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (UnitScore row : rows) {
            standingRows.add(new StandingRow(row.complete() ? ++rank : null, row));
            sum = row.complete() ? sum.add(row.score()) : sum;
        }
        BigDecimal mean = rank == 0 ? null : sum.divide(BigDecimal.valueOf(rank), 2, RoundingMode.HALF_UP);
        blocks.add(new Block(code, name, leaderUnit, standingRows.stream().map(r -> r.unit().unitCode()).toList(),
                List.of()));
        standings.put(code, new BlockStandings(period, code, standingRows, mean));
        return this;
    }

    ClosingBuilder blockRank(String blockCode, int rank) {
        blockRanks.put(blockCode, rank);
        return this;
    }

    ClosingBuilder previousRating(String unitCode, Rating rating) {
        previousRatings.put(unitCode, rating);
        return this;
    }

    ClosingBuilder nominee(String inPeriod, String unitCode, Nominee nominee) {
        nominees.computeIfAbsent(inPeriod, p -> new LinkedHashMap<>())
                .put(new PersonKey(unitCode, nominee.staffCode()), nominee);
        return this;
    }

    ClosingBuilder hold(String unitCode, String staffCode, String reason) {
        holds.add(new Hold(unitCode, staffCode, reason));
        return this;
    }

    /** The periods of the registry (this period must be one of them). */
    ClosingBuilder registryPeriods(String... periods) {
        registryPeriods = List.of(periods);
        return this;
    }

    /** The blocks of another registry period, where they differ from this period's. */
    ClosingBuilder layout(String otherPeriod, Block... otherBlocks) {
        otherLayouts.put(otherPeriod, List.of(otherBlocks));
        return this;
    }

    ClosingBuilder govFlagShare(String share) {
        rules = new Rules(rules.ratioCap(), new BigDecimal(share), rules.xuatSac(), rules.tot(), rules.hoanThanh());
        return this;
    }

    Registry registry() {
        Map<String, PeriodDef> periods = new LinkedHashMap<>();
        for (String p : registryPeriods) {
            periods.put(p, new PeriodDef(p, p.equals(period) ? blocks : otherLayouts.getOrDefault(p, blocks)));
        }
        Map<String, Unit> units = new LinkedHashMap<>();
        unitNames.forEach((code, name) -> units.put(code,
                new Unit(code, name, code.toLowerCase() + "@hanam.example")));
        Issuer issuer = new Issuer("UBND TỈNH HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Hà Nam", "CHỦ TỊCH",
                "Trương Quốc Huy", "tdkt@hanam.example");
        return new Registry(issuer, rules, units, periods);
    }

    ClosingFacts build() {
        return new ClosingFacts(period, registry(), standings, blockRanks, previousRatings, nominees, holds);
    }

    List<Award> decide() {
        return AwardDecider.decide(build());
    }

    // ---- assertions helpers ----

    static List<Award> of(List<Award> awards, AwardCode code) {
        return awards.stream().filter(a -> a.awardCode() == code).toList();
    }

    static List<String> ids(List<Award> awards, AwardCode code) {
        return of(awards, code).stream().map(Award::awardId).toList();
    }
}
