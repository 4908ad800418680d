package vn.tdkt.hub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.UnitScoreMessage;
import vn.tdkt.hub.feeds.export.PeriodExport;
import vn.tdkt.hub.feeds.export.StandingsCsv;
import vn.tdkt.hub.feeds.export.StandingsWorkbook;
import vn.tdkt.hub.store.FeedQueries;

/**
 * Stage 3, the office's read side over HTTP: periods, standings, scorecards, rejections, awards with their
 * letters, and the Excel/CSV export. Read-only; who may read what is decided by {@link HttpPolicy} before these
 * methods run; a department's lists are cut to its own units here.
 */
public final class FeedApi {

    private static final int MAX_LIMIT = 500;
    /** Most rejections in a workbook: the newest ones. */
    private static final int MAX_EXPORTED_REJECTIONS = 10_000;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Values of the CSV export's {@code format} parameter. */
    public static final String CSV_EXCEL_VN = "excel-vn";
    public static final String CSV_RFC4180 = "rfc4180";

    private final FeedQueries feeds;
    private final Supplier<Registry> registry;

    public FeedApi(FeedQueries feeds, Supplier<Registry> registry) {
        this.feeds = feeds;
        this.registry = registry;
    }

    /** Every period of the registry, newest first, with whether it is closed. */
    public HttpAnswer periods() {
        Map<String, Boolean> closed = feeds.closedStates();
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> periods = new ArrayList<>(registry.get().periodNames());
        java.util.Collections.reverse(periods);
        for (String p : periods) {
            out.add(Map.of("period", p, "closed", closed.getOrDefault(p, false)));
        }
        return HttpAnswer.ok(out);
    }

    public HttpAnswer standings(String period) {
        if (registry.get().period(period).isEmpty()) {
            return HttpAnswer.notFound("Không có kỳ thi đua năm " + period);
        }
        return HttpAnswer.ok(feeds.standings(period));
    }

    /**
     * Reporting progress of the period: every unit of every block of the registry with its state
     * ({@code COMPLETE}: every criterion other than BONUS/PENALTY reported; {@code INCOMPLETE}, with the missing
     * criteria; {@code NOT_REPORTED}: nothing reported), the counts, and for the office the holds in force. A
     * department sees only its own units (the counts are of what it sees).
     */
    public HttpAnswer progress(String period, Credentials.Caller caller) {
        var def = registry.get().period(period);
        if (def.isEmpty()) {
            return HttpAnswer.notFound("Không có kỳ thi đua năm " + period);
        }
        java.util.Set<String> scope = departmentScope(caller);
        boolean office = caller == null || caller.role() == Credentials.Role.OFFICE;
        Map<String, UnitScoreMessage> cards = new java.util.LinkedHashMap<>();
        feeds.scorecards(period).forEach(card -> cards.put(card.unitCode(), card));
        Map<String, List<Map<String, Object>>> holds = new HashMap<>();
        if (office) {
            for (var h : feeds.holds(period)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("staffCode", h.staffCode());
                m.put("reason", h.reason());
                holds.computeIfAbsent(h.unitCode(), k -> new ArrayList<>()).add(m);
            }
        }
        int total = 0;
        int complete = 0;
        int incomplete = 0;
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (var block : def.get().blocks()) {
            List<Map<String, Object>> units = new ArrayList<>();
            int blockComplete = 0;
            for (String code : block.units()) {
                if (scope != null && !scope.contains(code)) {
                    continue;
                }
                UnitScoreMessage card = cards.get(code);
                String state = card == null ? "NOT_REPORTED" : card.complete() ? "COMPLETE" : "INCOMPLETE";
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("unitCode", code);
                u.put("unitName", registry.get().unit(code).map(vn.tdkt.hub.domain.registry.Unit::name).orElse(code));
                u.put("state", state);
                u.put("missingCriteria", card == null
                        ? block.criteria().stream().filter(c -> !c.method().isOptional())
                        .map(vn.tdkt.hub.domain.registry.Criterion::code).toList()
                        : card.missingCriteria());
                u.put("score", card == null ? null : card.score());
                u.put("rating", card == null ? null : card.rating());
                u.put("updatedAt", card == null ? null : card.updatedAt());
                if (office) {
                    u.put("holds", holds.getOrDefault(code, List.of()));
                }
                units.add(u);
                total++;
                if (card != null && card.complete()) {
                    complete++;
                    blockComplete++;
                } else if (card != null) {
                    incomplete++;
                }
            }
            if (units.isEmpty()) {
                continue;
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("blockCode", block.code());
            b.put("blockName", block.name());
            b.put("unitCount", units.size());
            b.put("completeCount", blockComplete);
            b.put("criteria", block.criteria().stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", c.code());
                m.put("name", c.name());
                m.put("method", c.method().name());
                m.put("maxPoints", c.maxPoints());
                m.put("pointsPerItem", c.pointsPerItem());
                return m;
            }).toList());
            b.put("units", units);
            blocks.add(b);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", period);
        out.put("closed", feeds.isClosed(period));
        out.put("unitCount", total);
        out.put("completeCount", complete);
        out.put("incompleteCount", incomplete);
        out.put("notReportedCount", total - complete - incomplete);
        out.put("blocks", blocks);
        return HttpAnswer.ok(out);
    }

    public HttpAnswer scorecard(String period, String unitCode) {
        UnitScoreMessage card = feeds.scorecard(period, unitCode);
        return card == null ? HttpAnswer.notFound("Đơn vị " + unitCode + " chưa có kết quả năm " + period)
                : HttpAnswer.ok(card);
    }

    public HttpAnswer rejections(String unitCode, String reason, Integer limit) {
        return rejections(unitCode, reason, limit, null);
    }

