package vn.tdkt.hub.feeds.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.tdkt.hub.feeds.StandingsMessage;

/**
 * The office's standings workbook (.xlsx) of one period [bảng tổng hợp, xếp hạng thi đua], built from the
 * Standings of contracts.md (rulebook section 4) for filing with the year's report.
 *
 * <p>Layout:
 * <ul>
 *   <li>Sheet {@value #SUMMARY_SHEET}: a title row, a header row ({@link #SUMMARY_HEADERS}) and one row per block:
 *       block rank, block code, block name, number of units, complete units, mean score, and the leading unit
 *       (the name of the unit ranked 1; blank where no unit is complete).</li>
 *   <li>One sheet per block, named after the block code (see {@link #write}): a title row
 *       ("Bảng tổng hợp, xếp hạng thi đua năm {period} - {block name}"), a header row
 *       (Hạng, Mã đơn vị, Đơn vị, Điểm, Xếp loại, Đủ tiêu chí, Chỉ tiêu đạt, Tỷ lệ nữ), one row per unit in standings
 *       order, and a totals row: "Tổng cộng", the number of units (under "Đơn vị"), the block's mean score of
 *       complete units (under "Điểm") and the number of complete units (under "Đủ tiêu chí"); the counts are
 *       numbers shown as "3 đơn vị".</li>
 * </ul>
 * Every sheet has a bold header row, set column widths, panes frozen under the header, and prints landscape, one
 * page wide, with the title and header rows repeated on every page.
 * Blocks come ranked first by block rank, then unranked ones by block code. Ranks, scores, counts and women's
 * shares are numeric cells (scores and means formatted {@code 0.00}, women's share {@code 0.00%}); a missing
 * value (no rank, no rating, no members, no mean) is a blank cell. The mean is the Standings' own
 * {@code meanScore} (rounded as the rulebook says), not recomputed, so the workbook matches every other output.
 * Ratings are written as their Vietnamese labels, completeness as "Đủ" / "Chưa đủ".
 *
 * <p>Text that came from outside (codes, names) is always a text cell, never a formula; text that a spreadsheet
 * would read as a formula when retyped or re-imported (starting with {@code = + - @}, tab, CR) also gets the
 * "quote prefix" cell style, so Excel keeps it text even when the cell is edited.
 */
public final class StandingsWorkbook {

    public static final String SUMMARY_SHEET = "Tổng hợp";
    public static final List<String> SUMMARY_HEADERS = List.of("Hạng khối", "Mã khối", "Khối thi đua", "Số đơn vị",
            "Số đơn vị đủ tiêu chí", "Điểm bình quân", "Đơn vị dẫn đầu");
    public static final String TOTALS_LABEL = "Tổng cộng";

    private static final int[] SUMMARY_WIDTHS = {10, 14, 36, 11, 14, 15, 42};
    private static final int[] UNIT_WIDTHS = {8, 14, 46, 10, 32, 13, 13, 11};
    private static final int MAX_SHEET_NAME = 31;

    private final XSSFWorkbook workbook;
    private final CellStyle title;
    private final CellStyle header;
    private final CellStyle quotedText;
    private final CellStyle integer;
    private final CellStyle score;
    private final CellStyle percent;
    private final CellStyle totalLabel;
    private final CellStyle totalCount;
    private final CellStyle totalScore;

    private StandingsWorkbook(XSSFWorkbook workbook) {
        this.workbook = workbook;
        Font bold = workbook.createFont();
        bold.setBold(true);
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = style(big, null);
        header = style(bold, null);
        header.setWrapText(true);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        quotedText = style(null, null);
        quotedText.setQuotePrefixed(true);
        integer = style(null, "0");
        score = style(null, "0.00");
        percent = style(null, "0.00%");
        totalLabel = style(bold, null);
        totalCount = style(bold, "0\" đơn vị\"");
        totalScore = style(bold, "0.00");
        for (CellStyle s : List.of(totalLabel, totalCount, totalScore)) {
            s.setBorderTop(BorderStyle.THIN);
        }
    }

