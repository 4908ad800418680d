package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.intake.InboundRecord;
import vn.tdkt.hub.intake.IntakeService;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestDatabases.Kind;
import vn.tdkt.hub.support.TestKafka;
import vn.tdkt.hub.support.TestRegistry;

/**
 * Kill the hub process (SIGKILL) in the middle of its batches, several times, restart it each time, and compare
 * the final scores and standings with an uninterrupted run of the same input: no record lost, none counted
 * twice, and the last published standings equal the stored ones (outbox recovery).
 */
class CrashRecoveryTest {

    static final int RECORDS = 3000;

    @TempDir
    Path dir;

    @Test
    void killedMidBatchAndRestartedGivesTheSameTotals() {
        List<String> subs = Records.randomSubmissions(42, RECORDS, "crash");
        Registry registry = TestRegistry.load();

        // the reference: the same records through the intake, uninterrupted
        Database reference = TestDatabases.open(Kind.POSTGRES, dir);
        IntakeService intake = new IntakeService(reference, new IntakeStore(), new OutboxStore(reference),
                () -> registry, new SubmissionValidator(), Topics.DEFAULTS, Clock.systemUTC());
        for (int from = 0; from < subs.size(); from += 100) {
            List<InboundRecord> batch = new ArrayList<>();
            subs.subList(from, Math.min(subs.size(), from + 100)).forEach(s -> batch.add(Records.record(null, s)));
            intake.process(batch);
        }

        HubHarness harness = new HubHarness(dir, Kind.POSTGRES).set("tdkt.intake.batch-size", "50")
                .set("tdkt.outbox.recovery-seconds", "1").createTopics();
        HubConfig config = harness.config();
        Topics topics = config.topics();
        TestKafka.publish(topics.results(), subs.stream()
                .map(s -> Map.entry("k", s.getBytes(StandardCharsets.UTF_8))).toList());

        try (Database hubDb = Database.open(config.get("tdkt.db.url"), config.get("tdkt.db.user"), "", 2)) {
            int kills = 0;
            for (long threshold : new long[] {300, 1200, 2100}) {
                HubProcess hub = HubProcess.start(harness.settings(), dir.resolve("hub-" + kills + ".log"));
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() ->
                        Queries.count(hubDb, "SELECT COUNT(*) FROM submission") >= threshold);
                hub.kill();
                kills++;
            }
            HubProcess last = HubProcess.start(harness.settings(), dir.resolve("hub-last.log"));
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                        Queries.count(hubDb, "SELECT COUNT(*) FROM submission") == RECORDS
                                && Queries.count(hubDb, "SELECT COUNT(*) FROM outbox") == 0);
                System.out.printf("CrashRecoveryTest: %d records, %d SIGKILLs%n", RECORDS, kills);

                assertThat(Queries.scores(hubDb, "2023")).isEqualTo(Queries.scores(reference, "2023")).hasSize(6);
                for (String block : List.of("KT-TH", "DP")) {
                    StandingsMessage stored = Queries.standings(hubDb, "2023", block);
                    StandingsMessage expected = Queries.standings(reference, "2023", block);
                    assertThat(stored.units()).isEqualTo(expected.units());
                    assertThat(stored.meanScore()).isEqualTo(expected.meanScore());

                    // the newest snapshot published for the block is the stored one
                    StandingsMessage lastPublished = TestKafka.readAll(topics.standings(), Duration.ofSeconds(2))
                            .stream().map(ConsumerRecord::value).map(v -> Json.read(v, StandingsMessage.class))
                            .filter(m -> m.blockCode().equals(block))
                            .max(Comparator.comparingLong(StandingsMessage::sequence)).orElseThrow();
                    assertThat(lastPublished.sequence()).isEqualTo(stored.sequence());
                    assertThat(lastPublished.units()).isEqualTo(stored.units());
                }
                assertThat(Queries.count(hubDb, "SELECT COUNT(*) FROM rejection")).isZero();
            } finally {
                String tail = last.logTail();
                last.kill();
                if (!tail.contains("started")) {
                    System.out.println(tail);
                }
            }
        } finally {
            reference.close();
        }
    }
}