    /**
     * The newest rejections; a department's (the caller's) only of its own units ({@link HttpPolicy} has already
     * refused a unit the caller may not read).
     */
    public HttpAnswer rejections(String unitCode, String reason, Integer limit, Credentials.Caller caller) {
        int n = limit == null ? 50 : Math.max(1, Math.min(MAX_LIMIT, limit));
        String unit = blankToNull(unitCode);
        if (unit == null && departmentScope(caller) != null) {
            return HttpAnswer.ok(feeds.rejections(departmentScope(caller), blankToNull(reason), n));
        }
        return HttpAnswer.ok(feeds.rejections(unit, blankToNull(reason), n));
    }

    /** The units a department caller is limited to; null for the office (and a department for every unit). */
    static java.util.Set<String> departmentScope(Credentials.Caller caller) {
        if (caller == null || caller.role() != Credentials.Role.DEPARTMENT || caller.units().contains("*")) {
            return null;
        }
        return caller.units();
    }

    /** The period's award events, each with its letter's number and status (null for a withheld award). */
    public HttpAnswer awards(String period) {
        Map<String, Map<String, Object>> letters = new HashMap<>();
        feeds.letters(period).forEach(l -> letters.put((String) l.get("awardId"), l));
        List<Map<String, Object>> out = new ArrayList<>();
        for (AwardEventMessage a : feeds.awards(period)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("award", a);
            Map<String, Object> l = letters.get(a.awardId());
            m.put("letter", l == null ? null : Map.of("letterNumber", l.get("letterNumber"), "status", l.get("status")));
            out.add(m);
        }
        return HttpAnswer.ok(out);
    }

    public HttpAnswer letters(String period) {
        return letters(period, null);
    }

    /** The letters; a department's (the caller's) only those of its own units. */
    public HttpAnswer letters(String period, Credentials.Caller caller) {
        List<Map<String, Object>> all = feeds.letters(blankToNull(period));
        java.util.Set<String> scope = departmentScope(caller);
        if (scope != null) {
            all = all.stream().filter(l -> scope.contains(LiveEvents.unitOfAward((String) l.get("awardId")))).toList();
        }
        return HttpAnswer.ok(all);
    }

    /**
     * The office's workbook of the period ({@link StandingsWorkbook#write(PeriodExport, java.io.OutputStream)}):
     * summary, one sheet per block, awards with reasons and legal basis, per-criterion detail, rejections; saved as
     * "Thi đua khen thưởng năm {period}.xlsx".
     */
    public HttpAnswer excel(String period) throws IOException {
        if (registry.get().period(period).isEmpty()) {
            return HttpAnswer.notFound("Không có kỳ thi đua năm " + period);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StandingsWorkbook.write(periodExport(period), out);
        return new HttpAnswer(200, XLSX, out.toByteArray()).asAttachment(fileName(period, "xlsx"));
    }

    /**
     * The standings of the period as CSV ({@link StandingsCsv}), saved as "Thi đua khen thưởng năm {period}.csv".
     *
     * @param format {@value #CSV_EXCEL_VN} or absent (the default: {@code ;} and decimal {@code ,}, for Excel with
     *               Vietnamese settings) or {@value #CSV_RFC4180} ({@code ,} and decimal {@code .}); anything else is
     *               refused with 400
     */
    public HttpAnswer csv(String period, String format) throws IOException {
        StandingsCsv.Style style;
        if (format == null || format.isBlank() || CSV_EXCEL_VN.equalsIgnoreCase(format.strip())) {
            style = StandingsCsv.Style.EXCEL_VN;
        } else if (CSV_RFC4180.equalsIgnoreCase(format.strip())) {
            style = StandingsCsv.Style.RFC4180;
        } else {
            return HttpAnswer.badRequest("Tham số format không hợp lệ: \"" + abbreviate(format) + "\". Chỉ nhận \""
                    + CSV_EXCEL_VN + "\" (mặc định: dấu ; phân cách cột, dấu phẩy thập phân, cho Excel tiếng Việt) "
                    + "hoặc \"" + CSV_RFC4180 + "\" (dấu phẩy phân cách cột, dấu chấm thập phân).");
        }
        if (registry.get().period(period).isEmpty()) {
            return HttpAnswer.notFound("Không có kỳ thi đua năm " + period);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            StandingsCsv.write(period, feeds.standings(period), style, w);
        }
        return new HttpAnswer(200, "text/csv; charset=UTF-8", out.toByteArray())
                .asAttachment(fileName(period, "csv"));
    }

    /** The Vietnamese file name of a period's export. */
    static String fileName(String period, String extension) {
        return "Thi đua khen thưởng năm " + period + "." + extension;
    }

    private PeriodExport periodExport(String period) {
        Map<String, Map<String, Object>> letters = new HashMap<>();
        feeds.letters(period).forEach(l -> letters.put((String) l.get("awardId"), l));
        List<PeriodExport.AwardLine> awards = new ArrayList<>();
        for (AwardEventMessage a : feeds.awards(period)) {
            Map<String, Object> l = letters.get(a.awardId());
            awards.add(new PeriodExport.AwardLine(a, l == null ? null : (String) l.get("letterNumber"),
                    l == null ? null : (String) l.get("status")));
        }
        Map<String, Map<String, String>> names = new HashMap<>();
        registry.get().period(period).ifPresent(def -> def.blocks().forEach(b -> {
            Map<String, String> byCode = new HashMap<>();
            b.criteria().forEach(c -> byCode.put(c.code(), c.name()));
            names.put(b.code(), byCode);
        }));
        return new PeriodExport(period, feeds.standings(period), awards, feeds.scorecards(period), names,
                feeds.rejectionsOfPeriod(period, MAX_EXPORTED_REJECTIONS));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
