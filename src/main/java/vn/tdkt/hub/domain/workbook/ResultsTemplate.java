package vn.tdkt.hub.domain.workbook;

import static vn.tdkt.hub.domain.workbook.WorkbookLayout.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFDataValidationHelper;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Unit;

/**
 * The results workbook of one unit and period, in Vietnamese, built from the registry: sheet "Kết quả" with the
 * unit's criteria (code, name, method, unit of measure, the target where the method has one, the cell to fill)
 * and the members, sheet "Cá nhân đề nghị" for the nominees, and a very hidden, protected sheet with the kind,
 * version, period and unit so that an upload can be matched. Every input cell is unlocked and validated (the
 * other cells are locked); {@link WorkbookReader} checks the same rules again, since validation in Excel can be
 * bypassed (paste, other programs).
 */
public final class ResultsTemplate {

    private ResultsTemplate() {
    }

    /** The workbook, or empty when the unit takes no part in the period (or either is unknown). */
    public static Optional<byte[]> build(Registry registry, String period, String unitCode) {
        Optional<Unit> unit = registry.unit(unitCode);
        Optional<Block> block = registry.blockOf(period, unitCode);
        if (unit.isEmpty() || block.isEmpty()) {
            return Optional.empty();
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(wb);
            results(wb, styles, period, unit.get(), block.get());
            nominees(wb, styles);
            meta(wb, period, unitCode);
            wb.setActiveSheet(0);
            wb.lockStructure();
            wb.write(out);
            return Optional.of(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file name offered for download (Vietnamese; the HTTP layer encodes it). */
    public static String fileName(String period, String unitCode) {
        return "Báo cáo kết quả thi đua " + period + " - " + unitCode + ".xlsx";
    }

    private static void results(XSSFWorkbook wb, Styles s, String period, Unit unit, Block block) {
        XSSFSheet sh = wb.createSheet(RESULTS_SHEET);
        text(sh, 0, 0, "BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA NĂM " + period, s.title);
        text(sh, 1, 0, "Đơn vị: " + unit.name() + " (" + unit.code() + ")", null);
        text(sh, 2, 0, "Khối thi đua: " + block.name() + " (" + block.code() + ")", null);
        text(sh, 3, 0, "Điền vào các ô màu vàng: kết quả thực hiện (cột D) và chỉ tiêu được giao (cột E, với tiêu chí "
                + "theo chỉ tiêu). Ô để trống là chưa báo cáo. Chỉ nhập giá trị, không nhập công thức.", null);
        String[] header = {"Mã tiêu chí", "Tên tiêu chí", "Phương pháp chấm", "Kết quả thực hiện", "Chỉ tiêu",
                "Đơn vị tính", "Cách nhập"};
        Row h = sh.createRow(HEADER_ROW);
        for (int c = 0; c < header.length; c++) {
            h.createCell(c).setCellValue(header[c]);
            h.getCell(c).setCellStyle(s.header);
        }
        XSSFDataValidationHelper dv = new XSSFDataValidationHelper(sh);
        List<Criterion> criteria = block.criteria();
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            int r = FIRST_CRITERION_ROW + i;
            text(sh, r, COL_CODE, c.code(), s.locked);
            text(sh, r, COL_NAME, c.name(), s.locked);
            text(sh, r, COL_METHOD, methodName(c.method()), s.locked);
            sh.getRow(r).createCell(COL_ACTUAL).setCellStyle(s.input);
            if (c.method().hasTarget()) {
                sh.getRow(r).createCell(COL_TARGET).setCellStyle(s.input);
                validate(sh, dv.createDecimalConstraint(DataValidationConstraint.OperatorType.GREATER_THAN,
                        "0", null), r, COL_TARGET, "Chỉ tiêu phải là số lớn hơn 0");
            } else {
                text(sh, r, COL_TARGET, "—", s.locked);
            }
            text(sh, r, COL_MEASURE, measure(c), s.locked);
            text(sh, r, COL_HINT, hint(c.method()), s.locked);
            DataValidationConstraint constraint = switch (c.method()) {
                case PASS_FAIL -> dv.createExplicitListConstraint(new String[] {PASS, FAIL});
                case COUNT, BONUS, PENALTY -> dv.createIntegerConstraint(
                        DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null);
                default -> dv.createDecimalConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL,
                        "0", null);
            };
            validate(sh, constraint, r, COL_ACTUAL, hint(c.method()));
        }
        int m = FIRST_CRITERION_ROW + criteria.size() + 1;
        text(sh, m, COL_CODE, MEMBERS_TOTAL_LABEL, s.header);
        text(sh, m, COL_NAME, "Tổng số cán bộ, công chức, viên chức, người lao động của đơn vị", s.locked);
        sh.getRow(m).createCell(COL_ACTUAL).setCellStyle(s.input);
        text(sh, m + 1, COL_CODE, MEMBERS_WOMEN_LABEL, s.header);
        text(sh, m + 1, COL_NAME, "Trong đó số nữ (không quá tổng số)", s.locked);
        sh.getRow(m + 1).createCell(COL_ACTUAL).setCellStyle(s.input);
        for (int r = m; r <= m + 1; r++) {
            validate(sh, dv.createIntegerConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL, "0", null),
                    r, COL_ACTUAL, "Số nguyên ≥ 0");
        }
        int[] widths = {14, 48, 30, 18, 12, 14, 30};
        for (int c = 0; c < widths.length; c++) {
            sh.setColumnWidth(c, widths[c] * 256);
        }
        sh.protectSheet(UUID.randomUUID().toString());
    }

