package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.embedded.EmbeddedKafka;
import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.kafka.ConsumerProgress;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.Reference;
import vn.tdkt.hub.support.TcpProxy;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Faults while a stream of submissions flows: a second instance joining and the first leaving (consumer-group
 * rebalances in the middle of batches), the broker stopped and restarted, the database unreachable; and while
 * the letters of the close go out, the SMTP server refusing connections and dropping them after it accepted a
 * message. Each ends with the close of 2023, and the final scores, standings, awards, letters and mailboxes
 * compared to an undisturbed run of the same input ({@link Reference}).
 */
class FaultsTest {

    @TempDir
    Path dir;

    static Map.Entry<String, byte[]> entry(String json) {
        String unit = Json.read(json, com.fasterxml.jackson.databind.JsonNode.class).get("unitCode").asText();
        return Map.entry(unit, json.getBytes(StandardCharsets.UTF_8));
    }

    static void report(String test, int records, int faults, List<String> discrepancies) {
        System.out.printf("%s: %d records, %d faults injected, %d discrepancies%n", test, records, faults,
                discrepancies.size());
        discrepancies.forEach(d -> System.out.println("  " + d));
        assertThat(discrepancies).isEmpty();
    }

    /** The scores and standings, then the awards, letters and mails of the close, against the reference. */
    static List<String> discrepancies(Reference reference, Database db, List<MimeMessage> mails) {
        List<String> out = new ArrayList<>(reference.discrepancies(db));
        out.addAll(reference.closeDiscrepancies(db, mails));
        System.out.printf("  compared: %d awards, %d letters and the office's summary, %d mails in the mailboxes%n",
                reference.awardCount(), reference.letterCount(), mails.size());
        return out;
    }

    /** Sends the close of 2023 and waits until its letters and the office's summary are SENT and delivered. */
    static void closeAndAwaitLetters(Topics topics, Database db, Reference reference, Supplier<List<MimeMessage>> mail) {
        ClosingFlowTest.command(topics, "close-2023", Reference.CLOSE);
        awaitLetters(db, reference, mail);
    }

