package vn.tdkt.hub.domain.registry;

import java.math.BigDecimal;

/** Rulebook parameters (registry {@code rules}); defaults are those of the rulebook. */
public record Rules(BigDecimal ratioCap, BigDecimal govFlagShare,
                    BigDecimal xuatSac, BigDecimal tot, BigDecimal hoanThanh) {

    public static final Rules DEFAULTS = new Rules(new BigDecimal("2.0"), new BigDecimal("0.20"),
            new BigDecimal("90"), new BigDecimal("70"), new BigDecimal("50"));

    /** Rating of a complete unit with score {@code score} (rulebook section 3). */
    public Rating rate(BigDecimal score) {
        if (score.compareTo(xuatSac) >= 0) {
            return Rating.XUAT_SAC;
        }
        if (score.compareTo(tot) >= 0) {
            return Rating.TOT;
        }
        if (score.compareTo(hoanThanh) >= 0) {
            return Rating.HOAN_THANH;
        }
        return Rating.KHONG_HOAN_THANH;
    }
}
