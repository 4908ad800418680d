package vn.tdkt.hub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.store.Database;

/**
 * The HTTP audit trail (table {@code audit_log}): every command, resend, login and logout, and every refused
 * attempt, with who (the token's principal, never the token), when, from where (the client address), what and
 * the outcome (the HTTP status). Read by the office at {@code /api/audit} (newest first, paged by id) and as an
 * Excel sheet. Nothing here ever deletes a row.
 */
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    static final int MAX_LIMIT = 500;

    /** One entry. */
    public record Entry(String principal, String client, String action, String target, int outcome, String detail) {
    }

    private final Database db;
    private final Clock clock;
    /** Refusals are stored off the request thread, through a bounded queue (a flood never piles up). */
    private final java.util.concurrent.ThreadPoolExecutor later = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "tdkt-audit");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

    public AuditTrail(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores an entry soon, off the caller's thread; when 10,000 wait already, it is counted and logged instead. */
    public void recordLater(Entry e) {
        Entry stamped = new Entry(e.principal(), e.client(), e.action(), e.target(), e.outcome(), e.detail());
        long at = clock.millis();
        try {
            later.execute(() -> store(stamped, at));
        } catch (java.util.concurrent.RejectedExecutionException full) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn("Audit queue full: {} refusal entries not stored (last: {} from {})", dropped.get(),
                        e.action(), e.client());
            }
        }
    }

    /** Waits until the entries handed to {@link #recordLater} so far are stored (tests, shutdown). */
    public void flush() {
        try {
            later.submit(() -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Audit flush: {}", e.toString());
        }
    }

    /** Stores an entry; a failure to store is logged (without any credential) and does not change the answer. */
    public void record(Entry e) {
        store(e, clock.millis());
    }

    private void store(Entry e, long at) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_log (at_ms, principal, client, "
                        + "action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    st.setLong(1, at);
                    st.setString(2, cut(e.principal(), 200));
                    st.setString(3, cut(e.client(), 100));
                    st.setString(4, cut(e.action(), 100));
                    st.setString(5, cut(e.target(), 500));
                    st.setInt(6, e.outcome());
                    st.setString(7, cut(e.detail(), 1000));
                    st.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException ex) {
            LOG.error("Could not store an audit entry ({} {} -> {}): {}", e.action(), e.principal(), e.outcome(),
                    ex.toString());
        }
    }

    /** The newest entries first, at most {@code limit}, only those with an id below {@code before} if given. */
    public List<Map<String, Object>> list(Long before, int limit) {
        return db.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, at_ms, principal, client, action, target, "
                    + "outcome, detail FROM audit_log WHERE id < ? ORDER BY id DESC")) {
                st.setLong(1, before == null ? Long.MAX_VALUE : before);
                st.setMaxRows(limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next() && out.size() < limit) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", rs.getLong(1));
                        m.put("at", Instant.ofEpochMilli(rs.getLong(2)).atOffset(ZoneOffset.ofHours(7)).toString());
                        m.put("principal", rs.getString(3));
                        m.put("client", rs.getString(4));
                        m.put("action", rs.getString(5));
                        m.put("target", rs.getString(6));
                        m.put("outcome", rs.getInt(7));
                        m.put("detail", rs.getString(8));
                        out.add(m);
                    }
                }
            }
            return out;
        });
    }

    /** {@code GET /api/audit}: a page of entries and the {@code before} of the next page (null at the end). */
    public HttpAnswer page(String before, String limit) {
        int n = limit == null || limit.isBlank() ? 100 : Integer.parseInt(limit);
        List<Map<String, Object>> entries = list(before == null || before.isBlank() ? null : Long.valueOf(before), n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", entries);
        m.put("nextBefore", entries.size() < n ? null : entries.get(entries.size() - 1).get("id"));
        return HttpAnswer.ok(m);
    }

    /** {@code GET /api/audit/export.xlsx}: the newest entries (up to 65,000) as one sheet. */
    public HttpAnswer sheet() throws IOException {
        List<Map<String, Object>> entries = list(null, 65_000);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Nhật ký truy cập");
            String[] headers = {"STT", "Thời điểm", "Người thực hiện", "Địa chỉ", "Thao tác", "Đối tượng", "Kết quả",
                    "Ghi chú"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < headers.length; i++) {
                h.createCell(i).setCellValue(headers[i]);
            }
            int r = 1;
            for (Map<String, Object> e : entries) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(((Number) e.get("id")).doubleValue());
                row.createCell(1).setCellValue((String) e.get("at"));
                row.createCell(2).setCellValue(str(e.get("principal")));
                row.createCell(3).setCellValue(str(e.get("client")));
                row.createCell(4).setCellValue(str(e.get("action")));
                row.createCell(5).setCellValue(str(e.get("target")));
                row.createCell(6).setCellValue(((Number) e.get("outcome")).doubleValue());
                row.createCell(7).setCellValue(str(e.get("detail")));
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < headers.length; i++) {
                sheet.setColumnWidth(i, i == 5 || i == 7 ? 40 * 256 : 20 * 256);
            }
            wb.write(out);
            return new HttpAnswer(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    out.toByteArray());
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
