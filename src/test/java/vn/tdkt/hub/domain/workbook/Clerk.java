package vn.tdkt.hub.domain.workbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Fills a downloaded results template with POI, as a clerk would in Excel: finds rows by their labels. */
public final class Clerk {

    private final XSSFWorkbook wb;

    private Clerk(byte[] template) {
        try {
            wb = new XSSFWorkbook(new ByteArrayInputStream(template));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Clerk open(byte[] template) {
        return new Clerk(template);
    }

    public static byte[] filled(byte[] template, Consumer<Clerk> work) {
        Clerk clerk = open(template);
        work.accept(clerk);
        return clerk.save();
    }

    /** The row of a criterion code or members label in column A of "Kết quả". */
    public Row row(String label) {
        Sheet sh = wb.getSheet(WorkbookLayout.RESULTS_SHEET);
        for (Row r : sh) {
            Cell a = r.getCell(0);
            if (r.getRowNum() > WorkbookLayout.HEADER_ROW && a != null && label.equals(a.getStringCellValue())) {
                return r;
            }
        }
        throw new IllegalArgumentException("no row " + label);
    }

    public Clerk actual(String criterion, double value) {
        row(criterion).getCell(WorkbookLayout.COL_ACTUAL).setCellValue(value);
        return this;
    }

    public Clerk actual(String criterion, String text) {
        row(criterion).getCell(WorkbookLayout.COL_ACTUAL).setCellValue(text);
        return this;
    }

    public Clerk target(String criterion, double target, double actual) {
        row(criterion).getCell(WorkbookLayout.COL_TARGET).setCellValue(target);
        return actual(criterion, actual);
    }

    public Clerk formula(String criterion, String formula) {
        row(criterion).getCell(WorkbookLayout.COL_ACTUAL).setCellFormula(formula);
        return this;
    }

    public Clerk members(int total, int women) {
        row(WorkbookLayout.MEMBERS_TOTAL_LABEL).getCell(WorkbookLayout.COL_ACTUAL).setCellValue(total);
        row(WorkbookLayout.MEMBERS_WOMEN_LABEL).getCell(WorkbookLayout.COL_ACTUAL).setCellValue(women);
        return this;
    }

    /** Writes one row of the nominees sheet (index 0 is the first row under the header); null leaves a cell empty. */
    public Clerk nomineeRow(int index, String... values) {
        Row r = wb.getSheet(WorkbookLayout.NOMINEES_SHEET).getRow(WorkbookLayout.FIRST_NOMINEE_ROW + index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                r.getCell(c).setCellValue(values[c]);
            }
        }
        return this;
    }

    /** Changes a metadata value (0 kind, 1 version, 2 period, 3 unit). */
    public Clerk meta(int row, String value) {
        wb.getSheet(WorkbookLayout.META_SHEET).getRow(row).getCell(1).setCellValue(value);
        return this;
    }

    public XSSFWorkbook workbook() {
        return wb;
    }

    public byte[] save() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.write(out);
            wb.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The results of the e2e tests for SO-KHDT (test registry, 2023), the same as HttpApiTest's JSON. */
    public static void khdtResults(Clerk c) {
        c.target("KT1", 6, 5.3).target("KT2", 5, 4).actual("KT3", 10).actual("XH1", WorkbookLayout.PASS)
                .actual("XH2", 3).actual("TH1", 1).actual("TR1", 2);
    }
}
