package vn.tdkt.hub.feeds.export;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.feeds.export.ExportFixtures.HOSTILE_FORMULA;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.award.AwardReason;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.Rejection;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.UnitScoreMessage;

/** The office's full workbook of a period: the sheets after the blocks, autofilters and frozen headers. */
class OfficeWorkbookTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2024-01-20T10:00:00+07:00");
    private static final String FLAG_BASIS = "Điều 26 Luật Thi đua, khen thưởng 2022";

    private XSSFWorkbook workbook;

    @BeforeEach
    void writeAndReopen() throws IOException {
        Map<String, Object> flagFacts = new LinkedHashMap<>();
        flagFacts.put("score", new BigDecimal("96.90"));
        flagFacts.put("blockRank", 1);
        AwardEventMessage flag = new AwardEventMessage("2023:CO_THI_DUA_TINH:SO-KHDT", "2023", "CO_THI_DUA_TINH",
                "Cờ thi đua của UBND tỉnh", "GRANTED", "UNIT", "SO-KHDT", "KT-TH", null, null,
                "Sở Kế hoạch và Đầu tư", new AwardReason("Đơn vị xếp hạng nhất khối thi đua", FLAG_BASIS, flagFacts),
                AT);
        AwardEventMessage held = new AwardEventMessage("2023:CHIEN_SI_THI_DUA_TINH:SO-TC:NV-7", "2023",
                "CHIEN_SI_THI_DUA_TINH", "Chiến sĩ thi đua cấp tỉnh", "WITHHELD", "PERSON", "SO-TC", "KT-TH", "NV-7",
                "Nguyễn Thị Đào", "Nguyễn Thị Đào", new AwardReason(HOSTILE_FORMULA, "Điều 23",
                Map.of("holdReason", "Đang xem xét kỷ luật")), AT);
        var cardKhdt = new UnitScoreMessage("2023", "SO-KHDT", "Sở Kế hoạch và Đầu tư", "KT-TH",
                new BigDecimal("96.90"), "XUAT_SAC", true, List.of(), List.of(
                new UnitScoreMessage.Line("KT1", Method.TARGET, new BigDecimal("15"), new BigDecimal("6"),
                        new BigDecimal("5.3"), new BigDecimal("0.8833"), new BigDecimal("13.25")),
                new UnitScoreMessage.Line("XH1", Method.PASS_FAIL, new BigDecimal("10"), null, true, null,
                        new BigDecimal("10.00"))), 3L, AT);
        var cardCt = new UnitScoreMessage("2023", "SO-CT", HOSTILE_FORMULA, "KT-TH", new BigDecimal("40.00"), null,
                false, List.of("KT2"), List.of(new UnitScoreMessage.Line("XH1", Method.PASS_FAIL, new BigDecimal("10"),
                null, false, null, new BigDecimal("0.00"))), 1L, AT);
        var rejection = new Rejection(OffsetDateTime.parse("2024-01-12T09:30:01.123+07:00"), "bad-1", "SO-TC",
                List.of(new Reason(ReasonCode.UNKNOWN_CRITERION, "results[0].criterion", "Tiêu chí TH9 không có"),
                        new Reason(ReasonCode.INVALID_VALUE, "results[1].actual", "Giá trị âm")),
                new Rejection.Source("tdkt.results", 0, 12), null, null, null, null);
        PeriodExport export = new PeriodExport("2023", ExportFixtures.shuffled(),
                List.of(new PeriodExport.AwardLine(flag, "1/TB-HĐTĐKT", "SENT"),
                        new PeriodExport.AwardLine(held, null, null)),
                // the card order does not matter: the detail follows the block sheets
                List.of(cardCt, cardKhdt), Map.of("KT-TH", Map.of("KT1", "Tăng trưởng GRDP", "KT2", "Thu ngân sách",
                "XH1", "Cải cách hành chính")), List.of(rejection));
        var bytes = new ByteArrayOutputStream();
        StandingsWorkbook.write(export, bytes);
        workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @AfterEach
    void close() throws IOException {
        workbook.close();
    }

    @Test
    void sheetsInOrderEveryTableFilteredAndFrozen() {
        assertThat(IntStream.range(0, workbook.getNumberOfSheets()).mapToObj(workbook::getSheetName))
                .containsExactly("Tổng hợp", "KT-TH", "VH-XH", "NOI-CHINH_PHAP-LUAT_TOAN-TINH_2", "Khen thưởng",
                        "Chi tiết tiêu chí", "Hồ sơ bị từ chối");
        // header row 2 and data rows, never the title nor (on a block sheet) the totals row
        assertThat(filter("Tổng hợp")).isEqualTo("A2:G5");
        assertThat(filter("KT-TH")).isEqualTo("A2:H5");
        assertThat(filter("VH-XH")).isEqualTo("A2:H4");
        assertThat(filter("Khen thưởng")).isEqualTo("A2:N4");
        assertThat(filter("Chi tiết tiêu chí")).isEqualTo("A2:L6");
        assertThat(filter("Hồ sơ bị từ chối")).isEqualTo("A2:F4");
        for (Sheet s : workbook) {
            assertThat(s.getPaneInformation()).as(s.getSheetName()).isNotNull();
            assertThat(s.getPaneInformation().isFreezePane()).as(s.getSheetName()).isTrue();
            assertThat((int) s.getPaneInformation().getHorizontalSplitPosition()).as(s.getSheetName()).isEqualTo(2);
            Cell firstHeader = s.getRow(1).getCell(0);
            assertThat(workbook.getFontAt(firstHeader.getCellStyle().getFontIndex()).getBold()).isTrue();
        }
    }

    @Test
    void awardsWithReasonLegalBasisAndLetter() {
        Sheet s = workbook.getSheet("Khen thưởng");
        assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Danh sách khen thưởng năm 2023");
        assertThat(values(s.getRow(1), 14)).containsExactly("STT", "Mã khen thưởng", "Hình thức khen thưởng",
                "Trạng thái", "Đối tượng", "Tên tập thể / cá nhân", "Mã đơn vị", "Mã khối", "Mã cán bộ",
                "Số thông báo", "Thông báo", "Lý do", "Căn cứ pháp lý", "Số liệu xét");
        assertThat(values(s.getRow(2), 14)).containsExactly(1.0, "2023:CO_THI_DUA_TINH:SO-KHDT",
                "Cờ thi đua của UBND tỉnh", "Khen thưởng", "Tập thể", "Sở Kế hoạch và Đầu tư", "SO-KHDT", "KT-TH",
                null, "1/TB-HĐTĐKT", "Đã gửi", "Đơn vị xếp hạng nhất khối thi đua", FLAG_BASIS,
                "score: 96.90; blockRank: 1");
        assertThat(values(s.getRow(3), 14)).containsExactly(2.0, "2023:CHIEN_SI_THI_DUA_TINH:SO-TC:NV-7",
                "Chiến sĩ thi đua cấp tỉnh", "Tạm hoãn", "Cá nhân", "Nguyễn Thị Đào", "SO-TC", "KT-TH", "NV-7", null,
                "Không gửi thông báo", HOSTILE_FORMULA, "Điều 23", "holdReason: Đang xem xét kỷ luật");
        Cell hostile = s.getRow(3).getCell(11);
        assertThat(hostile.getCellType()).isEqualTo(CellType.STRING);
        assertThat(hostile.getCellStyle().getQuotePrefixed()).isTrue();
        assertThat(s.getRow(2).getCell(12).getCellStyle().getWrapText()).isTrue();
        assertThat(s.getRow(4)).isNull();
    }

    @Test
    void perCriterionDetailFollowsTheBlockSheetsWithMissingCriteriaNoted() {
        Sheet s = workbook.getSheet("Chi tiết tiêu chí");
        assertThat(values(s.getRow(1), 12)).containsExactly("Mã khối", "Mã đơn vị", "Đơn vị", "Mã tiêu chí",
                "Tiêu chí", "Phương pháp chấm", "Điểm tối đa", "Chỉ tiêu", "Thực hiện", "Tỷ lệ", "Điểm", "Ghi chú");
        assertThat(values(s.getRow(2), 12)).containsExactly("KT-TH", "SO-KHDT", "Sở Kế hoạch và Đầu tư", "KT1",
                "Tăng trưởng GRDP", "Theo chỉ tiêu", 15.0, 6.0, 5.3, 0.8833, 13.25, null);
        assertThat(values(s.getRow(3), 12)).containsExactly("KT-TH", "SO-KHDT", "Sở Kế hoạch và Đầu tư", "XH1",
                "Cải cách hành chính", "Đạt / không đạt", 10.0, null, "Đạt", null, 10.0, null);
        assertThat(values(s.getRow(4), 12)).containsExactly("KT-TH", "SO-CT", HOSTILE_FORMULA, "XH1",
                "Cải cách hành chính", "Đạt / không đạt", 10.0, null, "Không đạt", null, 0.0, null);
        assertThat(values(s.getRow(5), 12)).containsExactly("KT-TH", "SO-CT", HOSTILE_FORMULA, "KT2",
                "Thu ngân sách", null, null, null, null, null, null, "Chưa báo cáo");
        assertThat(s.getRow(6)).isNull();
    }

    @Test
    void oneRowPerReasonOfARejection() {
        Sheet s = workbook.getSheet("Hồ sơ bị từ chối");
        assertThat(values(s.getRow(1), 6)).containsExactly("Thời điểm", "Mã bản ghi", "Mã đơn vị", "Mã lỗi",
                "Trường", "Lý do");
        assertThat(values(s.getRow(2), 6)).containsExactly("2024-01-12T09:30:01.123+07:00", "bad-1", "SO-TC",
                "UNKNOWN_CRITERION", "results[0].criterion", "Tiêu chí TH9 không có");
        assertThat(values(s.getRow(3), 6)).containsExactly("2024-01-12T09:30:01.123+07:00", "bad-1", "SO-TC",
                "INVALID_VALUE", "results[1].actual", "Giá trị âm");
        assertThat(s.getRow(4)).isNull();
    }

    @Test
    void aBlockCodeCannotTakeTheNameOfAFixedSheet() throws IOException {
        var blocks = List.of(ExportFixtures.block("KHEN THƯỞNG", "Khối X", null, null,
                ExportFixtures.row(null, "SO-NV", "Sở Nội vụ", "0.00", null, false, 0, null)));
        var bytes = new ByteArrayOutputStream();
        StandingsWorkbook.write(new PeriodExport("2023", blocks, List.of(), List.of(), Map.of(), List.of()), bytes);
        try (XSSFWorkbook w = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(IntStream.range(0, w.getNumberOfSheets()).mapToObj(w::getSheetName)).containsExactly(
                    "Tổng hợp", "KHEN THƯỞNG (2)", "Khen thưởng", "Chi tiết tiêu chí", "Hồ sơ bị từ chối");
            // empty tables still have their header row and a filter on it
            assertThat(((XSSFSheet) w.getSheet("Khen thưởng")).getCTWorksheet().getAutoFilter().getRef())
                    .isEqualTo("A2:N2");
        }
    }

    private String filter(String sheet) {
        XSSFSheet s = workbook.getSheet(sheet);
        assertThat(s.getCTWorksheet().isSetAutoFilter()).as(sheet).isTrue();
        return s.getCTWorksheet().getAutoFilter().getRef();
    }

    /** The row's cells as Double (numeric), String (text) or null (blank). */
    static List<Object> values(Row row, int columns) {
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
}
