package vn.tdkt.hub.domain.workbook;

import java.util.Map;

import vn.tdkt.hub.domain.registry.Method;

/**
 * Where things are in the results workbook (shared by {@link ResultsTemplate}, which writes it, and
 * {@link WorkbookReader}, which reads it back). Rows and columns are 0-based here; cell names shown to people
 * (D7) are 1-based, as in Excel.
 */
public final class WorkbookLayout {

    /** Bumped whenever the layout changes: an upload of another version is refused. */
    public static final String VERSION = "1";
    /** What the metadata sheet says the workbook is. */
    public static final String KIND = "tdkt-ket-qua";

    public static final String RESULTS_SHEET = "Kết quả";
    public static final String NOMINEES_SHEET = "Cá nhân đề nghị";
    /** Very hidden, protected: kind, version, period, unit. */
    public static final String META_SHEET = "tdkt_meta";

    /** Results sheet: the header row, then one row per criterion. */
    public static final int HEADER_ROW = 5;
    public static final int FIRST_CRITERION_ROW = 6;
    public static final int COL_CODE = 0;
    public static final int COL_NAME = 1;
    public static final int COL_METHOD = 2;
    public static final int COL_ACTUAL = 3;
    public static final int COL_TARGET = 4;
    public static final int COL_MEASURE = 5;
    public static final int COL_HINT = 6;

    /** Label in column A of the members section's first row (after the criteria and a blank row). */
    public static final String MEMBERS_TOTAL_LABEL = "Tổng số thành viên";
    public static final String MEMBERS_WOMEN_LABEL = "Số nữ";

    /** Nominees sheet: header row, then up to {@link #NOMINEE_ROWS} rows. */
    public static final int NOMINEE_HEADER_ROW = 3;
    public static final int FIRST_NOMINEE_ROW = 4;
    public static final int NOMINEE_ROWS = 300;
    public static final int N_STAFF = 0;
    public static final int N_NAME = 1;
    public static final int N_GENDER = 2;
    public static final int N_RATING = 3;
    public static final int N_SOLDIER = 4;
    public static final int N_INITIATIVE = 5;
    public static final int N_LEVEL = 6;

    public static final String PASS = "Đạt";
    public static final String FAIL = "Không đạt";
    public static final String YES = "Có";
    public static final String NO = "Không";
    public static final String MALE = "Nam";
    public static final String FEMALE = "Nữ";
    public static final String LEVEL_GRASSROOTS = "Cơ sở";
    public static final String LEVEL_PROVINCE = "Tỉnh";

    private static final Map<Method, String> METHOD_NAMES = Map.of(
            Method.TARGET, "Theo chỉ tiêu (cao hơn là tốt)",
            Method.TARGET_LOWER, "Theo chỉ tiêu (thấp hơn là tốt)",
            Method.RELATIVE, "So sánh với đơn vị cao nhất khối",
            Method.PASS_FAIL, "Đạt / Không đạt",
            Method.COUNT, "Tính theo số lượng",
            Method.BONUS, "Điểm thưởng",
            Method.PENALTY, "Điểm trừ");

    private WorkbookLayout() {
    }

    public static String methodName(Method m) {
        return METHOD_NAMES.get(m);
    }

    /** What to type in the input cell, in Vietnamese. */
    public static String hint(Method m) {
        return switch (m) {
            case PASS_FAIL -> "Chọn Đạt hoặc Không đạt";
            case COUNT, BONUS, PENALTY -> "Số nguyên ≥ 0";
            case TARGET, TARGET_LOWER -> "Số ≥ 0; chỉ tiêu là số > 0";
            case RELATIVE -> "Số ≥ 0";
        };
    }

    /** Excel's name of a cell: column letters and 1-based row (0, 6 gives A7). */
    public static String cellName(int row, int col) {
        StringBuilder letters = new StringBuilder();
        int c = col + 1;
        while (c > 0) {
            int r = (c - 1) % 26;
            letters.insert(0, (char) ('A' + r));
            c = (c - 1) / 26;
        }
        return letters.toString() + (row + 1);
    }
}
