package vn.tdkt.hub.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.support.HubHarness.KHDT_TOKEN;
import static vn.tdkt.hub.workbook.Uploads.json;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.domain.workbook.Clerk;
import vn.tdkt.hub.domain.workbook.HostileWorkbooks;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * The committed hostile-workbook corpus uploaded to a real hub in a child JVM with a 512 MB heap (-Xmx512m):
 * each file refused with its reason (three times over), nothing published, the hub still alive and without an
 * OutOfMemoryError, and a valid upload afterwards is accepted and scored.
 */
class HostileUploadTest {

    @TempDir
    Path dir;

    @Test
    void theHostileCorpusIsRefusedWithBoundedHeapAndAValidUploadIsAcceptedAfterwards() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2);
        HubProcess hub = HubProcess.start(harness.settings(), dir.resolve("hub.log"));
        try {
            String base = hub.awaitReady(Duration.ofSeconds(180));
            Uploads uploads = new Uploads(base);
            Map<String, String> corpus = HostileWorkbooks.expected();
            for (int round = 0; round < 3; round++) {
                corpus.forEach((name, reason) -> {
                    var answer = uploads.upload("2023", "SO-KHDT", KHDT_TOKEN, HostileWorkbooks.file(name));
                    assertThat(answer.statusCode()).as(name).isIn(400, 413);
                    assertThat(json(answer).get("reasons")).as(name)
                            .anySatisfy(r -> assertThat(r.get("message").asText()).contains(reason));
                });
            }
            byte[] tooBig = new byte[(2 << 20) + 1];
            new Random(7).nextBytes(tooBig);
            var big = uploads.upload("2023", "SO-KHDT", KHDT_TOKEN, tooBig);
            assertThat(big.statusCode()).isEqualTo(413);
            assertThat(json(big).get("reasons").get(0).get("message").asText()).startsWith("Tệp quá lớn");

            assertThat(hub.isAlive()).isTrue();
            assertThat(hub.logText()).doesNotContain("OutOfMemoryError");
            assertThat(TestKafka.readAll(harness.topics().results(), Duration.ofMillis(500)))
                    .as("nothing published").isEmpty();

            byte[] template = uploads.template("2023", "SO-KHDT", KHDT_TOKEN).body();
            var ok = uploads.upload("2023", "SO-KHDT", KHDT_TOKEN, Clerk.filled(template, Clerk::khdtResults));
            assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(202);
            Http http = new Http(base, vn.tdkt.hub.support.HubHarness.OFFICE_TOKEN);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    http.get("/api/periods/2023/units/SO-KHDT").statusCode() == 200);
            JsonNode card = Http.json(http.get("/api/periods/2023/units/SO-KHDT"));
            assertThat(card.get("score").asText()).isEqualTo("78.75");
        } finally {
            hub.stop();
        }
    }
}
