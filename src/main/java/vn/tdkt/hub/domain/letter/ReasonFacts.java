package vn.tdkt.hub.domain.letter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import vn.tdkt.hub.domain.registry.Rating;

/**
 * The key facts of an award's reason (the facts {@code AwardDecider} records) as Vietnamese lines for the letter:
 * block, rank, score, rating, ratings by year, targets met, initiatives, a proposal's place in the quota, a block's
 * mean score.
 *
 * <p>Choice: the letter shows the facts a reader needs; the bookkeeping facts (codes, thresholds, the whole
 * candidate list of the government-flag quota, ...) are left out, since the AwardEvent carries them all. Facts are
 * listed in the order the decision recorded them. Decimals are written with a decimal comma, as in Vietnamese
 * documents ({@code 95,50 điểm}).
 */
final class ReasonFacts {

    private static final Map<String, Function<Object, List<String>>> LINES = Map.ofEntries(
            Map.entry("blockName", v -> lines("Khối thi đua: " + v)),
            Map.entry("rank", v -> lines("Xếp hạng trong khối: thứ " + number(v))),
            Map.entry("score", v -> lines("Điểm thi đua: " + number(v) + " điểm")),
            Map.entry("rating", v -> lines("Xếp loại: " + rating(v))),
            Map.entry("ratingsByYear", v -> map(v).entrySet().stream()
                    .map(e -> "Xếp loại năm " + e.getKey() + ": " + rating(e.getValue())).toList()),
            Map.entry("allTargetsMet", v -> lines("Hoàn thành tất cả các chỉ tiêu: " + yesNo(v))),
            Map.entry("targetsMet", v -> lines("Số chỉ tiêu đạt và vượt kế hoạch: " + number(v))),
            Map.entry("womenPreferred", v -> lines("Tập thể có từ 70% nữ trở lên: " + yesNo(v))),
            Map.entry("position", v -> lines("Thứ tự trong danh sách đề nghị: " + number(v))),
            Map.entry("flagCount", v -> lines("Số Cờ thi đua của UBND tỉnh năm nay: " + number(v))),
            Map.entry("quota", v -> lines("Số đơn vị được đề nghị: " + number(v))),
            Map.entry("blockRank", v -> lines("Xếp hạng của khối: thứ " + number(v))),
            Map.entry("meanScore", v -> lines("Điểm trung bình của khối: " + number(v) + " điểm")),
            Map.entry("rankedBlocks", v -> lines("Số khối được xếp hạng: " + number(v))),
            Map.entry("years", v -> map(v).entrySet().stream()
                    .map(e -> "Năm " + e.getKey() + ": " + year(map(e.getValue()))).toList()),
            Map.entry("initiatives", v -> lines("Tổng số sáng kiến: " + number(v))),
            Map.entry("provinceInitiatives", v -> lines("Tổng số sáng kiến cấp tỉnh: " + number(v))));

    private ReasonFacts() {
    }

    /** The readable lines of the facts, each a safe single line. */
    static List<String> lines(Map<String, Object> facts) {
        List<String> lines = new ArrayList<>();
        facts.forEach((key, value) -> {
            Function<Object, List<String>> line = LINES.get(key);
            if (line != null && value != null) {
                line.apply(value).forEach(l -> lines.add(SafeText.line(l)));
            }
        });
        return lines;
    }

    /** One year of a person: "Hoàn thành xuất sắc nhiệm vụ; Chiến sĩ thi đua cơ sở; 1 sáng kiến cấp cơ sở, ...". */
    private static String year(Map<?, ?> year) {
        return rating(year.get("rating")) + "; "
                + (Boolean.TRUE.equals(year.get("grassrootsEmulationSoldier")) ? "đạt" : "không đạt")
                + " danh hiệu Chiến sĩ thi đua cơ sở; "
                + number(year.get("grassrootsInitiatives")) + " sáng kiến cấp cơ sở, "
                + number(year.get("provinceInitiatives")) + " sáng kiến cấp tỉnh";
    }

    private static List<String> lines(String line) {
        return List.of(line);
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String number(Object value) {
        if (value instanceof Number) {
            return new BigDecimal(value.toString()).toPlainString().replace('.', ',');
        }
        return String.valueOf(value);
    }

    private static String yesNo(Object value) {
        return Boolean.TRUE.equals(value) ? "có" : "không";
    }

    private static String rating(Object value) {
        return Arrays.stream(Rating.values()).filter(r -> r.name().equals(value)).findFirst()
                .map(Rating::vietnamese).orElse(String.valueOf(value));
    }
}
