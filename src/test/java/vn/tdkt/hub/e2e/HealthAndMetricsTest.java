package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.TcpProxy;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Readiness that tells the truth, on a real hub: DOWN (503, with the failing check named) when the intake's
 * consumers are stopped, when an intake consumer thread died of an OutOfMemoryError, when its publisher or the
 * letters loop is stopped; UP again once each recovers (route restarted, the OOM window over). The operations
 * metrics scraped from /metrics: the intake group's lag per partition equals the records published while it was
 * stopped, the outbox backlog counts the rows waiting, the letters by status equal the database's, and the JVM and
 * process metrics are there. The database unreachable (a TCP proxy cut): DOWN, then UP once it is back.
 */
class HealthAndMetricsTest {

    @TempDir
    Path dir;

    @Test
    void readinessFollowsTheIntakeTheLettersAndMemoryAndMetricsShowTheBacklogs() throws Exception {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2).createTopics()
                .set("tdkt.outbox.recovery-seconds", "3600") // the outbox backlog stays until the publisher runs
                .set("tdkt.health.oom-down-seconds", "3");
        try (Hub hub = harness.start()) {
            Http http = new Http(hub.httpBase(), HubHarness.OFFICE_TOKEN);
            RouteController routes = hub.camelContext().getRouteController();
            JsonNode up = awaitReady(http, 200);
            assertThat(up.get("status").asText()).isEqualTo("UP");
            for (String check : List.of("database", "kafka", "intake", "letters", "memory")) {
                assertThat(up.get("checks").get(check).get("status").asText()).as(check).isEqualTo("UP");
            }
            assertThat(up.get("checks").get("intake").get("consumerThreads").asInt()).isEqualTo(2);
            assertThat(up.get("checks").get("intake").get("camel").toString()).contains("route:intake");

            // the intake's consumers stopped: DOWN, and the records published meanwhile are the group's lag
            routes.stopRoute("intake");
            JsonNode down = awaitReady(http, 503);
            assertThat(down.get("status").asText()).isEqualTo("DOWN");
            assertThat(down.get("checks").get("intake").get("status").asText()).isEqualTo("DOWN");
            assertThat(down.get("checks").get("database").get("status").asText()).isEqualTo("UP");
            List<Map.Entry<String, byte[]>> subs = LettersFlowTest.data();
            TestKafka.publish(harness.topics().results(), subs);
            await().atMost(Duration.ofSeconds(30)).until(() -> lag(http).values().stream()
                    .mapToDouble(Double::doubleValue).sum() == subs.size());
            Map<String, Double> lag = lag(http);
            assertThat(lag).hasSize(3); // one series per partition
            routes.startRoute("intake");
            awaitReady(http, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> Queries.accepted(hub.database()) == subs.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> lag(http).values().stream()
                    .mapToDouble(Double::doubleValue).sum() == 0);

            // an intake consumer thread dies of an OutOfMemoryError: intake and memory DOWN; the route restarted
            // and the OOM window over, UP again
            Thread dying = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space (test)");
            }, "Camel (test) thread #99 - KafkaConsumer[" + harness.topics().results() + "]");
            dying.start();
            dying.join();
            JsonNode oom = awaitReady(http, 503);
            assertThat(oom.get("checks").get("intake").get("status").asText()).isEqualTo("DOWN");
            assertThat(oom.get("checks").get("intake").get("deadConsumerThreads").toString())
                    .contains("OutOfMemoryError");
            assertThat(oom.get("checks").get("memory").get("status").asText()).isEqualTo("DOWN");
            assertThat(oom.get("checks").get("memory").get("outOfMemoryErrors").asLong()).isEqualTo(1);
            routes.stopRoute("intake");
            routes.startRoute("intake");
            awaitReady(http, 200);

            // the publisher stopped: DOWN, and what the intake commits waits in the outbox
            routes.stopRoute("intake-publisher");
            assertThat(awaitReady(http, 503).get("checks").get("intake").get("camel").toString())
                    .contains("intake-publisher");
            TestKafka.publish(harness.topics().results(), List.of(ClosingFlowTest.sub("2023", "SO-KHDT",
                    ClosingFlowTest.X, null, null)));
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(http, "tdkt_outbox_backlog_rows", "") > 0);
            long rows = Queries.count(hub.database(), "SELECT COUNT(*) FROM outbox");
            assertThat(rows).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> metric(http, "tdkt_outbox_oldest_age_seconds", "") > 0);
            assertThat(metric(http, "tdkt_outbox_backlog_rows", "")).isEqualTo(
                    (double) Queries.count(hub.database(), "SELECT COUNT(*) FROM outbox"));
            routes.startRoute("intake-publisher");
            awaitReady(http, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> metric(http, "tdkt_outbox_backlog_rows", "") == 0
                    && metric(http, "tdkt_outbox_oldest_age_seconds", "") == 0);

            // the letters: counts by status equal the database's; the loop stopped is DOWN
            insertLetter(hub, "2022:WAITING:1", 901, "PENDING");
            insertLetter(hub, "2022:WAITING:2", 902, "PENDING");
            insertLetter(hub, "2022:GAVE-UP:1", 903, "FAILED");
            assertThat(metric(http, "tdkt_letters_by_status", "status=\"PENDING\"")).isEqualTo(
                    (double) Queries.count(hub.database(), "SELECT COUNT(*) FROM letter WHERE status = 'PENDING'"))
                    .isEqualTo(2.0);
            assertThat(metric(http, "tdkt_letters_by_status", "status=\"FAILED\"")).isEqualTo(1.0);
            routes.stopRoute("letters");
            assertThat(awaitReady(http, 503).get("checks").get("letters").get("status").asText()).isEqualTo("DOWN");
            routes.startRoute("letters");
            awaitReady(http, 200);

            // JVM and process metrics (Micrometer's binders)
            String scrape = scrape(http);
            for (String series : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
                    "system_cpu_count", "process_uptime_seconds", "jvm_classes_loaded_classes")) {
                assertThat(scrape).as(series).containsPattern("(?m)^" + series + "[{ ]");
            }
            assertThat(metric(http, "jvm_threads_live_threads", "")).isGreaterThan(10);
            System.out.printf("HealthAndMetricsTest: ready %s%n", awaitReady(http, 200));
            for (String prefix : List.of("tdkt_intake_consumer_lag", "tdkt_outbox", "tdkt_letters_by_status")) {
                lines(scrape, prefix).forEach(l -> System.out.println("HealthAndMetricsTest: " + l));
            }
        }
    }

    @Test
    void theDatabaseUnreachableIsDownThenUpAgain() throws Exception {
        String pgUrl = TestDatabases.freshUrl(TestDatabases.Kind.POSTGRES, dir);
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics()
                    .set("tdkt.db.url", pgUrl.replace(":5432/", ":" + proxy.port() + "/"));
            try (Hub hub = harness.start()) {
                Http http = new Http(hub.httpBase(), HubHarness.OFFICE_TOKEN);
                awaitReady(http, 200);
                proxy.cut();
                JsonNode down = awaitReady(http, 503);
                assertThat(down.get("checks").get("database").get("status").asText()).isEqualTo("DOWN");
                assertThat(down.get("database").asText()).isEqualTo("DOWN");
                assertThat(down.get("checks").get("kafka").get("status").asText()).isEqualTo("UP");
                proxy.restore();
                assertThat(awaitReady(http, 200).get("checks").get("database").get("status").asText())
                        .isEqualTo("UP");
            }
        }
    }

    /** Polls /health/ready until it answers {@code status}; returns its JSON. */
    static JsonNode awaitReady(Http http, int status) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                var r = http.get("/health/ready");
                last[0] = Http.json(r);
                return r.statusCode() == status;
            });
        } catch (RuntimeException e) {
            throw new AssertionError("/health/ready did not answer " + status + ", last: " + last[0], e);
        }
        return last[0];
    }

    static String scrape(Http http) {
        var r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)$");

    /** The value of the first sample of {@code name} whose labels contain {@code labelPart} (NaN when none). */
    static double metric(Http http, String name, String labelPart) {
        Matcher m = SAMPLE.matcher(scrape(http));
        while (m.find()) {
            String labels = m.group(3) == null ? "" : m.group(3);
            if (m.group(1).equals(name) && labels.contains(labelPart)) {
                return Double.parseDouble(m.group(4));
            }
        }
        return Double.NaN;
    }

    /** The intake group's lag: partition label -> records. */
    static Map<String, Double> lag(Http http) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(scrape(http));
        Pattern partition = Pattern.compile("partition=\"(\\d+)\"");
        while (m.find()) {
            if (m.group(1).equals("tdkt_intake_consumer_lag_records") && m.group(3) != null) {
                Matcher p = partition.matcher(m.group(3));
                if (p.find()) {
                    out.put(p.group(1), Double.parseDouble(m.group(4)));
                }
            }
        }
        return out;
    }

    static void insertLetter(Hub hub, String awardId, int number, String status) {
        hub.database().inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO letter (award_id, period, issue_year, "
                    + "number_in_year, letter_number, issued_on, status, attempts, next_attempt_at, updated_at) "
                    + "VALUES (?, '2022', 2099, ?, ?, '2099-01-15', ?, 0, ?, 0)")) {
                st.setString(1, awardId);
                st.setInt(2, number);
                st.setString(3, number + "/TB-HĐTĐKT");
                st.setString(4, status);
                st.setLong(5, Long.MAX_VALUE / 2); // never due during the test
                return st.executeUpdate();
            }
        });
    }

    static List<String> lines(String text, String prefix) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                out.add(line);
            }
        }
        return out;
    }
}
