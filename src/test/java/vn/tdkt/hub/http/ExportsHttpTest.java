package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.support.HubHarness.OFFICE_TOKEN;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.export.StandingsWorkbook;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * The period exports over HTTP against a running hub, with a closed period: the workbook's every sheet checked
 * cell by cell against the JSON API, the CSV in both formats parsed, the file names, and the refusals; and the
 * served OpenAPI document against the REST routes of the running hub.
 */
class ExportsHttpTest {

    private static final String XLSX_DISPOSITION = "attachment; filename=\"thi-dua-khen-thuong-nam-2023.xlsx\"; "
            + "filename*=UTF-8''Thi%20%C4%91ua%20khen%20th%C6%B0%E1%BB%9Fng%20n%C4%83m%202023.xlsx";

    /** The units that report; the other units of the blocks are in the standings without a scorecard. */
    private static final List<String> REPORTING = List.of("SO-KHDT", "SO-TC", "SO-CT", "UBND-PL");

    @TempDir
    static Path dir;
    static Hub hub;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startPublishAndClose() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2);
        Topics topics = harness.topics();
        hub = harness.start();
        String at = "2024-01-10T09:00:00+07:00";
        List<Map.Entry<String, byte[]>> records = List.of(
                entry("SO-KHDT", Records.submission("x-khdt", "SO-KHDT", "2023", at, List.of(
                        Records.target("KT1", "6", "7"), Records.target("KT2", "5", "4"), Records.actual("KT3", "10"),
                        Records.actual("XH1", "true"), Records.actual("XH2", "4"), Records.actual("TH1", "1"),
                        Records.actual("TR1", "0")))),
                entry("SO-TC", Records.submission("x-tc", "SO-TC", "2023", at, List.of(
                        Records.target("KT1", "6", "5.3"), Records.target("KT2", "5", "6"), Records.actual("KT3", "4"),
                        Records.actual("XH1", "0"), Records.actual("XH2", "3"), Records.actual("TR1", "2")))),
                // no KT2: incomplete
                entry("SO-CT", Records.submission("x-ct", "SO-CT", "2023", at, List.of(
                        Records.target("KT1", "6", "6"), Records.actual("KT3", "7"), Records.actual("XH1", "true"),
                        Records.actual("XH2", "1")))),
                entry("UBND-PL", Records.submission("x-pl", "UBND-PL", "2023", at, List.of(
                        Records.target("KT1", "8", "9.5"), Records.target("KT2", "3", "2.5"),
                        Records.actual("KT3", "12"),
                        Records.actual("XH1", "true"), Records.actual("XH2", "2"), Records.actual("TR1", "1")))),
                // rejected: two reasons for 2023; one of 2022; one whose period cannot be read
                entry("SO-TC", Records.submission("x-bad-2023", "SO-TC", "2023", at, List.of(
                        Records.actual("TH9", "1"), Records.actual("XH2", "-3")))),
                entry("SO-TC", Records.submission("x-bad-2022", "SO-TC", "2022", at, List.of(
                        Records.actual("TH9", "1")))),
                entry("SO-CT", "nope"));
        TestKafka.publish(topics.results(), records);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(json(get("/api/rejections"))).extracting(n -> n.get("submissionId").asText())
                    .containsExactlyInAnyOrder("x-bad-2023", "x-bad-2022", "null");
            for (String unit : REPORTING) {
                assertThat(get("/api/periods/2023/units/" + unit).statusCode()).as(unit).isEqualTo(200);
            }
        });
        var close = post("/api/commands", "{\"commandId\":\"x-close\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2023\"}");
        assertThat(close.statusCode()).isEqualTo(200);
        // the letters go out on their own; compare once none is waiting
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode letters = json(get("/api/letters?period=2023"));
            return letters.size() > 0 && StreamSupport.stream(letters.spliterator(), false)
                    .allMatch(l -> List.of("SENT", "FAILED").contains(l.get("status").asText()));
        });
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void workbookSheetsMatchTheApi() throws IOException {
        JsonNode standings = json(get("/api/periods/2023/standings"));
        var xlsx = get("/api/periods/2023/export.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValue(XLSX_DISPOSITION);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            List<String> expected = new ArrayList<>(List.of(StandingsWorkbook.SUMMARY_SHEET));
            standings.forEach(b -> expected.add(b.get("blockCode").asText()));
            expected.addAll(List.of(StandingsWorkbook.AWARDS_SHEET, StandingsWorkbook.DETAIL_SHEET,
                    StandingsWorkbook.REJECTIONS_SHEET));
            assertThat(names).containsExactlyElementsOf(expected);
            for (Sheet s : wb) {
                assertThat(((XSSFSheet) s).getCTWorksheet().isSetAutoFilter()).as(s.getSheetName()).isTrue();
                assertThat(((XSSFSheet) s).getCTWorksheet().getAutoFilter().getRef()).as(s.getSheetName())
                        .startsWith("A2:");
                assertThat(s.getPaneInformation().isFreezePane()).as(s.getSheetName()).isTrue();
                assertThat((int) s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo(2);
            }

            Sheet summary = wb.getSheet(StandingsWorkbook.SUMMARY_SHEET);
            for (int i = 0; i < standings.size(); i++) {
                JsonNode b = standings.get(i);
                Row row = summary.getRow(2 + i);
                assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(b.get("blockRank").asDouble());
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(b.get("blockCode").asText());
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(b.get("blockName").asText());
                assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(b.get("units").size());
                assertThat(decimal(row.getCell(5))).isEqualByComparingTo(b.get("meanScore").decimalValue());
                Sheet block = wb.getSheet(b.get("blockCode").asText());
                for (int u = 0; u < b.get("units").size(); u++) {
                    JsonNode unit = b.get("units").get(u);
                    Row r = block.getRow(2 + u);
                    assertThat(text(r.getCell(1))).isEqualTo(unit.get("unitCode").asText());
                    assertThat(text(r.getCell(2))).isEqualTo(unit.get("unitName").asText());
                    assertThat(decimal(r.getCell(3))).isEqualByComparingTo(unit.get("score").decimalValue());
                    assertThat(text(r.getCell(5))).isEqualTo(unit.get("complete").asBoolean() ? "Đủ" : "Chưa đủ");
                    if (unit.get("rank").isNull()) {
                        assertThat(r.getCell(0)).isNull();
                    } else {
                        assertThat(r.getCell(0).getNumericCellValue()).isEqualTo(unit.get("rank").asDouble());
                    }
                }
                assertThat(text(block.getRow(2 + b.get("units").size()).getCell(0)))
                        .isEqualTo(StandingsWorkbook.TOTALS_LABEL);
            }

            assertAwardsMatch(wb.getSheet(StandingsWorkbook.AWARDS_SHEET), json(get("/api/periods/2023/awards")),
                    json(get("/api/letters?period=2023")));
            assertDetailMatches(wb.getSheet(StandingsWorkbook.DETAIL_SHEET), standings);
            assertRejectionsMatch(wb.getSheet(StandingsWorkbook.REJECTIONS_SHEET), json(get("/api/rejections")));
        }
    }

    private static void assertAwardsMatch(Sheet sheet, JsonNode awards, JsonNode letters) {
        assertThat(awards.size()).as("awards decided").isGreaterThan(0);
        for (int i = 0; i < awards.size(); i++) {
            JsonNode a = awards.get(i).get("award");
            JsonNode letter = awards.get(i).get("letter");
            Row row = sheet.getRow(2 + i);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(i + 1);
            assertThat(text(row.getCell(1))).isEqualTo(a.get("awardId").asText());
            assertThat(text(row.getCell(2))).isEqualTo(a.get("awardName").asText());
            assertThat(text(row.getCell(5))).isEqualTo(a.get("recipientName").asText());
            assertThat(text(row.getCell(6))).isEqualTo(a.get("unitCode").asText());
            assertThat(text(row.getCell(7))).isEqualTo(a.get("blockCode").asText());
            assertThat(text(row.getCell(9))).isEqualTo(letter.isNull() ? "" : letter.get("letterNumber").asText());
            String letterState = letter.isNull() ? null : letter.get("status").asText();
            assertThat(text(row.getCell(10))).isEqualTo(letterState == null
                    ? ("WITHHELD".equals(a.get("status").asText()) ? "Không gửi thông báo" : "Chưa gửi")
                    : switch (letterState) {
                        case "SENT" -> "Đã gửi";
                        case "FAILED" -> "Gửi không thành công";
                        case "SENDING" -> "Đang gửi";
                        default -> "Chưa gửi";
                    });
            assertThat(text(row.getCell(11))).isEqualTo(a.get("reason").get("rule").asText()).isNotEmpty();
            assertThat(text(row.getCell(12))).isEqualTo(a.get("reason").get("legalBasis").asText()).isNotEmpty();
            List<String> facts = new ArrayList<>();
            a.get("reason").get("facts").fields()
                    .forEachRemaining(f -> facts.add(f.getKey() + ": " + fact(f.getValue())));
            assertThat(text(row.getCell(13))).isEqualTo(String.join("; ", facts));
        }
        assertThat(sheet.getRow(2 + awards.size())).isNull();
        assertThat((long) letters.size()).isGreaterThanOrEqualTo(awards.size() - countWithheld(awards));
    }

    /** As the clerk reads a fact: a number as written, text as is, null blank, a list or object as JSON. */
    private static String fact(JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        if (v.isNumber()) {
            return v.decimalValue().toPlainString();
        }
        return v.isContainerNode() ? v.toString() : v.asText();
    }

    private static long countWithheld(JsonNode awards) {
        return StreamSupport.stream(awards.spliterator(), false)
                .filter(a -> "WITHHELD".equals(a.get("award").get("status").asText())).count();
    }

    /** Every unit of the standings, in their order: its scorecard's lines, then its missing criteria. */
    private static void assertDetailMatches(Sheet sheet, JsonNode standings) {
        int r = 2;
        for (JsonNode block : standings) {
            for (JsonNode unit : block.get("units")) {
                String code = unit.get("unitCode").asText();
                var answer = get("/api/periods/2023/units/" + code);
                if (answer.statusCode() == 404) {
                    assertThat(REPORTING).doesNotContain(code);
                    continue;
                }
                JsonNode card = json(answer);
                for (JsonNode line : card.get("criteria")) {
                    Row row = sheet.getRow(r++);
                    assertThat(text(row.getCell(0))).isEqualTo(card.get("blockCode").asText());
                    assertThat(text(row.getCell(1))).isEqualTo(code);
                    assertThat(text(row.getCell(2))).isEqualTo(card.get("unitName").asText());
                    assertThat(text(row.getCell(3))).isEqualTo(line.get("criterion").asText());
                    assertThat(text(row.getCell(4))).as("criterion name from the registry").isNotEmpty();
                    assertThat(decimal(row.getCell(6))).isEqualByComparingTo(line.get("maxPoints").decimalValue());
                    assertNumberOrBlank(row.getCell(7), line.get("target"));
                    JsonNode actual = line.get("actual");
                    if (actual.isBoolean()) {
                        assertThat(text(row.getCell(8))).isEqualTo(actual.asBoolean() ? "Đạt" : "Không đạt");
                    } else {
                        assertNumberOrBlank(row.getCell(8), actual);
                    }
                    assertNumberOrBlank(row.getCell(9), line.get("ratio"));
                    assertThat(decimal(row.getCell(10))).isEqualByComparingTo(line.get("points").decimalValue());
                }
                for (JsonNode missing : card.get("missingCriteria")) {
                    Row row = sheet.getRow(r++);
                    assertThat(text(row.getCell(1))).isEqualTo(code);
                    assertThat(text(row.getCell(3))).isEqualTo(missing.asText());
                    assertThat(text(row.getCell(11))).isEqualTo(StandingsWorkbook.NOT_REPORTED);
                }
            }
        }
        assertThat(r).as("SO-CT misses KT2").isGreaterThan(2 + 4 * 4);
        assertThat(sheet.getRow(r)).isNull();
    }

    /** The period's rejections only (not 2022's, not the unreadable record), one row per reason. */
    private static void assertRejectionsMatch(Sheet sheet, JsonNode all) {
        int r = 2;
        Set<String> seen = new HashSet<>();
        for (JsonNode rejection : all) {
            if (!"x-bad-2023".equals(rejection.get("submissionId").asText())) {
                continue;
            }
            for (JsonNode reason : rejection.get("reasons")) {
                Row row = sheet.getRow(r++);
                // the same instant (the API's JSON drops a trailing zero of the milliseconds, the sheet keeps three)
                assertThat(java.time.OffsetDateTime.parse(text(row.getCell(0))))
                        .isEqualTo(java.time.OffsetDateTime.parse(rejection.get("rejectedAt").asText()));
                assertThat(text(row.getCell(1))).isEqualTo("x-bad-2023");
                assertThat(text(row.getCell(2))).isEqualTo(rejection.get("unitCode").asText());
                assertThat(text(row.getCell(3))).isEqualTo(reason.get("code").asText());
                assertThat(text(row.getCell(4))).isEqualTo(reason.get("field").asText());
                assertThat(text(row.getCell(5))).isEqualTo(reason.get("message").asText());
                seen.add(reason.get("code").asText());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("UNKNOWN_CRITERION", "INVALID_VALUE");
        assertThat(sheet.getRow(r)).isNull();
    }

    @Test
    void csvForVietnameseExcelByDefaultAndRfc4180OnRequest() throws IOException {
        JsonNode standings = json(get("/api/periods/2023/standings"));
        var vn = get("/api/periods/2023/export.csv");
        assertThat(vn.statusCode()).isEqualTo(200);
        assertThat(vn.headers().firstValue("Content-Type")).hasValue("text/csv; charset=UTF-8");
        String disposition = vn.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).isEqualTo("attachment; filename=\"thi-dua-khen-thuong-nam-2023.csv\"; "
                + "filename*=UTF-8''Thi%20%C4%91ua%20khen%20th%C6%B0%E1%BB%9Fng%20n%C4%83m%202023.csv");
        String encoded = disposition.substring(disposition.indexOf("UTF-8''") + 7);
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("Thi đua khen thưởng năm 2023.csv");
        assertThat(new byte[] {vn.body()[0], vn.body()[1], vn.body()[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        assertCsvMatches(parse(vn.body(), ';'), standings, ',');

        var rfc = get("/api/periods/2023/export.csv?format=rfc4180");
        assertThat(rfc.statusCode()).isEqualTo(200);
        assertCsvMatches(parse(rfc.body(), ','), standings, '.');
        assertThat(get("/api/periods/2023/export.csv?format=excel-vn").body()).isEqualTo(vn.body());
    }

    private static void assertCsvMatches(List<CSVRecord> rows, JsonNode standings, char decimalMark) {
        assertThat(rows.get(0).toList()).startsWith("Mã khối", "Khối thi đua", "Hạng", "Mã đơn vị", "Đơn vị", "Điểm");
        Iterator<CSVRecord> it = rows.subList(1, rows.size()).iterator();
        int units = 0;
        for (JsonNode block : standings) {
            for (JsonNode unit : block.get("units")) {
                CSVRecord row = it.next();
                assertThat(row.size()).isEqualTo(10);
                assertThat(row.get(0)).isEqualTo(block.get("blockCode").asText());
                assertThat(row.get(3)).isEqualTo(unit.get("unitCode").asText());
                assertThat(row.get(4)).isEqualTo(unit.get("unitName").asText());
                assertThat(row.get(5)).isEqualTo(unit.get("score").decimalValue().toPlainString()
                        .replace('.', decimalMark));
                units++;
            }
        }
        assertThat(it.hasNext()).isFalse();
        assertThat(units).isEqualTo(unitsIn(standings)).isGreaterThanOrEqualTo(REPORTING.size());
    }

    @Test
    void badFormatUnknownPeriodAndJsonAnswersWithoutFileName() {
        var bad = get("/api/periods/2023/export.csv?format=excel");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode reason = json(bad);
        assertThat(reason.get("status").asText()).isEqualTo("BAD_REQUEST");
        assertThat(reason.get("message").asText()).contains("Tham số format không hợp lệ", "\"excel\"", "rfc4180",
                "excel-vn");
        assertThat(bad.headers().firstValue("Content-Disposition")).isEmpty();

        assertThat(get("/api/periods/2031/export.xlsx").statusCode()).isEqualTo(404);
        assertThat(get("/api/periods/2031/export.csv").statusCode()).isEqualTo(404);
        var periods = get("/api/periods");
        assertThat(periods.statusCode()).isEqualTo(200);
        assertThat(periods.headers().firstValue("Content-Disposition")).isEmpty();
    }

    @Test
    void everyRestRouteOfTheRunningHubIsInTheServedOpenApiDocument() throws IOException {
        Map<String, String> running = new TreeMap<>();
        for (RestDefinition rest : ((ModelCamelContext) hub.camelContext()).getRestDefinitions()) {
            String base = rest.getPath() == null ? "" : rest.getPath();
            for (VerbDefinition verb : rest.getVerbs()) {
                running.put(verb.asVerb().toUpperCase() + " " + base + verb.getPath(), verb.getId());
            }
        }
        assertThat(running).containsEntry("GET /api/verify/{code}", "api-get-verify")
                .containsEntry("POST /api/letters/{awardId}/resend", "api-post-resend")
                .containsAllEntriesOf(OpenApiDocumentTest.restRoutes());
        running.putAll(OpenApiDocumentTest.NOT_REST);
        var served = get("/api/openapi.json");
        assertThat(new String(served.body(), StandardCharsets.UTF_8)).isEqualTo(OpenApiDocumentTest.document());
        assertThat(new TreeMap<>(OpenApiDocumentTest.documented(OpenApiDocumentTest.parsed()))).isEqualTo(running);
    }

    private static int unitsIn(JsonNode standings) {
        int n = 0;
        for (JsonNode b : standings) {
            n += b.get("units").size();
        }
        return n;
    }

    private static List<CSVRecord> parse(byte[] body, char separator) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        try (CSVParser p = CSVParser.parse(new StringReader(text.substring(1)),
                CSVFormat.RFC4180.builder().setDelimiter(separator).get())) {
            return p.getRecords();
        }
    }

    private static void assertNumberOrBlank(Cell cell, JsonNode value) {
        if (value == null || value.isNull()) {
            assertThat(cell == null || cell.getCellType() == CellType.BLANK).isTrue();
        } else {
            assertThat(decimal(cell)).isEqualByComparingTo(value.decimalValue());
        }
    }

    private static BigDecimal decimal(Cell cell) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return BigDecimal.valueOf(cell.getNumericCellValue());
    }

    private static String text(Cell cell) {
        return cell == null ? "" : cell.getStringCellValue();
    }

    private static Map.Entry<String, byte[]> entry(String key, String value) {
        return Map.entry(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        return Json.read(new String(r.body(), StandardCharsets.UTF_8), JsonNode.class);
    }

    /** GET with the office's credential (the reads need none today; harmless if they come to need one). */
    private static HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(hub.httpBase() + path)).GET());
    }

    private static HttpResponse<byte[]> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(hub.httpBase() + path))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder b) {
        try {
            return CLIENT.send(b.header("Authorization", "Bearer " + OFFICE_TOKEN).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
