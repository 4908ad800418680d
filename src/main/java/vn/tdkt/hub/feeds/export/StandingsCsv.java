package vn.tdkt.hub.feeds.export;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import vn.tdkt.hub.feeds.StandingsMessage;

/**
 * The standings of one period as one CSV file, for the office's spreadsheets and other systems. Built from the
 * Standings of contracts.md (rulebook section 4). Two {@link Style}s: {@link Style#EXCEL_VN} (the HTTP export's
 * default), which Excel with Vietnamese regional settings opens as columns and numbers ({@code ;} between fields,
 * {@code ,} as decimal mark), and {@link Style#RFC4180} (comma-separated, {@code .} as decimal point), for other
 * programs. Both quote with {@code "} where needed and end lines with CRLF.
 *
 * <p>The file starts with a byte order mark (U+FEFF) so that Excel opens the Vietnamese text as UTF-8; the caller
 * must therefore hand in a UTF-8 writer. Then a header row ({@link #HEADERS}: the block code and block name, then
 * the columns of a block sheet of {@link StandingsWorkbook}) and one row per unit, blocks in the workbook's order
 * (ranked blocks by rank, then the others by code), units in standings order. No title or totals rows, so that the
 * file loads as a plain table.
 *
 * <p>Values: rank and targets met as whole numbers; the score with its 2 decimals and the style's decimal mark
 * (a negative score stays a plain number); the women's share as the fraction 0..1 of the contract, with its 4
 * decimals; the rating as its Vietnamese label; completeness as "Đủ" / "Chưa đủ"; a missing value as an empty field.
 *
 * <p>CSV formula injection: a spreadsheet program opening the file would run a text field that starts with
 * {@code = + - @}, a tab or a carriage return as a formula (e.g. a unit named {@code =HYPERLINK(...)}). Every text
 * field (codes, names, labels) that starts so is written with a leading {@code '}, which makes Excel and
 * LibreOffice show it as text; numeric fields are the hub's own formatting and are written as they are.
 */
public final class StandingsCsv {

    public static final List<String> HEADERS =
            Stream.concat(Stream.of("Mã khối", "Khối thi đua"), StandingsReport.UNIT_HEADERS.stream()).toList();

    /** Field separator and decimal mark of the file. */
    public enum Style {
        /** {@code ;} between fields, {@code ,} as decimal mark: Excel with Vietnamese (vi-VN) regional settings. */
        EXCEL_VN(';', ','),
        /** RFC 4180: {@code ,} between fields, {@code .} as decimal point. */
        RFC4180(',', '.');

        private final char separator;
        private final char decimalMark;

        Style(char separator, char decimalMark) {
            this.separator = separator;
            this.decimalMark = decimalMark;
        }

        public char separator() {
            return separator;
        }

        public char decimalMark() {
            return decimalMark;
        }
    }

    private StandingsCsv() {
    }

    /**
     * Writes the CSV of {@code period} to {@code out}, which is flushed and stays open.
     *
     * @param blocks the Standings of every block of the period, in any order
     * @throws IllegalArgumentException if a block belongs to another period
     */
    public static void write(String period, List<StandingsMessage> blocks, Writer out) throws IOException {
        write(period, blocks, Style.RFC4180, out);
    }

    /**
     * Writes the CSV of {@code period} in {@code style} to {@code out}, which is flushed and stays open.
     *
     * @param blocks the Standings of every block of the period, in any order
     * @throws IllegalArgumentException if a block belongs to another period
     */
    public static void write(String period, List<StandingsMessage> blocks, Style style, Writer out)
            throws IOException {
        List<StandingsMessage> ordered = StandingsReport.ordered(period, blocks);
        out.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setDelimiter(style.separator()).get());
        csv.printRecord(HEADERS);
        for (StandingsMessage b : ordered) {
            for (StandingsMessage.Row u : b.units()) {
                csv.printRecord(text(b.blockCode()), text(b.blockName()), number(u.rank(), style),
                        text(u.unitCode()), text(u.unitName()), number(u.score(), style),
                        text(StandingsReport.ratingLabel(u.rating())),
                        text(StandingsReport.completeLabel(u.complete())), number(u.targetsMet(), style),
                        number(u.womenShare(), style));
            }
        }
        csv.flush();
    }

    /** A text field, neutralised against formula injection. */
    private static String text(String value) {
        if (value == null) {
            return "";
        }
        return StandingsReport.looksLikeFormula(value) ? "'" + value : value;
    }

    private static String number(Number value, Style style) {
        if (value == null) {
            return "";
        }
        String plain = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return plain.replace('.', style.decimalMark());
    }
}
