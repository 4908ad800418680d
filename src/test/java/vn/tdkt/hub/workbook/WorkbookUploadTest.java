package vn.tdkt.hub.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.support.HubHarness.KHDT_TOKEN;
import static vn.tdkt.hub.support.HubHarness.OFFICE_TOKEN;
import static vn.tdkt.hub.workbook.Uploads.json;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
import vn.tdkt.hub.domain.workbook.Clerk;
import vn.tdkt.hub.domain.workbook.HostileWorkbooks;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * A department's spreadsheet path against a running hub: download the template, fill it with POI as a clerk
 * would, upload it, and get on tdkt.scores the same scorecard as for the same results sent as JSON.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbookUploadTest {

    @TempDir
    static Path dir;
    static Hub hub;
    static Uploads uploads;
    static Http http;
    static Topics topics;

    @BeforeAll
    static void start() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2);
        topics = harness.topics();
        hub = harness.start();
        uploads = new Uploads(hub.httpBase());
        http = new Http(hub.httpBase(), vn.tdkt.hub.support.HubHarness.OFFICE_TOKEN);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    @Order(1)
    void theTemplateNeedsCredentialsForTheUnitOrTheOffice() throws Exception {
        assertThat(uploads.template("2023", "SO-KHDT", null).statusCode()).isEqualTo(401);
        var other = uploads.template("2023", "UBND-PL", KHDT_TOKEN);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).get("reasons").get(0).get("message").asText()).contains("UBND-PL");
        assertThat(uploads.template("2023", "UBND-PL", OFFICE_TOKEN).statusCode()).isEqualTo(200);
        assertThat(uploads.template("2023", "SO-NV", OFFICE_TOKEN).statusCode()).as("in no block").isEqualTo(404);

        var t = uploads.template("2023", "SO-KHDT", KHDT_TOKEN);
        assertThat(t.statusCode()).isEqualTo(200);
        assertThat(t.headers().firstValue("Content-Type")).hasValue(WorkbookApi.XLSX);
        assertThat(t.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"Bao cao ket qua thi dua 2023 - SO-KHDT.xlsx\"")
                .contains("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3%20thi%20%C4%91ua%202023");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(t.body()))) {
            assertThat(wb.getSheet("Kết quả").getRow(6).getCell(0).getStringCellValue()).isEqualTo("KT1");
        }
    }

    @Test
    @Order(2)
    void anUploadedWorkbookScoresLikeTheSameResultsSentAsJson() {
        byte[] template = uploads.template("2023", "SO-KHDT", KHDT_TOKEN).body();
        byte[] filled = Clerk.filled(template, Clerk::khdtResults);
        var answer = uploads.upload("2023", "SO-KHDT", KHDT_TOKEN, filled);
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(202);
        assertThat(json(answer).get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(json(answer).get("submissionId").asText()).startsWith("xlsx-");

        // the same results as JSON, for SO-TC of the same block: with equal results, equal scorecards
        String sameAsJson = Records.submission("json-1", "SO-TC", "2023", "2024-01-10T09:00:00+07:00", List.of(
                Records.target("KT1", "6", "5.3"), Records.target("KT2", "5", "4"), Records.actual("KT3", "10"),
                Records.actual("XH1", "true"), Records.actual("XH2", "3"), Records.actual("TH1", "1"),
                Records.actual("TR1", "2")));
        assertThat(http.post("/api/submissions", KHDT_TOKEN, sameAsJson).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<JsonNode> all = Uploads.scorecards(topics.scores(), "2023");
            JsonNode fromWorkbook = last(all, "SO-KHDT");
            JsonNode fromJson = last(all, "SO-TC");
            assertThat(fromWorkbook).isNotNull();
            assertThat(fromJson).isNotNull();
            assertThat(fromWorkbook.get("score").asText()).isEqualTo("78.75");
            assertThat(fromWorkbook.get("criteria")).isEqualTo(fromJson.get("criteria"));
            assertThat(fromWorkbook.get("score")).isEqualTo(fromJson.get("score"));
            assertThat(fromWorkbook.get("rating")).isEqualTo(fromJson.get("rating"));
            assertThat(fromWorkbook.get("complete")).isEqualTo(fromJson.get("complete"));
        });
    }

    @Test
    @Order(3)
    void aRefusedWorkbookIsAnsweredCellByCellAndNothingIsPublished() {
        int before = TestKafka.readAll(topics.results(), Duration.ofMillis(500)).size();
        var negative = uploads.uploadMultipart("2023", "SO-KHDT", KHDT_TOKEN, HostileWorkbooks.file("negative.xlsx"));
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(json(negative).get("reasons").get(0).get("message").asText())
                .isEqualTo("Sheet Kết quả, ô D9: phải là số không âm");
        assertThat(json(negative).get("reasons").get(0).get("field").asText()).isEqualTo("Kết quả!D9");
        var forOther = uploads.upload("2023", "UBND-PL", KHDT_TOKEN, HostileWorkbooks.file("negative.xlsx"));
        assertThat(forOther.statusCode()).isEqualTo(403);
        assertThat(uploads.upload("2023", "SO-KHDT", null, new byte[10]).statusCode()).isEqualTo(401);
        var otherUnit = uploads.upload("2023", "SO-KHDT", KHDT_TOKEN, HostileWorkbooks.file("other-unit.xlsx"));
        assertThat(otherUnit.statusCode()).isEqualTo(400);
        assertThat(TestKafka.readAll(topics.results(), Duration.ofMillis(500))).hasSize(before);
    }

    @Test
    @Order(4)
    void aMultipartUploadIsAcceptedToo() {
        byte[] template = uploads.template("2023", "SO-KHDT", KHDT_TOKEN).body();
        byte[] filled = Clerk.filled(template, c -> c.actual("KT3", 20).members(40, 29));
        var answer = uploads.uploadMultipart("2023", "SO-KHDT", KHDT_TOKEN, filled);
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode card = last(Uploads.scorecards(topics.scores(), "2023"), "SO-KHDT");
            assertThat(card.get("criteria")).anySatisfy(c -> {
                assertThat(c.get("criterion").asText()).isEqualTo("KT3");
                assertThat(c.get("actual").asText()).isEqualTo("20");
            });
        });
    }

    private static JsonNode last(List<JsonNode> cards, String unit) {
        JsonNode found = null;
        for (JsonNode c : cards) {
            if (unit.equals(c.get("unitCode").asText())) {
                found = c;
            }
        }
        return found;
    }
}
