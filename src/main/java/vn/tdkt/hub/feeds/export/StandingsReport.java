package vn.tdkt.hub.feeds.export;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.feeds.StandingsMessage;

/**
 * What the office's standings exports ({@link StandingsWorkbook}, {@link StandingsCsv}) have in common: the column
 * headings, the order of the blocks, the Vietnamese labels and the formula-injection test.
 */
final class StandingsReport {

    /** Headings of a unit row, in column order. */
    static final List<String> UNIT_HEADERS =
            List.of("Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Xếp loại", "Đủ tiêu chí", "Chỉ tiêu đạt", "Tỷ lệ nữ");

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
}
