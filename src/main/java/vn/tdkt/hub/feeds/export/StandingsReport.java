package vn.tdkt.hub.feeds.export;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;

/**
 * What the office's standings exports ({@link StandingsWorkbook}, {@link StandingsCsv}) have in common: the column
 * headings, the order of the blocks, the Vietnamese labels and the formula-injection test.
 */
final class StandingsReport {

    /** Headings of a unit row, in column order. */
    static final List<String> UNIT_HEADERS =
            List.of("Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Xếp loại", "Đủ tiêu chí", "Chỉ tiêu đạt", "Tỷ lệ nữ");

    /** Vietnamese labels of award statuses (as on the dashboard). */
    private static final Map<String, String> AWARD_STATUS =
            Map.of("GRANTED", "Khen thưởng", "PROPOSED", "Đề nghị cấp trên", "WITHHELD", "Tạm hoãn");
    /** Vietnamese labels of letter statuses (SENT and FAILED as on the dashboard). */
    private static final Map<String, String> LETTER_STATUS =
            Map.of("SENT", "Đã gửi", "FAILED", "Gửi không thành công", "PENDING", "Chưa gửi", "SENDING", "Đang gửi");
    private static final Map<String, String> RECIPIENT_TYPE =
            Map.of("UNIT", "Tập thể", "BLOCK", "Khối thi đua", "PERSON", "Cá nhân");
    /** Vietnamese names of the scoring methods (rulebook section 2). */
    private static final Map<String, String> METHOD = Map.of("TARGET", "Theo chỉ tiêu",
            "TARGET_LOWER", "Chỉ tiêu càng thấp càng tốt", "RELATIVE", "So sánh trong khối", "PASS_FAIL",
            "Đạt / không đạt", "COUNT", "Tính theo số lượng", "BONUS", "Điểm thưởng", "PENALTY", "Điểm trừ");

    private static final Comparator<StandingsMessage> BLOCK_ORDER =
            Comparator.comparing(StandingsMessage::blockRank, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(StandingsMessage::blockCode);

    private StandingsReport() {
    }

    /**
     * The blocks of {@code period} in report order: ranked blocks by rank, then the blocks without a rank (no complete
     * unit) by block code.
     *
     * @throws IllegalArgumentException if a block belongs to another period
     */
    static List<StandingsMessage> ordered(String period, List<StandingsMessage> blocks) {
        for (StandingsMessage b : blocks) {
            if (!Objects.equals(period, b.period())) {
                throw new IllegalArgumentException(
                        "block " + b.blockCode() + " is of period " + b.period() + ", not " + period);
            }
        }
        return blocks.stream().sorted(BLOCK_ORDER).toList();
    }

    /** Title of a block's table, as on the office's paper report. */
    static String title(String period, String blockName) {
        return "Bảng tổng hợp, xếp hạng thi đua năm " + period + " - " + blockName;
    }

    /** The Vietnamese label of a rating code (rulebook section 3), or "" for an incomplete unit (no rating). */
    static String ratingLabel(String ratingCode) {
        return ratingCode == null ? "" : Rating.valueOf(ratingCode).vietnamese();
    }

    static String completeLabel(boolean complete) {
        return complete ? "Đủ" : "Chưa đủ";
    }

    static long completeUnits(StandingsMessage block) {
        return block.units().stream().filter(StandingsMessage.Row::complete).count();
    }

    /** The name of the unit ranked 1 in the block, or "" where no unit is ranked (no complete unit). */
    static String leadingUnit(StandingsMessage block) {
        return block.units().stream().filter(r -> Integer.valueOf(1).equals(r.rank())).findFirst()
                .map(StandingsMessage.Row::unitName).orElse("");
    }

    /**
     * Whether a spreadsheet program would read {@code text} as a formula (OWASP "CSV injection"): it starts with
     * {@code = + - @}, a tab or a carriage return.
     */
    static boolean looksLikeFormula(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    }

    static String awardStatusLabel(String status) {
        return label(AWARD_STATUS, status);
    }

    /**
     * The state of an award's letter: its status label, "Không gửi thông báo" for a withheld award without a letter,
     * "Chưa gửi" for another award whose letter is not there yet.
     */
    static String letterStatusLabel(String awardStatus, String letterStatus) {
        if (letterStatus == null) {
            return "WITHHELD".equals(awardStatus) ? "Không gửi thông báo" : "Chưa gửi";
        }
        return label(LETTER_STATUS, letterStatus);
    }

    static String recipientTypeLabel(String type) {
        return label(RECIPIENT_TYPE, type);
    }

    static String methodLabel(String method) {
        return label(METHOD, method);
    }

    /**
     * An award's facts as one line, in their order: "key: value; key: value", decimals as written in the JSON, lists
     * and objects as compact JSON, null as nothing.
     */
    static String facts(Map<String, Object> facts) {
        if (facts == null) {
            return "";
        }
        return facts.entrySet().stream().map(e -> e.getKey() + ": " + factValue(e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** A fact's value: blank for null, a decimal as written, a list or object as its compact JSON. */
    private static String factValue(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v instanceof Collection<?> || v instanceof Map<?, ?> ? Json.write(v) : String.valueOf(v);
    }

    /** The label of a code, or the code itself where it has none (null stays ""). */
    private static String label(Map<String, String> labels, String code) {
        return code == null ? "" : labels.getOrDefault(code, code);
    }
}