    private static String measure(Criterion c) {
        return switch (c.method()) {
            case PASS_FAIL -> "";
            case COUNT, BONUS, PENALTY -> "số lượng";
            default -> "";
        };
    }

    private static void nominees(XSSFWorkbook wb, Styles s) {
        XSSFSheet sh = wb.createSheet(NOMINEES_SHEET);
        text(sh, 0, 0, "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG", s.title);
        text(sh, 1, 0, "Mỗi dòng một cá nhân. Cá nhân có nhiều sáng kiến: các sáng kiến sau ghi ở các dòng ngay dưới, "
                + "chỉ điền cột F và G.", null);
        String[] header = {"Mã cán bộ", "Họ và tên", "Giới tính", "Xếp loại", "Chiến sĩ thi đua cơ sở",
                "Tên sáng kiến", "Cấp sáng kiến"};
        Row h = sh.createRow(NOMINEE_HEADER_ROW);
        for (int c = 0; c < header.length; c++) {
            h.createCell(c).setCellValue(header[c]);
            h.getCell(c).setCellStyle(s.header);
        }
        for (int r = FIRST_NOMINEE_ROW; r < FIRST_NOMINEE_ROW + NOMINEE_ROWS; r++) {
            Row row = sh.createRow(r);
            for (int c = 0; c < header.length; c++) {
                row.createCell(c).setCellStyle(s.input);
            }
        }
        XSSFDataValidationHelper dv = new XSSFDataValidationHelper(sh);
        int last = FIRST_NOMINEE_ROW + NOMINEE_ROWS - 1;
        String[] ratings = Arrays.stream(Rating.values()).map(Rating::vietnamese).toArray(String[]::new);
        listValidation(sh, dv, new String[] {MALE, FEMALE}, N_GENDER, last);
        listValidation(sh, dv, ratings, N_RATING, last);
        listValidation(sh, dv, new String[] {YES, NO}, N_SOLDIER, last);
        listValidation(sh, dv, new String[] {LEVEL_GRASSROOTS, LEVEL_PROVINCE}, N_LEVEL, last);
        int[] widths = {14, 30, 10, 32, 22, 40, 14};
        for (int c = 0; c < widths.length; c++) {
            sh.setColumnWidth(c, widths[c] * 256);
        }
        sh.protectSheet(UUID.randomUUID().toString());
    }

    private static void listValidation(XSSFSheet sh, XSSFDataValidationHelper dv, String[] values, int col, int last) {
        DataValidation v = dv.createValidation(dv.createExplicitListConstraint(values),
                new CellRangeAddressList(FIRST_NOMINEE_ROW, last, col, col));
        v.setShowErrorBox(true);
        v.createErrorBox("Giá trị không hợp lệ", "Chọn một giá trị trong danh sách: " + String.join(", ", values));
        sh.addValidationData(v);
    }

    private static void meta(XSSFWorkbook wb, String period, String unitCode) {
        XSSFSheet sh = wb.createSheet(META_SHEET);
        String[][] rows = {{"kind", KIND}, {"version", VERSION}, {"period", period}, {"unit", unitCode}};
        for (int r = 0; r < rows.length; r++) {
            text(sh, r, 0, rows[r][0], null);
            text(sh, r, 1, rows[r][1], null);
        }
        sh.protectSheet(UUID.randomUUID().toString());
        wb.setSheetVisibility(wb.getSheetIndex(sh), SheetVisibility.VERY_HIDDEN);
    }

    private static void validate(XSSFSheet sh, DataValidationConstraint constraint, int row, int col, String message) {
        DataValidation v = new XSSFDataValidationHelper(sh).createValidation(constraint,
                new CellRangeAddressList(row, row, col, col));
        v.setShowErrorBox(true);
        v.setErrorStyle(DataValidation.ErrorStyle.STOP);
        v.createErrorBox("Giá trị không hợp lệ", message);
        v.setShowPromptBox(true);
        v.createPromptBox("Cách nhập", message);
        sh.addValidationData(v);
    }

    private static void text(XSSFSheet sh, int row, int col, String value, CellStyle style) {
        Row r = sh.getRow(row) != null ? sh.getRow(row) : sh.createRow(row);
        var cell = r.createCell(col);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** The few styles of the workbook. */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle locked;
        final CellStyle input;

        Styles(XSSFWorkbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            title = wb.createCellStyle();
            title.setFont(bold);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setBorderBottom(BorderStyle.THIN);
            locked = wb.createCellStyle();
            locked.setWrapText(true);
            input = wb.createCellStyle();
            input.setLocked(false);
            input.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            input.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            input.setBorderBottom(BorderStyle.THIN);
            input.setBorderTop(BorderStyle.THIN);
            input.setBorderLeft(BorderStyle.THIN);
            input.setBorderRight(BorderStyle.THIN);
        }
    }
}