    static void awaitLetters(Database db, Reference reference, Supplier<List<MimeMessage>> mail) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                Queries.count(db, "SELECT COUNT(*) FROM letter WHERE period = '2023' AND status = 'SENT'")
                        == reference.letterCount()
                        && Queries.count(db, "SELECT COUNT(*) FROM close_summary WHERE status = 'SENT'") == 1
                        && Queries.count(db, "SELECT COUNT(*) FROM outbox") == 0
                        && mail.get().stream().map(LettersFlowTest::messageId).distinct().count()
                        >= reference.letterCount() + 1);
    }

    @Test
    void twoInstancesShareTheWorkThroughRebalancesAndPublishStandingsInOrder() throws Exception {
        List<String> subs = Records.randomSubmissions(101, 3000, "scale");
        Reference reference = new Reference(subs, dir);
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics()
                .set("tdkt.intake.batch-size", "50");
        HubConfig config = harness.config();
        TestKafka.publish(config.topics().results(), subs.subList(0, 1500).stream().map(FaultsTest::entry).toList());
        try (Database db = Database.open(config.get("tdkt.db.url"), config.get("tdkt.db.user"), "", 2)) {
            Hub first = harness.start();
            Hub second;
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                        Queries.accepted(db) >= 300);
                second = harness.start(); // joins: a rebalance in the middle of the stream
                String firstMetrics = new String(
                        new Http(first.httpBase(), HubHarness.OFFICE_TOKEN).get("/metrics").body(),
                        StandardCharsets.UTF_8);
                assertThat(accepted(firstMetrics)).as("the first instance took part").isPositive();
            } finally {
                first.close(); // leaves: another rebalance, possibly in the middle of a batch
            }
            try {
                // the rest of the stream arrives after the first instance has gone: only the second can take it
                TestKafka.publish(config.topics().results(), subs.subList(1500, subs.size()).stream()
                        .map(FaultsTest::entry).toList());
                await().atMost(Duration.ofSeconds(120)).until(() ->
                        Queries.accepted(db) == subs.size()
                                && Queries.count(db, "SELECT COUNT(*) FROM outbox") == 0);
                String secondMetrics = new String(
                        new Http(second.httpBase(), HubHarness.OFFICE_TOKEN).get("/metrics").body(),
                        StandardCharsets.UTF_8);
                assertThat(accepted(secondMetrics)).as("the second instance took part").isPositive();
                closeAndAwaitLetters(config.topics(), db, reference, second.embeddedMail()::receivedMessages);
                report("FaultsTest.rebalances", subs.size(), 2,
                        discrepancies(reference, db, second.embeddedMail().receivedMessages()));
            } finally {
                second.close();
            }

            // every snapshot number of a block stands for one content, and a higher number is never older
            Map<String, Map<Long, String>> seen = new HashMap<>();
            for (ConsumerRecord<String, String> r : TestKafka.readAll(config.topics().standings(), Duration.ofSeconds(2))) {
                StandingsMessage m = Json.read(r.value(), StandingsMessage.class);
                String content = Json.write(m.withSnapshot(m.sequence(), m.closed(), m.blockRank(), null));
                String before = seen.computeIfAbsent(m.blockCode(), b -> new HashMap<>()).putIfAbsent(m.sequence(), content);
                assertThat(before == null || before.equals(content)).as("sequence %d of %s", m.sequence(), m.blockCode())
                        .isTrue();
            }
            for (String block : Reference.BLOCKS) {
                long maxSeq = seen.get(block).keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
                assertThat(maxSeq).isEqualTo(Queries.standings(db, "2023", block).sequence());
            }
        }
    }

    /**
     * On a broker of its own (stopped and restarted here), so that the tests sharing the test broker never see
     * its restart.
     */
    @Test
    void theBrokerStoppedAndRestartedLosesNothing() throws Exception {
        List<String> subs = Records.randomSubmissions(202, 2000, "broker");
        Reference reference = new Reference(subs, dir);
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("own-broker"), 0)) {
            String bootstrap = broker.bootstrapServers();
            HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES, bootstrap).createTopics(broker)
                    .set("tdkt.intake.batch-size", "50");
            HubConfig config = harness.config();
            Topics topics = config.topics();
            try (Hub hub = harness.start()) {
                TestKafka.publish(bootstrap, topics.results(), subs.subList(0, 1000).stream()
                        .map(FaultsTest::entry).toList());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                        Queries.accepted(hub.database()) >= 200);
                broker.stop();
                long during = Queries.accepted(hub.database());
                await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> true);
                broker.restart();
                TestKafka.publish(bootstrap, topics.results(), subs.subList(1000, 2000).stream()
                        .map(FaultsTest::entry).toList());
                await().atMost(Duration.ofSeconds(180)).until(() ->
                        Queries.accepted(hub.database()) == subs.size()
                                && Queries.count(hub.database(), "SELECT COUNT(*) FROM outbox") == 0);
                assertThat(during).isLessThan(subs.size());
                TestKafka.publish(bootstrap, topics.commands(), List.of(Map.entry("2023",
                        Reference.CLOSE.getBytes(StandardCharsets.UTF_8))));
                awaitLetters(hub.database(), reference, hub.embeddedMail()::receivedMessages);
                report("FaultsTest.brokerRestart", subs.size(), 1,
                        discrepancies(reference, hub.database(), hub.embeddedMail().receivedMessages()));
            }
        }
    }

    @Test
    void theDatabaseUnreachableForAWhileStopsCommitsAndResumes() throws Exception {
        List<String> subs = Records.randomSubmissions(303, 2000, "db");
        Reference reference = new Reference(subs, dir);
        String pgUrl = TestDatabases.freshUrl(TestDatabases.Kind.POSTGRES, dir);
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics()
                    .set("tdkt.intake.batch-size", "50")
                    .set("tdkt.db.url", pgUrl.replace(":5432/", ":" + proxy.port() + "/"));
            HubConfig config = harness.config();
            TestKafka.publish(config.topics().results(), subs.stream().map(FaultsTest::entry).toList());
            try (Hub hub = harness.start();
                 Database direct = Database.open(pgUrl, "postgres", "", 2);
                 ConsumerProgress progress = new ConsumerProgress(hub.kafkaClientProps())) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                        Queries.accepted(direct) >= 300);
                proxy.cut();
                String group = config.get("tdkt.kafka.group");
                Map<TopicPartition, Long> end = progress.endOffsets(config.topics().results());
                // while the database is unreachable nothing more is committed
                long before = Queries.accepted(direct);
                await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> true);
                assertThat(Queries.accepted(direct)).isEqualTo(before);
                assertThat(progress.reached(group, end)).isFalse();
                proxy.restore();
                await().atMost(Duration.ofSeconds(180)).until(() ->
                        Queries.accepted(direct) == subs.size()
                                && Queries.count(direct, "SELECT COUNT(*) FROM outbox") == 0
                                && progress.reached(group, end));
                closeAndAwaitLetters(config.topics(), direct, reference, hub.embeddedMail()::receivedMessages);
                report("FaultsTest.databaseOutage", subs.size(), 1,
                        discrepancies(reference, direct, hub.embeddedMail().receivedMessages()));
            }
        }
    }

    @Test
    void theSmtpServerRefusingAndDroppingConnectionsDeliversEachLetterOnce() throws Exception {
        List<String> subs = Records.randomSubmissions(404, 2000, "smtp");
        Reference reference = new Reference(subs, dir);
        EmbeddedMail mail = EmbeddedMail.start(0, 0);
        String mailboxPassword = Credentials.newToken();
        mail.createUser(LettersFlowTest.OFFICE, LettersFlowTest.OFFICE, mailboxPassword);
        try (TcpProxy smtp = new TcpProxy("127.0.0.1", mail.smtpPort())) {
            HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics()
                    .set("tdkt.intake.batch-size", "50")
                    .set("tdkt.smtp.host", "127.0.0.1").set("tdkt.smtp.port", "" + smtp.port())
                    .set("tdkt.imap.host", "127.0.0.1").set("tdkt.imap.port", "" + mail.imapPort())
                    .set("tdkt.imap.protocol", "imap").set("tdkt.imap.user", LettersFlowTest.OFFICE)
                    .set("tdkt.imap.password", mailboxPassword);
            HubConfig config = harness.config();
            TestKafka.publish(config.topics().results(), subs.stream().map(FaultsTest::entry).toList());
            try (Hub hub = harness.start()) {
                Database db = hub.database();
                await().atMost(Duration.ofSeconds(120)).until(() ->
                        Queries.accepted(db) == subs.size());
                // refused: every letter is tried at least twice while the SMTP server cannot be reached
                smtp.cut();
                ClosingFlowTest.command(config.topics(), "close-2023", Reference.CLOSE);
                await().atMost(Duration.ofSeconds(60)).until(() -> Queries.count(db, "SELECT COUNT(*) FROM letter "
                        + "WHERE period = '2023' AND attempts >= 2") == reference.letterCount());
                assertThat(Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'")).isZero();
                // then dropped: the connection is lost after the server accepted the message, before its reply
                int drops = Math.min(3, reference.letterCount());
                smtp.dropAfterSmtpData(drops);
                smtp.restore();
                awaitLetters(db, reference, mail::receivedMessages);
                assertThat(smtp.droppedAfterData()).isEqualTo(drops);
                report("FaultsTest.smtpRefusedAndDropped", subs.size(), smtp.refused() + smtp.droppedAfterData(),
                        discrepancies(reference, db, mail.receivedMessages()));
            }
        } finally {
            mail.close();
        }
    }

    static double accepted(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("tdkt_records_total{outcome=\"accepted\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
