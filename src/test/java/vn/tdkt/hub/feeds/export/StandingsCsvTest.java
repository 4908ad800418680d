package vn.tdkt.hub.feeds.export;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.feeds.export.ExportFixtures.UNSAFE_CODE;
import static vn.tdkt.hub.feeds.export.ExportFixtures.block;
import static vn.tdkt.hub.feeds.export.ExportFixtures.row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.tdkt.hub.feeds.StandingsMessage;

class StandingsCsvTest {

    private static String csv(List<StandingsMessage> blocks) throws IOException {
        Writer out = new StringWriter();
        StandingsCsv.write("2023", blocks, out);
        return out.toString();
    }

    private static List<List<String>> parse(String text) throws IOException {
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser p = CSVParser.parse(new StringReader(text.substring(1)), CSVFormat.RFC4180)) {
            return p.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    @Test
    void oneRowPerUnitBlocksInReportOrderHostileCellNeutralised() throws IOException {
        String kt = "Khối Kinh tế tổng hợp";
        String vh = "Khối Văn hóa - Xã hội";
        assertThat(parse(csv(ExportFixtures.shuffled()))).containsExactly(
                List.of("Mã khối", "Khối thi đua", "Hạng", "Mã đơn vị", "Đơn vị", "Điểm", "Xếp loại", "Đủ tiêu chí",
                        "Chỉ tiêu đạt", "Tỷ lệ nữ"),
                List.of("KT-TH", kt, "1", "SO-KHDT", "Sở Kế hoạch và Đầu tư", "96.90", "Hoàn thành xuất sắc nhiệm vụ",
                        "Đủ", "2", "0.7093"),
                List.of("KT-TH", kt, "2", "SO-TC", "Sở Tài chính", "88.25", "Hoàn thành tốt nhiệm vụ", "Đủ", "1", ""),
                List.of("KT-TH", kt, "", "SO-CT", "'=HYPERLINK(\"http://x\")", "40.00", "", "Chưa đủ", "0", "0.5000"),
                List.of("VH-XH", vh, "1", "SO-GDDT", "<b>x</b>", "75.50", "Hoàn thành tốt nhiệm vụ", "Đủ", "1",
                        "0.8000"),
                // a negative score is a number, not a formula: written as it is
                List.of("VH-XH", vh, "2", "SO-YT", "Sở Y tế", "-2.50", "Không hoàn thành nhiệm vụ", "Đủ", "0", ""),
                List.of(UNSAFE_CODE, "Khối Nội chính", "", "SO-NV", "Sở Nội vụ", "0.00", "", "Chưa đủ", "0", ""));
    }

    @Test
    void rfc4180QuotingAndLineEnds() throws IOException {
        String text = csv(List.of(ExportFixtures.KT_TH));
        assertThat(text).contains("\r\nKT-TH,Khối Kinh tế tổng hợp,,SO-CT,\"'=HYPERLINK(\"\"http://x\"\")\",40.00,,"
                + "Chưa đủ,0,0.5000\r\n");
        assertThat(text.split("\r\n", -1)).hasSize(1 + 3 + 1); // header, 3 units, nothing after the last CRLF
    }

    @Test
    void utf8WriterStartsWithByteOrderMark() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            StandingsCsv.write("2023", List.of(ExportFixtures.VH_XH), w);
        }
        byte[] b = bytes.toByteArray();
        assertThat(new byte[] {b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(b, StandardCharsets.UTF_8)).contains("Sở Y tế");
    }

    @Test
    void vietnameseExcelStyleUsesSemicolonsAndDecimalCommas() throws IOException {
        Writer out = new StringWriter();
        StandingsCsv.write("2023", ExportFixtures.shuffled(), StandingsCsv.Style.EXCEL_VN, out);
        String text = out.toString();
        assertThat(text).startsWith("\uFEFFMã khối;Khối thi đua;Hạng;Mã đơn vị;");
        List<List<String>> rows;
        try (CSVParser p = CSVParser.parse(new StringReader(text.substring(1)),
                CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
            rows = p.getRecords().stream().map(CSVRecord::toList).toList();
        }
        assertThat(rows).hasSize(1 + 6);
        assertThat(rows.get(1)).containsExactly("KT-TH", "Khối Kinh tế tổng hợp", "1", "SO-KHDT",
                "Sở Kế hoạch và Đầu tư", "96,90", "Hoàn thành xuất sắc nhiệm vụ", "Đủ", "2", "0,7093");
        assertThat(rows.get(5)).containsExactly("VH-XH", "Khối Văn hóa - Xã hội", "2", "SO-YT", "Sở Y tế", "-2,50",
                "Không hoàn thành nhiệm vụ", "Đủ", "0", "");
        // a field holding the separator is quoted
        StandingsMessage semi = block("A;B", "Khối; thử", null, null,
                row(null, "SO-NV", "Sở Nội vụ", "0.00", null, false, 0, null));
        Writer one = new StringWriter();
        StandingsCsv.write("2023", List.of(semi), StandingsCsv.Style.EXCEL_VN, one);
        assertThat(one.toString()).contains("\r\n\"A;B\";\"Khối; thử\";;SO-NV;Sở Nội vụ;0,00;;Chưa đủ;0;\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"})
    void everyFormulaTriggerIsPrefixed(String hostile) throws IOException {
        StandingsMessage b = block(hostile, hostile, null, null,
                row(null, hostile, hostile, "0.00", null, false, 0, null));
        List<String> unit = parse(csv(List.of(b))).get(1);
        String safe = "'" + hostile;
        assertThat(unit).containsExactly(safe, safe, "", safe, safe, "0.00", "", "Chưa đủ", "0", "");
    }
}