    /**
     * Writes the workbook of {@code period} to {@code out} (which stays open).
     *
     * <p>A block's sheet is named after its block code made safe for Excel: the characters {@code \ / ? * [ ] :}
     * become {@code _}, the name is cut to 31 characters, and a name already taken (Excel compares names without
     * case; "History" is reserved) gets a suffix " (2)", " (3)", ….
     *
     * @param blocks the Standings of every block of the period, in any order
     * @throws IllegalArgumentException if a block belongs to another period
     */
    public static void write(String period, List<StandingsMessage> blocks, OutputStream out) throws IOException {
        List<StandingsMessage> ordered = StandingsReport.ordered(period, blocks);
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            StandingsWorkbook w = new StandingsWorkbook(workbook);
            w.summary(period, ordered);
            for (StandingsMessage block : ordered) {
                w.block(period, block);
            }
            workbook.write(out);
        }
    }

    private void summary(String period, List<StandingsMessage> blocks) {
        Sheet sheet = workbook.createSheet(SUMMARY_SHEET);
        int r = heading(sheet, "Tổng hợp xếp hạng các khối thi đua năm " + period, SUMMARY_HEADERS, SUMMARY_WIDTHS);
        for (StandingsMessage b : blocks) {
            Row row = sheet.createRow(r++);
            number(row, 0, b.blockRank(), integer);
            text(row, 1, b.blockCode());
            text(row, 2, b.blockName());
            number(row, 3, b.units().size(), integer);
            number(row, 4, StandingsReport.completeUnits(b), integer);
            number(row, 5, b.meanScore(), score);
            text(row, 6, StandingsReport.leadingUnit(b));
        }
    }

    private void block(String period, StandingsMessage b) {
        Sheet sheet = workbook.createSheet(sheetName(b.blockCode()));
        int r = heading(sheet, StandingsReport.title(period, b.blockName()), StandingsReport.UNIT_HEADERS,
                UNIT_WIDTHS);
        for (StandingsMessage.Row u : b.units()) {
            Row row = sheet.createRow(r++);
            number(row, 0, u.rank(), integer);
            text(row, 1, u.unitCode());
            text(row, 2, u.unitName());
            number(row, 3, u.score(), score);
            text(row, 4, StandingsReport.ratingLabel(u.rating()));
            text(row, 5, StandingsReport.completeLabel(u.complete()));
            number(row, 6, u.targetsMet(), integer);
            number(row, 7, u.womenShare(), percent);
        }
        Row totals = sheet.createRow(r);
        totals.createCell(0).setCellValue(TOTALS_LABEL);
        totals.getCell(0).setCellStyle(totalLabel);
        number(totals, 2, b.units().size(), totalCount);
        number(totals, 3, b.meanScore(), totalScore);
        number(totals, 5, StandingsReport.completeUnits(b), totalCount);
    }

    /** Title row, header row, column widths, frozen panes and print layout; returns the first data row. */
    private int heading(Sheet sheet, String titleText, List<String> headers, int[] widths) {
        Cell t = sheet.createRow(0).createCell(0);
        t.setCellValue(titleText);
        t.setCellStyle(title);
        sheet.getRow(0).setHeightInPoints(24);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, headers.size() - 1));
        Row row = sheet.createRow(1);
        for (int c = 0; c < headers.size(); c++) {
            Cell cell = row.createCell(c);
            cell.setCellValue(headers.get(c));
            cell.setCellStyle(header);
            sheet.setColumnWidth(c, widths[c] * 256);
        }
        sheet.createFreezePane(0, 2);
        sheet.setRepeatingRows(CellRangeAddress.valueOf("1:2"));
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        return 2;
    }

    private String sheetName(String blockCode) {
        String base = WorkbookUtil.createSafeSheetName(blockCode, '_');
        String name = base;
        for (int n = 2; workbook.getSheet(name) != null || "History".equalsIgnoreCase(name); n++) {
            String suffix = " (" + n + ")";
            name = base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - suffix.length())) + suffix;
        }
        return name;
    }

    /** A text cell; none for an empty value. */
    private void text(Row row, int column, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (StandingsReport.looksLikeFormula(value)) {
            cell.setCellStyle(quotedText);
        }
    }

    /** A numeric cell; none for a missing value. */
    private void number(Row row, int column, Number value, CellStyle style) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(style);
    }

    private CellStyle style(Font font, String format) {
        CellStyle s = workbook.createCellStyle();
        if (font != null) {
            s.setFont(font);
        }
        if (format != null) {
            s.setDataFormat(workbook.createDataFormat().getFormat(format));
        }
        return s;
    }
}
