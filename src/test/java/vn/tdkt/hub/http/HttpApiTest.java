package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.support.HubHarness.KHDT_TOKEN;
import static vn.tdkt.hub.support.HubHarness.OFFICE_TOKEN;
import static vn.tdkt.hub.support.Http.json;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.feeds.export.StandingsWorkbook;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Every endpoint of the hub's HTTP face against a running hub (real broker, real HTTP server), including the
 * authentication failures and bad bodies; the tests run in order on one hub (they build on each other).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiTest {

    @TempDir
    static Path dir;
    static Hub hub;
    static Http http;
    static Topics topics;

    static final String KHDT = Records.submission("http-1", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00", List.of(
            Records.target("KT1", "6", "5.3"), Records.target("KT2", "5", "4"), Records.actual("KT3", "10"),
            Records.actual("XH1", "true"), Records.actual("XH2", "3"), Records.actual("TH1", "1"),
            Records.actual("TR1", "2")));

    @BeforeAll
    static void start() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2);
        topics = harness.topics();
        hub = harness.start();
        http = new Http(hub.httpBase(), OFFICE_TOKEN);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    @Order(1)
    void periodsHealthAndOpenApi() {
        assertThat(json(http.get("/api/periods"))).extracting(n -> n.get("period").asText())
                .containsExactly("2023", "2022", "2021");
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        var ready = http.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("database").asText()).isEqualTo("UP");
        JsonNode openapi = json(http.get("/api/openapi.json"));
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.get("paths").has("/api/submissions")).isTrue();
    }

    @Test
    @Order(2)
    void submissionsNeedTheRightCredential() {
        var none = http.post("/api/submissions", null, KHDT);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("reasons").get(0).get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(http.post("/api/submissions", "wrong-token", KHDT).statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Authorization")).isEmpty();

        String forOtherUnit = KHDT.replace("\"SO-KHDT\"", "\"UBND-PL\"").replace("http-1", "http-2");
        var other = http.post("/api/submissions", KHDT_TOKEN, forOtherUnit);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).get("reasons").get(0).get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(json(other).get("reasons").get(0).get("message").asText()).contains("UBND-PL");
    }

    @Test
    @Order(3)
    void badBodiesAreRefusedWithReasonsAndNothingIsWritten() {
        var malformed = http.post("/api/submissions", KHDT_TOKEN, "{\"submissionId\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("reasons").get(0).get("code").asText()).isEqualTo("MALFORMED_JSON");
        String bad = KHDT.replace("\"KT3\"", "\"KT9\"").replace("\"actual\":3", "\"actual\":-3");
        var invalid = http.post("/api/submissions", KHDT_TOKEN, bad);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("reasons")).extracting(r -> r.get("code").asText())
                .contains("UNKNOWN_CRITERION", "INVALID_VALUE");
        assertThat(TestKafka.readAll(topics.results(), Duration.ofMillis(500))).as("nothing published").isEmpty();
    }

    @Test
    @Order(4)
    void aGoodSubmissionIsPublishedScoredAndThenADuplicate() {
        var accepted = http.post("/api/submissions", KHDT_TOKEN, KHDT);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).get("status").asText()).isEqualTo("PUBLISHED");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/periods/2023/units/SO-KHDT").statusCode() == 200);
        JsonNode card = json(http.get("/api/periods/2023/units/SO-KHDT"));
        // worked by hand in IntakeServiceTest: alone in its block, 78.75
        assertThat(card.get("score").asText()).isEqualTo("78.75");
        JsonNode kt1 = card.get("criteria").get(0);
        assertThat(kt1.get("target").asText()).isEqualTo("6");
        assertThat(kt1.get("actual").asText()).isEqualTo("5.3");
        assertThat(kt1.get("ratio").asText()).isEqualTo("0.8833");
        assertThat(kt1.get("points").asText()).isEqualTo("13.25");
        assertThat(http.get("/api/periods/2023/units/SO-CT").statusCode()).isEqualTo(404);

        var again = http.post("/api/submissions", KHDT_TOKEN, KHDT);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asText()).isEqualTo("DUPLICATE");
        JsonNode standings = json(http.get("/api/periods/2023/standings"));
        assertThat(standings).hasSize(1);
        assertThat(standings.get(0).get("units").get(0).get("unitCode").asText()).isEqualTo("SO-KHDT");
    }

    @Test
    @Order(5)
    void httpAndKafkaSubmissionsScoreTheSame() {
        // the same unit and content for 2022, through Kafka: alone in its block too, so the same card
        String viaKafka = KHDT.replace("http-1", "kafka-1").replace("\"2023\"", "\"2022\"");
        TestKafka.publish(topics.results(), List.of(Map.entry("SO-KHDT", viaKafka.getBytes(StandardCharsets.UTF_8))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/periods/2022/units/SO-KHDT").statusCode() == 200);
        JsonNode http23 = json(http.get("/api/periods/2023/units/SO-KHDT"));
        JsonNode kafka22 = json(http.get("/api/periods/2022/units/SO-KHDT"));
        assertThat(kafka22.get("criteria")).isEqualTo(http23.get("criteria"));
        assertThat(kafka22.get("score")).isEqualTo(http23.get("score"));
        assertThat(kafka22.get("rating")).isEqualTo(http23.get("rating"));
    }

    @Test
    @Order(6)
    void rejectionsCanBeFilteredByUnitAndReason() {
        String bad = Records.submission("bad-1", "SO-TC", "2023", "2024-01-10T09:00:00+07:00",
                List.of(Records.actual("TH9", "1")));
        TestKafka.publish(topics.results(), List.of(Map.entry("SO-TC", bad.getBytes(StandardCharsets.UTF_8)),
                Map.entry("SO-CT", "nope".getBytes(StandardCharsets.UTF_8))));
        await().atMost(Duration.ofSeconds(30)).until(() -> json(http.get("/api/rejections")).size() == 2);
        JsonNode byUnit = json(http.get("/api/rejections?unit=SO-TC"));
        assertThat(byUnit).hasSize(1);
        assertThat(byUnit.get(0).get("reasons").get(0).get("code").asText()).isEqualTo("UNKNOWN_CRITERION");
        assertThat(byUnit.get(0).has("original")).isFalse();
        assertThat(json(http.get("/api/rejections?reason=MALFORMED_JSON"))).extracting(n -> n.get("unitCode").asText())
                .containsExactly("SO-CT");
        assertThat(json(http.get("/api/rejections?reason=PERIOD_CLOSED"))).isEmpty();
        assertThat(json(http.get("/api/rejections?limit=1"))).hasSize(1);
        var badLimit = http.get("/api/rejections?limit=abc");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json(badLimit).get("reasons").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(json(badLimit).get("reasons").get(0).get("message").asText()).contains("số nguyên");
    }

    @Test
    @Order(7)
    void commandsNeedTheOfficeAndShareTheCommandPath() {
        String hold = "{\"commandId\":\"http-h1\",\"type\":\"HOLD\",\"period\":\"2023\",\"unitCode\":\"SO-TC\"}";
        assertThat(http.post("/api/commands", null, hold).statusCode()).isEqualTo(401);
        assertThat(http.post("/api/commands", KHDT_TOKEN, hold).statusCode()).isEqualTo(403);
        var unknownType = http.post("/api/commands", OFFICE_TOKEN, hold.replace("HOLD", "PROMOTE"));
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(json(unknownType).get("reasons").get(0).get("code").asText()).isEqualTo("INVALID_VALUE");
        assertThat(json(http.post("/api/commands", OFFICE_TOKEN, hold)).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(json(http.post("/api/commands", OFFICE_TOKEN, hold)).get("status").asText()).isEqualTo("DUPLICATE");

        var close = http.post("/api/commands", OFFICE_TOKEN,
                "{\"commandId\":\"http-c1\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2023\"}");
        assertThat(close.statusCode()).isEqualTo(200);
        var late = http.post("/api/commands", OFFICE_TOKEN,
                "{\"commandId\":\"http-h2\",\"type\":\"HOLD\",\"period\":\"2023\",\"unitCode\":\"SO-CT\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).get("reasons").get(0).get("code").asText()).isEqualTo("PERIOD_CLOSED");

        JsonNode periods = json(http.get("/api/periods"));
        assertThat(periods.get(0).get("closed").asBoolean()).isTrue();
        // SO-KHDT alone scores 78.75 (TOT): no flag; block prizes: KT-TH is the only ranked block
        JsonNode awards = json(http.get("/api/periods/2023/awards"));
        assertThat(awards).extracting(a -> a.get("award").get("awardId").asText())
                .containsExactly("2023:GIAI_KHOI_NHAT:KT-TH");
        assertThat(awards.get(0).get("letter").get("letterNumber").asText()).endsWith("/TB-HĐTĐKT");
        assertThat(json(http.get("/api/letters?period=2023"))).hasSize(1);

        // resending a letter is the office's, and only for a letter whose delivery failed
        String resend = "/api/letters/2023:GIAI_KHOI_NHAT:KT-TH/resend";
        assertThat(http.post(resend, null, "{}").statusCode()).isEqualTo(401);
        assertThat(http.post(resend, KHDT_TOKEN, "{}").statusCode()).isEqualTo(403);
        var notFailed = http.post(resend, OFFICE_TOKEN, "{}");
        assertThat(notFailed.statusCode()).isEqualTo(409);
        assertThat(json(notFailed).get("status").asText()).isEqualTo("NOT_FAILED");
    }

    @Test
    @Order(8)
    void theExcelExportMatchesTheApi() throws Exception {
        JsonNode standings = json(http.get("/api/periods/2023/standings"));
        var xlsx = http.get("/api/periods/2023/export.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo(StandingsWorkbook.SUMMARY_SHEET);
            // summary, the blocks, then awards, per-criterion detail and rejections (ExportsHttpTest)
            assertThat(wb.getNumberOfSheets()).isEqualTo(1 + standings.size() + 3);
            for (JsonNode block : standings) {
                Sheet sheet = wb.getSheet(block.get("blockCode").asText());
                assertThat(sheet).isNotNull();
                List<Row> unitRows = new java.util.ArrayList<>();
                sheet.forEach(r -> {
                    var code = r.getCell(1);
                    if (code != null && code.getCellType() == CellType.STRING && block.get("units").findValuesAsText(
                            "unitCode").contains(code.getStringCellValue())) {
                        unitRows.add(r);
                    }
                });
                assertThat(unitRows).hasSize(block.get("units").size());
                for (int i = 0; i < unitRows.size(); i++) {
                    JsonNode unit = block.get("units").get(i);
                    Row row = unitRows.get(i);
                    assertThat(row.getCell(1).getStringCellValue()).isEqualTo(unit.get("unitCode").asText());
                    assertThat(BigDecimal.valueOf(row.getCell(3).getNumericCellValue()))
                            .isEqualByComparingTo(unit.get("score").decimalValue());
                }
            }
        }
        var csv = http.get("/api/periods/2023/export.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("Sở Kế hoạch và Đầu tư", "78,75");
    }

    @Test
    @Order(9)
    void dashboardFilesAndMetrics() {
        var page = http.get("/dashboard/2023");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Content-Security-Policy");
        assertThat(http.get("/web/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(http.get("/web/application.properties").statusCode()).isEqualTo(404);
        String metrics = new String(http.get("/metrics").body(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("tdkt_records_total{outcome=\"accepted\"} 2.0")
                .contains("tdkt_records_rejected_total{reason=\"UNKNOWN_CRITERION\"} 1.0")
                .contains("tdkt_route_exchanges_seconds_count{failed=\"false\",route=\"intake\"}");
    }
}
