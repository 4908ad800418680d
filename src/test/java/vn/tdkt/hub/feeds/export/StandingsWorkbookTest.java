package vn.tdkt.hub.feeds.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tdkt.hub.feeds.export.ExportFixtures.HOSTILE_FORMULA;
import static vn.tdkt.hub.feeds.export.ExportFixtures.HOSTILE_HTML;
import static vn.tdkt.hub.feeds.export.ExportFixtures.KT_TH;
import static vn.tdkt.hub.feeds.export.ExportFixtures.UNSAFE_CODE;
import static vn.tdkt.hub.feeds.export.ExportFixtures.block;
import static vn.tdkt.hub.feeds.export.ExportFixtures.row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.tdkt.hub.feeds.StandingsMessage;

class StandingsWorkbookTest {

    private static final List<String> UNIT_HEADERS =
            List.of("Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Xếp loại", "Đủ tiêu chí", "Chỉ tiêu đạt", "Tỷ lệ nữ");
    private static final DataFormatter FORMAT = new DataFormatter(Locale.US);

    private Workbook workbook;

    @BeforeEach
    void writeAndReopen() throws IOException {
        workbook = reopen(ExportFixtures.shuffled());
    }

    @AfterEach
    void close() throws IOException {
        workbook.close();
    }

    private static Workbook reopen(List<StandingsMessage> blocks) throws IOException {
        var bytes = new ByteArrayOutputStream();
        StandingsWorkbook.write("2023", blocks, bytes);
        return new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void summaryFirstThenRankedBlocksThenUnrankedWithExcelSafeNames() {
        // "/", ":" and "*" become "_", then the name is cut to Excel's 31 characters
        assertThat(sheetNames(workbook)).containsExactly("Tổng hợp", "KT-TH", "VH-XH",
                "NOI-CHINH_PHAP-LUAT_TOAN-TINH_2");
    }

    @Test
    void summaryHasOneRowPerBlock() {
        Sheet s = workbook.getSheet("Tổng hợp");
        assertThat(s.getRow(0).getCell(0).getStringCellValue())
                .isEqualTo("Tổng hợp xếp hạng các khối thi đua năm 2023");
        assertThat(values(s.getRow(1), 7)).containsExactly("Hạng khối", "Mã khối", "Khối thi đua", "Số đơn vị",
                "Số đơn vị đủ tiêu chí", "Điểm bình quân", "Đơn vị dẫn đầu");
        // units: 3 (2 complete), 2 (2 complete), 1 (none complete); the leader is the unit ranked 1
        assertThat(values(s.getRow(2), 7))
                .containsExactly(1.0, "KT-TH", "Khối Kinh tế tổng hợp", 3.0, 2.0, 92.58, "Sở Kế hoạch và Đầu tư");
        assertThat(values(s.getRow(3), 7))
                .containsExactly(2.0, "VH-XH", "Khối Văn hóa - Xã hội", 2.0, 2.0, 36.5, HOSTILE_HTML);
        assertThat(values(s.getRow(4), 7))
                .containsExactly(null, UNSAFE_CODE, "Khối Nội chính", 1.0, 0.0, null, null);
        assertThat(s.getRow(5)).isNull();
        assertThat(FORMAT.formatCellValue(s.getRow(3).getCell(5))).isEqualTo("36.50");
        assertFrozenUnderBoldHeader(s, 7);
    }

    @Test
    void blockSheetListsUnitsInStandingsOrderWithTotals() {
        Sheet s = workbook.getSheet("KT-TH");
        assertThat(s.getRow(0).getCell(0).getStringCellValue())
                .isEqualTo("Bảng tổng hợp, xếp hạng thi đua năm 2023 - Khối Kinh tế tổng hợp");
        assertThat(values(s.getRow(1), 8)).containsExactlyElementsOf(UNIT_HEADERS);
        assertThat(values(s.getRow(2), 8)).containsExactly(1.0, "SO-KHDT", "Sở Kế hoạch và Đầu tư", 96.9,
                "Hoàn thành xuất sắc nhiệm vụ", "Đủ", 2.0, 0.7093);
        assertThat(values(s.getRow(3), 8))
                .containsExactly(2.0, "SO-TC", "Sở Tài chính", 88.25, "Hoàn thành tốt nhiệm vụ", "Đủ", 1.0, null);
        assertThat(values(s.getRow(4), 8))
                .containsExactly(null, "SO-CT", HOSTILE_FORMULA, 40.0, null, "Chưa đủ", 0.0, 0.5);
        // totals: 3 units, mean of the complete ones 92.58, 2 complete
        assertThat(values(s.getRow(5), 8)).containsExactly("Tổng cộng", null, 3.0, 92.58, null, 2.0, null, null);
        assertThat(s.getRow(6)).isNull();

        assertThat(formatted(s.getRow(2))).containsExactly("1", "SO-KHDT", "Sở Kế hoạch và Đầu tư", "96.90",
                "Hoàn thành xuất sắc nhiệm vụ", "Đủ", "2", "70.93%");
        assertThat(formatted(s.getRow(5))).containsExactly("Tổng cộng", "", "3 đơn vị", "92.58", "", "2 đơn vị",
                "", "");
        assertFrozenUnderBoldHeader(s, 8);
        assertThat(s.getColumnWidth(2)).as("unit name column").isGreaterThan(30 * 256);
    }

    @Test
    void negativeScoreIsANumber() {
        Row soYt = workbook.getSheet("VH-XH").getRow(3);
        assertThat(soYt.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(soYt.getCell(3).getNumericCellValue()).isEqualTo(-2.5);
        assertThat(FORMAT.formatCellValue(soYt.getCell(3))).isEqualTo("-2.50");
        assertThat(soYt.getCell(4).getStringCellValue()).isEqualTo("Không hoàn thành nhiệm vụ");
    }

    @Test
    void hostileNamesStayPlainTextAndFormulaLikeTextIsQuotePrefixed() {
        Cell formula = workbook.getSheet("KT-TH").getRow(4).getCell(2);
        assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
        assertThat(formula.getStringCellValue()).isEqualTo(HOSTILE_FORMULA);
        assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();

        Cell html = workbook.getSheet("VH-XH").getRow(2).getCell(2);
        assertThat(html.getCellType()).isEqualTo(CellType.STRING);
        assertThat(html.getStringCellValue()).isEqualTo(HOSTILE_HTML);
        assertThat(html.getCellStyle().getQuotePrefixed()).isFalse();
    }

    @Test
    void clashingSheetNamesGetASuffix() throws IOException {
        // "A/B" and "A:B" both become "A_B"; Excel compares without case, so "TỔNG HỢP" clashes with the
        // summary sheet; "History" is reserved by Excel
        String longCode = "K".repeat(40);
        List<StandingsMessage> blocks = new ArrayList<>();
        for (String code : List.of("A/B", "A:B", "TỔNG HỢP", "History", longCode, longCode.toLowerCase())) {
            blocks.add(block(code, "Khối " + code, null, null,
                    row(null, "SO-NV", "Sở Nội vụ", "0.00", null, false, 0, null)));
        }
        try (Workbook w = reopen(blocks)) {
            // unranked blocks by code: "A/B" < "A:B" < "History" < "KKK…" < "TỔNG HỢP" < "kkk…";
            // the 40-character codes are cut to 31, the second one to 27 + " (2)"
            assertThat(sheetNames(w)).containsExactly("Tổng hợp", "A_B", "A_B (2)", "History (2)", "K".repeat(31),
                    "TỔNG HỢP (2)", "k".repeat(27) + " (2)");
        }
    }

    @Test
    void refusesBlocksOfAnotherPeriod() {
        var period2024 = new StandingsMessage("2024", KT_TH.blockCode(), KT_TH.blockName(), 7, false,
                KT_TH.meanScore(), 1, KT_TH.units(), KT_TH.updatedAt());
        assertThatThrownBy(() -> StandingsWorkbook.write("2023", List.of(period2024), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2024");
    }

    private static void assertFrozenUnderBoldHeader(Sheet s, int columns) {
        assertThat(s.getPaneInformation().isFreezePane()).isTrue();
        assertThat((int) s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo(2);
        for (int c = 0; c < columns; c++) {
            Cell h = s.getRow(1).getCell(c);
            assertThat(s.getWorkbook().getFontAt(h.getCellStyle().getFontIndex()).getBold()).isTrue();
        }
    }

    private static List<String> sheetNames(Workbook w) {
        return IntStream.range(0, w.getNumberOfSheets()).mapToObj(w::getSheetName).toList();
    }

    /** The row's cells as Double (numeric), String (text) or null (blank). */
    private static List<Object> values(Row row, int columns) {
        Object[] v = new Object[columns];
        for (int c = 0; c < columns; c++) {
            Cell cell = row.getCell(c);
            if (cell != null && cell.getCellType() == CellType.NUMERIC) {
                v[c] = cell.getNumericCellValue();
            } else if (cell != null && cell.getCellType() == CellType.STRING) {
                v[c] = cell.getStringCellValue();
            } else {
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as("cell %d", c).isTrue();
            }
        }
        return Arrays.asList(v);
    }

    private static List<String> formatted(Row row) {
        return IntStream.range(0, 8).mapToObj(c -> FORMAT.formatCellValue(row.getCell(c))).toList();
    }
}
