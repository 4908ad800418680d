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
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.feeds.UnitScoreMessage;
import vn.tdkt.hub.feeds.export.StandingsCsv;
import vn.tdkt.hub.feeds.export.StandingsWorkbook;
import vn.tdkt.hub.store.FeedQueries;

/**
 * Stage 3, the office's read side over HTTP: periods, standings, scorecards, rejections, awards with their
 * letters, and the Excel/CSV export. Read-only; no credential needed inside the office network (the README says
 * how to put it behind the office's reverse proxy if the dashboard must not be public).
 */
public final class FeedApi {

    private static final int MAX_LIMIT = 500;

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

    public HttpAnswer scorecard(String period, String unitCode) {
        UnitScoreMessage card = feeds.scorecard(period, unitCode);
        return card == null ? HttpAnswer.notFound("Đơn vị " + unitCode + " chưa có kết quả năm " + period)
                : HttpAnswer.ok(card);
    }

    public HttpAnswer rejections(String unitCode, String reason, String limit) {
        int n = 50;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limit.trim())));
            } catch (NumberFormatException e) {
                return HttpAnswer.refused(400, List.of(new Reason(ReasonCode.INVALID_VALUE, "limit",
                        "Tham số limit phải là một số nguyên từ 1 đến " + MAX_LIMIT)));
            }
        }
        return HttpAnswer.ok(feeds.rejections(blankToNull(unitCode), blankToNull(reason), n));
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
        return HttpAnswer.ok(feeds.letters(blankToNull(period)));
    }

    public HttpAnswer excel(String period) throws IOException {
        List<StandingsMessage> blocks = feeds.standings(period);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StandingsWorkbook.write(period, blocks, out);
        return new HttpAnswer(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                out.toByteArray());
    }

    public HttpAnswer csv(String period) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            StandingsCsv.write(period, feeds.standings(period), w);
        }
        return new HttpAnswer(200, "text/csv; charset=UTF-8", out.toByteArray());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
