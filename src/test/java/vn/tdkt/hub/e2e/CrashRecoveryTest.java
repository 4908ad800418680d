package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.Reference;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestDatabases.Kind;
import vn.tdkt.hub.support.TestKafka;

/**
 * Kill the hub process (SIGKILL) in the middle of its batches, several times, restart it each time, then close
 * 2023 and kill it again while the letters go out; compare the final scores, standings, awards, letters and
 * mailboxes with an uninterrupted run of the same input: no record lost, none counted twice, no letter lost or
 * sent twice, and the last published standings equal the stored ones (outbox recovery).
 */
class CrashRecoveryTest {

    static final int RECORDS = 10_000;
    static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsAndRestartedGivesTheSameTotals() {
        List<String> subs = Records.randomSubmissions(42, RECORDS, "crash");
        Reference reference = new Reference(subs, dir);
        // kill points: random (seeded, printed) numbers of processed submissions, in increasing order
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long[] killAt = random.longs(KILLS, RECORDS / 10, RECORDS * 9 / 10).sorted().toArray();
        System.out.printf("CrashRecoveryTest: seed %d, SIGKILL after %s processed submissions%n", seed,
                java.util.Arrays.toString(killAt));

        EmbeddedMail mail = EmbeddedMail.start(0, 0);
        String mailboxPassword = Credentials.newToken();
        mail.createUser(LettersFlowTest.OFFICE, LettersFlowTest.OFFICE, mailboxPassword);
        HubHarness harness = new HubHarness(dir, Kind.POSTGRES).set("tdkt.intake.batch-size", "200")
                .set("tdkt.outbox.recovery-seconds", "1").set("tdkt.letters.batch", "1")
                .set("tdkt.letters.lease-ms", "3000") // a killed sender's claim expires quickly
                .set("tdkt.smtp.host", "127.0.0.1").set("tdkt.smtp.port", "" + mail.smtpPort())
                .set("tdkt.imap.host", "127.0.0.1").set("tdkt.imap.port", "" + mail.imapPort())
                .set("tdkt.imap.protocol", "imap").set("tdkt.imap.user", LettersFlowTest.OFFICE)
                .set("tdkt.imap.password", mailboxPassword)
                .set("tdkt.letters.verification-secret", Credentials.newToken())
                .createTopics();
        HubConfig config = harness.config();
        Topics topics = config.topics();
        long started = System.nanoTime();
        TestKafka.publish(topics.results(), subs.stream().map(FaultsTest::entry).toList());

        try (Database hubDb = Database.open(config.get("tdkt.db.url"), config.get("tdkt.db.user"), "", 2)) {
            int kills = 0;
            for (long threshold : killAt) {
                HubProcess hub = HubProcess.start(harness.settings(), dir.resolve("hub-" + kills + ".log"));
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() ->
                        Queries.accepted(hubDb) >= threshold);
                hub.kill();
                kills++;
                System.out.printf("CrashRecoveryTest: SIGKILL %d at %d submissions (%d s)%n", kills,
                        Queries.accepted(hubDb), (System.nanoTime() - started) / 1_000_000_000);
            }
            HubProcess closing = HubProcess.start(harness.settings(), dir.resolve("hub-closing.log"));
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                        Queries.accepted(hubDb) == RECORDS
                                && Queries.count(hubDb, "SELECT COUNT(*) FROM outbox") == 0);
                // the close, and a SIGKILL once its first letter is out, the others still to send
                ClosingFlowTest.command(topics, "close-2023", Reference.CLOSE);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5)).until(() -> Queries.count(
                        hubDb, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") >= 1);
            } finally {
                closing.kill();
            }
            kills++;
            System.out.printf("CrashRecoveryTest: SIGKILL during the letters: %d of %d sent, %d being sent (%d s)%n",
                    Queries.count(hubDb, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'"), reference.letterCount(),
                    Queries.count(hubDb, "SELECT COUNT(*) FROM letter WHERE status = 'SENDING'"),
                    (System.nanoTime() - started) / 1_000_000_000);

            HubProcess last = HubProcess.start(harness.settings(), dir.resolve("hub-last.log"));
            try {
                FaultsTest.awaitLetters(hubDb, reference, mail::receivedMessages);
                List<String> discrepancies = FaultsTest.discrepancies(reference, hubDb, mail.receivedMessages());
                for (String block : List.of("KT-TH", "DP")) {
                    StandingsMessage stored = Queries.standings(hubDb, "2023", block);

                    // the newest snapshot published for the block is the stored (closed) one
                    StandingsMessage lastPublished = TestKafka.readAll(topics.standings(), Duration.ofSeconds(2))
                            .stream().map(ConsumerRecord::value).map(v -> Json.read(v, StandingsMessage.class))
                            .filter(m -> m.blockCode().equals(block))
                            .max(Comparator.comparingLong(StandingsMessage::sequence)).orElseThrow();
                    assertThat(stored.closed()).isTrue();
                    assertThat(lastPublished.sequence()).isEqualTo(stored.sequence());
                    assertThat(lastPublished.units()).isEqualTo(stored.units());
                }
                assertThat(Queries.count(hubDb, "SELECT COUNT(*) FROM rejection")).isZero();
                System.out.printf("CrashRecoveryTest: letters delivered after the restart (%d s)%n",
                        (System.nanoTime() - started) / 1_000_000_000);
                FaultsTest.report("CrashRecoveryTest (SIGKILL)", RECORDS, kills, discrepancies);
            } finally {
                String tail = last.logTail();
                last.kill();
                if (!tail.contains("started")) {
                    System.out.println(tail);
                }
            }
        } finally {
            mail.close();
        }
    }
}
