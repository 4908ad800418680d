package vn.tdkt.hub.feeds.export;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import vn.tdkt.hub.feeds.StandingsMessage;

/** Standings of period 2023 for the export tests, with hostile unit names and an Excel-unsafe block code. */
final class ExportFixtures {

    static final String HOSTILE_FORMULA = "=HYPERLINK(\"http://x\")";
    static final String HOSTILE_HTML = "<b>x</b>";
    /** 34 characters with three characters Excel forbids in a sheet name. */
    static final String UNSAFE_CODE = "NOI-CHINH/PHAP-LUAT:TOAN-TINH*2023";

    private static final OffsetDateTime AT = OffsetDateTime.parse("2024-01-12T09:30:00+07:00");

    private ExportFixtures() {
    }

    static StandingsMessage.Row row(Integer rank, String code, String name, String score, String rating,
                                    boolean complete, int targetsMet, String womenShare) {
        return new StandingsMessage.Row(rank, code, name, new BigDecimal(score), rating, complete, targetsMet,
                womenShare == null ? null : new BigDecimal(womenShare));
    }

    static StandingsMessage block(String code, String name, Integer blockRank, String mean,
                                  StandingsMessage.Row... rows) {
        return new StandingsMessage("2023", code, name, 7, false, mean == null ? null : new BigDecimal(mean),
                blockRank, List.of(rows), AT);
    }

    /** Complete units 96.90 and 88.25: mean (96.90 + 88.25) / 2 = 185.15 / 2 = 92.575, half-up 92.58. */
    static final StandingsMessage KT_TH = block("KT-TH", "Khối Kinh tế tổng hợp", 1, "92.58",
            row(1, "SO-KHDT", "Sở Kế hoạch và Đầu tư", "96.90", "XUAT_SAC", true, 2, "0.7093"),
            row(2, "SO-TC", "Sở Tài chính", "88.25", "TOT", true, 1, null),
            row(null, "SO-CT", HOSTILE_FORMULA, "40.00", null, false, 0, "0.5000"));

    /** Complete units 75.50 and -2.50 (penalties): mean (75.50 - 2.50) / 2 = 73.00 / 2 = 36.50. */
    static final StandingsMessage VH_XH = block("VH-XH", "Khối Văn hóa - Xã hội", 2, "36.50",
            row(1, "SO-GDDT", HOSTILE_HTML, "75.50", "TOT", true, 1, "0.8000"),
            row(2, "SO-YT", "Sở Y tế", "-2.50", "KHONG_HOAN_THANH", true, 0, null));

    /** No complete unit: no mean, no block rank. */
    static final StandingsMessage NOI_CHINH = block(UNSAFE_CODE, "Khối Nội chính", null, null,
            row(null, "SO-NV", "Sở Nội vụ", "0.00", null, false, 0, null));

    /** The three blocks out of report order. */
    static List<StandingsMessage> shuffled() {
        return List.of(NOI_CHINH, VH_XH, KT_TH);
    }
}
