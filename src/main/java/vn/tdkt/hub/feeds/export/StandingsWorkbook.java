package vn.tdkt.hub.feeds.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.Rejection;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.feeds.UnitScoreMessage;

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
 * The office's full workbook ({@link #write(PeriodExport, OutputStream)}) has three more sheets after the blocks:
 * <ul>
 *   <li>{@value #AWARDS_SHEET}: one row per award in decision order ({@link #AWARD_HEADERS}): number, award id,
 *       award, status, recipient type, recipient, unit, block and staff codes, letter number and letter state,
 *       the rule that decided it [lý do], its legal basis [căn cứ pháp lý] and the figures used (the reason's
 *       {@code facts} as "key: value; …").</li>
 *   <li>{@value #DETAIL_SHEET}: one row per criterion of every unit's scorecard ({@link #DETAIL_HEADERS}), units in
 *       the order of the block sheets (then any unit not in the standings, by code), criteria in scorecard order;
 *       then one row per criterion the unit has not reported, noted "Chưa báo cáo". Targets, actuals, ratios and
 *       points are numeric cells; a PASS_FAIL actual is "Đạt" / "Không đạt".</li>
 *   <li>{@value #REJECTIONS_SHEET}: one row per reason of every rejected record of the period, newest record
 *       first ({@link #REJECTION_HEADERS}).</li>
 * </ul>
 * Every sheet has a title row, a bold header row with an autofilter over the header and the data rows (not the
 * totals row), set column widths, panes frozen under the header, and prints landscape, one page wide, with the
 * title and header rows repeated on every page.
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
    public static final String AWARDS_SHEET = "Khen thưởng";
    public static final String DETAIL_SHEET = "Chi tiết tiêu chí";
    public static final String REJECTIONS_SHEET = "Hồ sơ bị từ chối";
    public static final List<String> AWARD_HEADERS = List.of("STT", "Mã khen thưởng", "Hình thức khen thưởng",
            "Trạng thái", "Đối tượng", "Tên tập thể / cá nhân", "Mã đơn vị", "Mã khối", "Mã cán bộ", "Số thông báo",
            "Thông báo", "Lý do", "Căn cứ pháp lý", "Số liệu xét");
    public static final List<String> DETAIL_HEADERS = List.of("Mã khối", "Mã đơn vị", "Đơn vị", "Mã tiêu chí",
            "Tiêu chí", "Phương pháp chấm", "Điểm tối đa", "Chỉ tiêu", "Thực hiện", "Tỷ lệ", "Điểm", "Ghi chú");
    public static final List<String> REJECTION_HEADERS = List.of("Thời điểm", "Mã bản ghi", "Mã đơn vị", "Mã lỗi",
            "Trường", "Lý do");
    /** The note of a criterion a unit has not reported. */
    public static final String NOT_REPORTED = "Chưa báo cáo";

    /** Names of the sheets other than the blocks', which a block's sheet name must not take. */
    private static final List<String> FIXED_SHEETS = List.of(SUMMARY_SHEET, AWARDS_SHEET, DETAIL_SHEET,
            REJECTIONS_SHEET, "History");
    private static final int[] AWARD_WIDTHS = {6, 30, 30, 16, 12, 36, 14, 12, 12, 18, 18, 60, 60, 50};
    private static final int[] DETAIL_WIDTHS = {12, 14, 36, 10, 46, 22, 10, 10, 10, 10, 10, 14};
    private static final int[] REJECTION_WIDTHS = {30, 26, 14, 22, 26, 70};

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
    private final CellStyle decimal;
    private final CellStyle wrapped;

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
        decimal = style(null, "General");
        wrapped = style(null, null);
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(VerticalAlignment.TOP);
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
            w.standings(period, ordered);
            workbook.write(out);
        }
    }

    /**
     * Writes the office's full workbook of a period to {@code out} (which stays open): the standings sheets as
     * {@link #write(String, List, OutputStream)}, then {@value #AWARDS_SHEET}, {@value #DETAIL_SHEET} and
     * {@value #REJECTIONS_SHEET} (each with its header row even when empty).
     *
     * @throws IllegalArgumentException if a block belongs to another period
     */
    public static void write(PeriodExport export, OutputStream out) throws IOException {
        List<StandingsMessage> ordered = StandingsReport.ordered(export.period(), export.blocks());
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            StandingsWorkbook w = new StandingsWorkbook(workbook);
            w.standings(export.period(), ordered);
            w.awards(export);
            w.detail(export, ordered);
            w.rejections(export);
            workbook.write(out);
        }
    }

    private void standings(String period, List<StandingsMessage> ordered) {
        summary(period, ordered);
        for (StandingsMessage block : ordered) {
            block(period, block);
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
        filter(sheet, r, SUMMARY_HEADERS.size());
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
        filter(sheet, r, StandingsReport.UNIT_HEADERS.size());
        Row totals = sheet.createRow(r);
        totals.createCell(0).setCellValue(TOTALS_LABEL);
        totals.getCell(0).setCellStyle(totalLabel);
        number(totals, 2, b.units().size(), totalCount);
        number(totals, 3, b.meanScore(), totalScore);
        number(totals, 5, StandingsReport.completeUnits(b), totalCount);
    }

    private void awards(PeriodExport export) {
        Sheet sheet = workbook.createSheet(AWARDS_SHEET);
        int r = heading(sheet, "Danh sách khen thưởng năm " + export.period(), AWARD_HEADERS, AWARD_WIDTHS);
        int n = 0;
        for (PeriodExport.AwardLine line : export.awards()) {
            AwardEventMessage a = line.award();
            Row row = sheet.createRow(r++);
            number(row, 0, ++n, integer);
            text(row, 1, a.awardId());
            text(row, 2, a.awardName());
            text(row, 3, StandingsReport.awardStatusLabel(a.status()));
            text(row, 4, StandingsReport.recipientTypeLabel(a.recipientType()));
            text(row, 5, a.recipientName());
            text(row, 6, a.unitCode());
            text(row, 7, a.blockCode());
            text(row, 8, a.staffCode());
            text(row, 9, line.letterNumber());
            text(row, 10, StandingsReport.letterStatusLabel(a.status(), line.letterStatus()));
            if (a.reason() != null) {
                wrappedText(row, 11, a.reason().rule());
                wrappedText(row, 12, a.reason().legalBasis());
                wrappedText(row, 13, StandingsReport.facts(a.reason().facts()));
            }
        }
        filter(sheet, r, AWARD_HEADERS.size());
    }

    private void detail(PeriodExport export, List<StandingsMessage> ordered) {
        Sheet sheet = workbook.createSheet(DETAIL_SHEET);
        int r = heading(sheet, "Chi tiết điểm theo tiêu chí năm " + export.period(), DETAIL_HEADERS, DETAIL_WIDTHS);
        Map<String, UnitScoreMessage> cards = new LinkedHashMap<>();
        export.scorecards().stream().sorted(Comparator.comparing(UnitScoreMessage::unitCode))
                .forEach(c -> cards.put(c.unitCode(), c));
        List<UnitScoreMessage> inOrder = new ArrayList<>();
        for (StandingsMessage b : ordered) {
            for (StandingsMessage.Row u : b.units()) {
                UnitScoreMessage card = cards.remove(u.unitCode());
                if (card != null) {
                    inOrder.add(card);
                }
            }
        }
        inOrder.addAll(cards.values());
        for (UnitScoreMessage card : inOrder) {
            for (UnitScoreMessage.Line line : card.criteria()) {
                Row row = unitColumns(sheet.createRow(r++), card);
                text(row, 3, line.criterion());
                text(row, 4, export.criterionName(card.blockCode(), line.criterion()));
                text(row, 5, line.method() == null ? null : StandingsReport.methodLabel(line.method().name()));
                number(row, 6, line.maxPoints(), decimal);
                number(row, 7, line.target(), decimal);
                if (line.actual() instanceof Boolean passed) {
                    text(row, 8, passed ? "Đạt" : "Không đạt");
                } else if (line.actual() instanceof Number actual) {
                    number(row, 8, actual, decimal);
                }
                number(row, 9, line.ratio(), decimal);
                number(row, 10, line.points(), score);
            }
            for (String missing : card.missingCriteria() == null ? List.<String>of() : card.missingCriteria()) {
                Row row = unitColumns(sheet.createRow(r++), card);
                text(row, 3, missing);
                text(row, 4, export.criterionName(card.blockCode(), missing));
                text(row, 11, NOT_REPORTED);
            }
        }
        filter(sheet, r, DETAIL_HEADERS.size());
    }

    private Row unitColumns(Row row, UnitScoreMessage card) {
        text(row, 0, card.blockCode());
        text(row, 1, card.unitCode());
        text(row, 2, card.unitName());
        return row;
    }

    private void rejections(PeriodExport export) {
        Sheet sheet = workbook.createSheet(REJECTIONS_SHEET);
        int r = heading(sheet, "Hồ sơ, bản ghi bị từ chối năm " + export.period(), REJECTION_HEADERS,
                REJECTION_WIDTHS);
        for (Rejection rejection : export.rejections()) {
            for (Reason reason : rejection.reasons()) {
                Row row = sheet.createRow(r++);
                text(row, 0, rejection.rejectedAt() == null ? null : rejection.rejectedAt().toString());
                text(row, 1, rejection.submissionId());
                text(row, 2, rejection.unitCode());
                text(row, 3, reason.code() == null ? null : reason.code().name());
                text(row, 4, reason.field());
                wrappedText(row, 5, reason.message());
            }
        }
        filter(sheet, r, REJECTION_HEADERS.size());
    }

    /** An autofilter over the header row and the data rows up to {@code end} (exclusive). */
    private static void filter(Sheet sheet, int end, int columns) {
        sheet.setAutoFilter(new CellRangeAddress(1, Math.max(1, end - 1), 0, columns - 1));
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
        for (int n = 2; workbook.getSheet(name) != null || reserved(name); n++) {
            String suffix = " (" + n + ")";
            name = base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - suffix.length())) + suffix;
        }
        return name;
    }

    private static boolean reserved(String name) {
        return FIXED_SHEETS.stream().anyMatch(name::equalsIgnoreCase);
    }

    /** A text cell that wraps (long reasons); none for an empty value. */
    private void wrappedText(Row row, int column, String value) {
        text(row, column, value);
        Cell cell = row.getCell(column);
        if (cell != null && !StandingsReport.looksLikeFormula(value)) {
            cell.setCellStyle(wrapped);
        }
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
