package vn.tdkt.hub.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Random;

/**
 * The realistic scale of one block-relative criterion of the demo registry (percentages, counts, billions of
 * đồng): a unit's target is {@code base ± spread} (for RELATIVE, that is the block's best actual instead), with
 * {@code targetScale} decimals; actuals have {@code actualScale} decimals; {@code ceiling} is the best capped ratio
 * of the block (R of rulebook section 1), reached by the unit that sets the scale, and chosen so that rates stay
 * below 100 %.
 */
record Measure(double base, double spread, int targetScale, int actualScale, double ceiling) {

    private static Measure target(double base, double spread, int targetScale, int actualScale, double ceiling) {
        return new Measure(base, spread, targetScale, actualScale, ceiling);
    }

    private static Measure relative(double base, double spread, int actualScale) {
        return new Measure(base, spread, actualScale, actualScale, 1);
    }

    /** By {@code blockCode/criterionCode}: every TARGET, TARGET_LOWER and RELATIVE criterion of the demo registry. */
    private static final Map<String, Measure> MEASURES = Map.ofEntries(
            // Khối Kinh tế tổng hợp
            Map.entry("KT-TH/KT1", target(88, 2, 0, 1, 1.09)),     // tỷ lệ giải ngân vốn đầu tư công, %
            Map.entry("KT-TH/KT2", target(45, 10, 0, 0, 1.20)),    // nhiệm vụ được giao
            Map.entry("KT-TH/KT3", target(8, 2, 0, 0, 2.0)),       // hồ sơ quá hạn (lower is better)
            Map.entry("KT-TH/KT4", relative(42, 8, 0)),            // dự án được thẩm định
            Map.entry("KT-TH/CC1", target(85, 2, 0, 2, 1.10)),     // PAR INDEX, %
            Map.entry("KT-TH/CS1", target(88, 2, 0, 1, 1.10)),     // hồ sơ xử lý trên môi trường mạng, %
            // Khối Kinh tế ngành
            Map.entry("KT-N/KN1", target(88, 2, 0, 1, 1.09)),
            Map.entry("KT-N/KN2", target(30, 6, 0, 0, 1.25)),      // chỉ tiêu chuyên ngành
            Map.entry("KT-N/KN3", target(10, 3, 0, 0, 2.0)),       // vụ vi phạm chưa xử lý
            Map.entry("KT-N/KN4", relative(28, 5, 0)),             // văn bản, đề án
            Map.entry("KT-N/CC1", target(85, 2, 0, 2, 1.10)),
            Map.entry("KT-N/CS1", target(65, 5, 0, 1, 1.30)),      // dịch vụ công trực tuyến toàn trình, %
            // Khối Văn hóa - Xã hội
            Map.entry("VH-XH/XH1", target(35, 8, 0, 0, 1.20)),
            Map.entry("VH-XH/XH2", target(94, 1, 0, 2, 1.05)),     // hồ sơ đúng hạn, %
            Map.entry("VH-XH/XH3", target(6, 2, 0, 0, 2.0)),       // đơn thư quá hạn
            Map.entry("VH-XH/XH4", relative(24, 6, 0)),            // hoạt động xã hội hóa
            Map.entry("VH-XH/CC1", target(85, 2, 0, 2, 1.10)),
            Map.entry("VH-XH/CS1", target(88, 2, 0, 1, 1.10)),     // văn bản có ký số, %
            // Khối Nội chính
            Map.entry("NC/NC1", target(40, 10, 0, 0, 1.20)),
            Map.entry("NC/NC2", target(92, 2, 0, 1, 1.06)),        // vụ việc đúng hạn, %
            Map.entry("NC/NC3", target(5, 1, 0, 0, 2.0)),          // khiếu nại, tố cáo tồn đọng
            Map.entry("NC/NC4", relative(30, 8, 0)),
            Map.entry("NC/CC1", target(85, 2, 0, 2, 1.10)),        // điểm cải cách hành chính
            Map.entry("NC/CS1", target(88, 2, 0, 1, 1.10)),
            // Khối Đảng - Đoàn thể
            Map.entry("DANG-DT/DT1", target(1500, 700, 0, 0, 1.30)), // đoàn viên, hội viên mới
            Map.entry("DANG-DT/DT2", target(30, 6, 0, 0, 1.20)),
            Map.entry("DANG-DT/DT3", target(6, 2, 0, 0, 2.0)),
            Map.entry("DANG-DT/DT4", relative(18, 5, 0)),          // cuộc giám sát, phản biện
            Map.entry("DANG-DT/CC1", target(85, 2, 0, 2, 1.10)),
            Map.entry("DANG-DT/CS1", target(85, 3, 0, 1, 1.12)),
            // Khối Doanh nghiệp
            Map.entry("DN/DN1", target(900, 600, 0, 1, 1.15)),     // doanh thu, tỷ đồng
            Map.entry("DN/DN2", target(60, 40, 0, 1, 1.30)),       // lợi nhuận trước thuế, tỷ đồng
            Map.entry("DN/DN3", target(5, 1, 0, 0, 2.0)),          // tai nạn lao động
            Map.entry("DN/DN4", relative(250, 100, 1)),            // nộp ngân sách, tỷ đồng
            Map.entry("DN/DN5", target(12, 3, 1, 1, 1.15)),        // thu nhập bình quân, triệu đồng/tháng
            // Khối Các cơ quan Trung ương đóng trên địa bàn
            Map.entry("TW/TW1", target(30, 8, 0, 0, 1.20)),
            Map.entry("TW/TW2", target(95, 1, 0, 2, 1.04)),
            Map.entry("TW/TW3", target(8, 2, 0, 0, 2.0)),
            Map.entry("TW/TW4", relative(16, 4, 0)),
            Map.entry("TW/CC1", target(85, 2, 0, 2, 1.10)),
            Map.entry("TW/CS1", target(88, 2, 0, 1, 1.10)),
            // Khối các huyện, thị xã, thành phố
            Map.entry("DP/KT1", target(12, 2, 1, 2, 1.30)),        // tăng giá trị sản xuất công nghiệp, %
            Map.entry("DP/KT2", target(3, 0.5, 1, 2, 1.30)),       // tăng giá trị sản xuất nông nghiệp, %
            Map.entry("DP/KT3", target(1500, 700, 0, 1, 1.25)),    // thu ngân sách, tỷ đồng
            Map.entry("DP/XH1", target(2.2, 0.4, 2, 2, 1.80)),     // tỷ lệ hộ nghèo, % (lower is better)
            Map.entry("DP/KT4", relative(220, 60, 0)),             // doanh nghiệp thành lập mới
            Map.entry("DP/CC1", target(85, 2, 0, 2, 1.10)));

    static Measure of(String blockCode, String criterionCode) {
        Measure measure = MEASURES.get(blockCode + "/" + criterionCode);
        if (measure == null) {
            throw new IllegalArgumentException("No demo scale for criterion " + criterionCode + " of block "
                    + blockCode);
        }
        return measure;
    }

    /** A value around {@code base}: a unit's target, or the block's best actual for RELATIVE. */
    BigDecimal draw(Random rng) {
        double value = base + spread * (2 * rng.nextDouble() - 1);
        return BigDecimal.valueOf(value).setScale(targetScale, RoundingMode.HALF_UP);
    }

    /** The ratio r that gives the fraction f of the maximum points when the block's best ratio is {@link #ceiling}. */
    double ratio(double f) {
        return f >= 0.5 ? 1 + (2 * f - 1) * (ceiling - 1) : 2 * f;
    }

    /** {@code value} with the actual's decimals, rounded in the given direction. */
    BigDecimal actual(double value, RoundingMode mode) {
        return BigDecimal.valueOf(value).setScale(actualScale, mode);
    }
}
