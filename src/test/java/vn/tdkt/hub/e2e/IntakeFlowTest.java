package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.support.Records.actual;
import static vn.tdkt.hub.support.Records.submission;
import static vn.tdkt.hub.support.Records.target;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * The whole intake path through the real broker and the real Camel routes: a department publishes, the hub
 * answers on tdkt.scores, tdkt.standings and tdkt.results.rejected. Also the runtime wiring (YAML routes,
 * components, beans) that unit tests cannot see.
 */
class IntakeFlowTest {

    @TempDir
    Path dir;

    @Test
    void submissionsBecomeScoresStandingsAndRejectionsOnKafka() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2);
        Topics topics = harness.topics();
        String khdt = submission("e2e-1", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00", List.of(
                target("KT1", "6", "5.3"), target("KT2", "5", "4"), actual("KT3", "10"), actual("XH1", "true"),
                actual("XH2", "3"), actual("TH1", "1"), actual("TR1", "2")));
        String tc = submission("e2e-2", "SO-TC", "2023", "2024-01-11T09:00:00+07:00", List.of(
                target("KT1", "6", "7.2"), target("KT2", "5", "5"), actual("KT3", "20"), actual("XH1", "false"),
                actual("XH2", "4")));
        byte[] notUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        records.add(Map.entry("SO-KHDT", bytes(khdt)));
        records.add(Map.entry("SO-TC", notUtf8));
        records.add(Map.entry("SO-TC", bytes("{\"submissionId\":\"e2e-3\",\"unitCode\":\"SO-XX\",\"period\":\"2023\","
                + "\"submittedAt\":\"2024-01-11T09:00:00+07:00\",\"results\":[{\"criterion\":\"KT3\",\"actual\":1}]}")));
        records.add(Map.entry("SO-TC", bytes(tc)));
        records.add(Map.entry("SO-KHDT", bytes(khdt))); // a duplicate: acknowledged, changes nothing

        try (Hub hub = harness.start()) {
            TestKafka.publish(topics.results(), records);
            List<JsonNode> standings = values(TestKafka.readAll(topics.standings(), Duration.ofSeconds(3)));
            JsonNode last = standings.get(standings.size() - 1);
            assertThat(last.get("blockCode").asText()).isEqualTo("KT-TH");
            // worked by hand in IntakeServiceTest: SO-TC 80.00, SO-KHDT 68.75, SO-CT not reported
            assertThat(last.get("units")).extracting(u -> u.get("unitCode").asText() + "=" + u.get("score").asText())
                    .containsExactly("SO-TC=80.00", "SO-KHDT=68.75", "SO-CT=0.00");
            assertThat(last.get("meanScore").asText()).isEqualTo("74.38");
            assertThat(standings).extracting(s -> s.get("sequence").asLong()).isSorted();

            List<JsonNode> scores = values(TestKafka.readAll(topics.scores(), Duration.ofSeconds(1)));
            // records that arrive together may be scored together: the latest scorecard of each unit counts
            Map<String, String> latest = new java.util.TreeMap<>();
            scores.forEach(s -> latest.put(s.get("unitCode").asText(), s.get("score").asText() + "/"
                    + s.get("rating").asText()));
            assertThat(latest).containsExactly(Map.entry("SO-KHDT", "68.75/HOAN_THANH"), Map.entry("SO-TC", "80.00/TOT"));

            List<ConsumerRecord<String, String>> rejected = TestKafka.readAll(topics.rejected(), Duration.ofSeconds(1));
            assertThat(rejected).hasSize(2);
            Map<String, JsonNode> byCode = new java.util.HashMap<>();
            values(rejected).forEach(r -> byCode.put(r.get("reasons").get(0).get("code").asText(), r));
            assertThat(byCode).containsOnlyKeys("MALFORMED_JSON", "UNKNOWN_UNIT");
            JsonNode malformed = byCode.get("MALFORMED_JSON");
            assertThat(malformed.get("unitCode").asText()).as("taken from the record key").isEqualTo("SO-TC");
            assertThat(malformed.get("source").get("topic").asText()).isEqualTo(topics.results());
            assertThat(malformed.get("originalEncoding").asText()).isEqualTo("base64");
            assertThat(java.util.Base64.getDecoder().decode(malformed.get("original").asText())).isEqualTo(notUtf8);
            int partition = malformed.get("source").get("partition").asInt();
            long offset = malformed.get("source").get("offset").asLong();
            assertThat(TestKafka.readAll(topics.results(), Duration.ofSeconds(1))).as("source points at the record")
                    .anySatisfy(r -> {
                        assertThat(r.partition()).isEqualTo(partition);
                        assertThat(r.offset()).isEqualTo(offset);
                        assertThat(r.key()).isEqualTo("SO-TC");
                    });
            JsonNode unknownUnit = byCode.get("UNKNOWN_UNIT");
            assertThat(unknownUnit.get("reasons").get(0).get("message").asText()).contains("SO-XX");
        }
    }

    @Test
    void theSameBatchInAnotherOrderGivesTheSameFinalStandings() {
        List<String> subs = new ArrayList<>(vn.tdkt.hub.support.Records.randomSubmissions(5, 400, "order"));
        List<Map<String, String>> finals = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            if (run == 1) {
                java.util.Collections.shuffle(subs, new java.util.Random(9));
            }
            HubHarness harness = new HubHarness(dir.resolve("run-" + run), TestDatabases.Kind.H2).createTopics();
            try (Hub hub = harness.start()) {
                TestKafka.publish(harness.topics().results(), subs.stream().map(FaultsTest::entry).toList());
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                        vn.tdkt.hub.support.Queries.accepted(hub.database()) == 400);
                Map<String, String> state = new java.util.TreeMap<>(vn.tdkt.hub.support.Queries.scores(hub.database(),
                        "2023"));
                for (String block : vn.tdkt.hub.support.Reference.BLOCKS) {
                    var st = vn.tdkt.hub.support.Queries.standings(hub.database(), "2023", block);
                    state.put(block, st.units().toString() + " mean " + st.meanScore());
                }
                finals.add(state);
            }
        }
        assertThat(finals.get(1)).isEqualTo(finals.get(0)).hasSize(8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<JsonNode> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> Json.read(r.value(), JsonNode.class)).toList();
    }
}
