package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.Reference;
import vn.tdkt.hub.support.TestDatabases.Kind;
import vn.tdkt.hub.support.TestKafka;

/**
 * "The last record wins, also after a crash" (contracts.md), hunted at the worst moments: hubs killed with SIGKILL
 * {@code crash.kills} times (8 in the normal suite, 20 with {@code mvn -Pcrash verify}; seeded and printed:
 * {@code -Dcrash.seed=N} repeats a run) while results flow through one or two
 * instances (a batch between its Kafka send and its outbox mark, another instance still running), during the close,
 * and while the letters go out. At the end a checker reads every keyed topic ({@code tdkt.scores},
 * {@code tdkt.standings}, {@code tdkt.awards}, {@code tdkt.letters}) to its end, as a consumer building a table
 * would, and compares the last record of every key with what the hub stored: no discrepancy; and, against an
 * uninterrupted reference run, every total, award and letter is the same and every letter was mailed exactly once.
 */
class LastRecordWinsCrashTest {

    static final int RECORDS = 4_000;
    static final int KILLS = Integer.getInteger("crash.kills", 8);
    static final int CLOSE_KILLS = KILLS >= 20 ? 2 : 1;
    static final int LETTER_KILLS = KILLS >= 20 ? 4 : 2;
    static final int INTAKE_KILLS = KILLS - CLOSE_KILLS - LETTER_KILLS;

    @TempDir
    Path dir;

    @Test
    void theLastRecordOfEveryKeyIsTheStoredStateAfterEveryKill() {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("LastRecordWinsCrashTest: seed %d (repeat with -Dcrash.seed=%d), %d kills%n", seed, seed,
                KILLS);
        List<String> subs = Records.randomSubmissions(seed, RECORDS, "lrw");
        Reference reference = new Reference(subs, dir);

        EmbeddedMail mail = EmbeddedMail.start(0, 0);
        String mailboxPassword = Credentials.newToken();
        mail.createUser(LettersFlowTest.OFFICE, LettersFlowTest.OFFICE, mailboxPassword);
        HubHarness harness = new HubHarness(dir, Kind.POSTGRES).set("tdkt.intake.batch-size", "20")
                .set("tdkt.outbox.recovery-seconds", "2").set("tdkt.letters.batch", "1")
                .set("tdkt.letters.lease-ms", "3000")
                .set("tdkt.smtp.host", "127.0.0.1").set("tdkt.smtp.port", "" + mail.smtpPort())
                .set("tdkt.imap.host", "127.0.0.1").set("tdkt.imap.port", "" + mail.imapPort())
                .set("tdkt.imap.protocol", "imap").set("tdkt.imap.user", LettersFlowTest.OFFICE)
                .set("tdkt.imap.password", mailboxPassword)
                .set("tdkt.letters.verification-secret", Credentials.newToken())
                .createTopics();
        Topics topics = harness.topics();
        var config = harness.config();
        List<HubProcess> live = new ArrayList<>();
        int[] started = {0};
        int kills = 0;
        List<String> killLog = new ArrayList<>();
        try (Database db = Database.open(config.get("tdkt.db.url"), config.get("tdkt.db.user"), "", 2)) {
            // 1. the intake: the records arrive in parts; one or two instances; one of them killed in each part
            int chunk = RECORDS / INTAKE_KILLS;
            for (int part = 0; part < INTAKE_KILLS; part++) {
                int instances = 1 + random.nextInt(2);
                while (live.size() < instances) {
                    live.add(start(harness, started));
                }
                int from = part * chunk;
                int to = part == INTAKE_KILLS - 1 ? RECORDS : from + chunk;
                TestKafka.publish(topics.results(), subs.subList(from, to).stream().map(FaultsTest::entry).toList());
                long threshold = from + 1 + random.nextInt(to - from);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() ->
                        Queries.accepted(db) >= threshold);
                HubProcess victim = live.remove(random.nextInt(live.size()));
                victim.kill();
                kills++;
                killLog.add("intake, " + instances + " instance(s), at " + Queries.accepted(db) + " accepted, "
                        + Queries.count(db, "SELECT COUNT(*) FROM outbox") + " outbox rows");
            }
            // 2. the close, with a kill inside it (a random moment after the command)
            while (live.isEmpty()) {
                live.add(start(harness, started));
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                    Queries.accepted(db) == RECORDS);
            ClosingFlowTest.command(topics, "close-2023", Reference.CLOSE);
            for (int k = 0; k < CLOSE_KILLS; k++) {
                long delay = random.nextInt(1500);
                await().pollDelay(Duration.ofMillis(delay)).atMost(Duration.ofMillis(delay + 1000)).until(() -> true);
                HubProcess victim = live.remove(random.nextInt(live.size()));
                victim.kill();
                kills++;
                killLog.add("close, " + delay + " ms after the command (closed: "
                        + Queries.count(db, "SELECT COUNT(*) FROM period_state WHERE closed = TRUE") + ")");
                live.add(start(harness, started));
            }
            // 3. the letters, with one or two instances sending; one killed once more letters are out
            for (int k = 0; k < LETTER_KILLS; k++) {
                int instances = 1 + random.nextInt(2);
                while (live.size() < instances) {
                    live.add(start(harness, started));
                }
                long sentBefore = Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'");
                long wanted = Math.min(reference.letterCount(), sentBefore + 1 + random.nextInt(3));
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() ->
                        Queries.count(db, "SELECT COUNT(*) FROM letter WHERE period = '2023' AND status = 'SENT'")
                                >= wanted);
                HubProcess victim = live.remove(random.nextInt(live.size()));
                victim.kill();
                kills++;
                killLog.add("letters, " + instances + " instance(s), " + Queries.count(db,
                        "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") + " sent, " + Queries.count(db,
                        "SELECT COUNT(*) FROM letter WHERE status = 'SENDING'") + " being sent");
            }
            killLog.forEach(k -> System.out.println("LastRecordWinsCrashTest: SIGKILL " + k));

            // 4. a last instance finishes the work; then the checker
            long restarted = System.nanoTime();
            while (live.isEmpty()) {
                live.add(start(harness, started));
            }
            FaultsTest.awaitLetters(db, reference, mail::receivedMessages);
            System.out.printf("LastRecordWinsCrashTest: every letter SENT %.1f s after the last restart%n",
                    (System.nanoTime() - restarted) / 1e9);
            List<String> discrepancies = new ArrayList<>(lastRecordDiscrepancies(topics, db));
            discrepancies.addAll(FaultsTest.discrepancies(reference, db, mail.receivedMessages()));
            assertThat(kills).isEqualTo(KILLS);
            FaultsTest.report("LastRecordWinsCrashTest (" + started[0] + " hub starts)", RECORDS, kills,
                    discrepancies);
        } finally {
            live.forEach(HubProcess::kill);
            mail.close();
        }
    }

    private HubProcess start(HubHarness harness, int[] started) {
        HubProcess hub = HubProcess.start(harness.settings(), dir.resolve("hub-" + started[0]++ + ".log"));
        hub.awaitReady(Duration.ofSeconds(90));
        return hub;
    }

    /**
     * The checker: the last record of every key of the four keyed topics against the stored state, both ways (a
     * stored state never published, or a published key with no stored state, is a discrepancy too).
     */
    static List<String> lastRecordDiscrepancies(Topics topics, Database db) {
        List<String> out = new ArrayList<>();
        Map<String, String> scores = new LinkedHashMap<>();
        for (List<String> row : rows(db, "SELECT period, unit_code, scorecard FROM unit_score")) {
            scores.put(row.get(0) + "/" + row.get(1), row.get(2));
        }
        compare("tdkt.scores", last(topics.scores(), v -> {
            JsonNode n = Json.read(v, JsonNode.class);
            return n.get("period").asText() + "/" + n.get("unitCode").asText();
        }), scores, out);
        Map<String, String> standings = new LinkedHashMap<>();
        for (List<String> row : rows(db, "SELECT period, block_code, standings FROM block_state "
                + "WHERE standings IS NOT NULL")) {
            standings.put(row.get(0) + ":" + row.get(1), row.get(2));
        }
        compare("tdkt.standings", last(topics.standings(), null), standings, out);
        Map<String, String> awards = new LinkedHashMap<>();
        for (List<String> row : rows(db, "SELECT award_id, event FROM award")) {
            awards.put(row.get(0), row.get(1));
        }
        compare("tdkt.awards", last(topics.awards(), null), awards, out);
        // a letter's last event: its stored status (SENT or FAILED) and Message-ID
        Map<String, String> letters = new LinkedHashMap<>();
        for (List<String> row : rows(db, "SELECT award_id, status, message_id FROM letter "
                + "WHERE status IN ('SENT', 'FAILED')")) {
            letters.put(row.get(0), row.get(1) + " " + row.get(2));
        }
        Map<String, String> lastLetters = new LinkedHashMap<>();
        last(topics.letters(), null).forEach((award, v) -> {
            JsonNode n = Json.read(v, JsonNode.class);
            lastLetters.put(award, n.get("status").asText() + " " + n.get("messageId").asText());
        });
        compare("tdkt.letters", lastLetters, letters, out);
        System.out.printf("LastRecordWinsCrashTest: checked the last record of %d scorecards, %d standings, "
                + "%d awards, %d letters%n", scores.size(), standings.size(), awards.size(), letters.size());
        return out;
    }

    private static void compare(String topic, Map<String, String> published, Map<String, String> stored,
                                List<String> out) {
        stored.forEach((key, value) -> {
            if (!Objects.equals(published.get(key), value)) {
                out.add(topic + " " + key + ": last record " + published.get(key) + ", stored " + value);
            }
        });
        published.keySet().stream().filter(k -> !stored.containsKey(k))
                .forEach(k -> out.add(topic + " " + k + ": published, nothing stored"));
    }

    /** The last record of every key ({@code keyOf} of the value, or the record key when null). */
    private static Map<String, String> last(String topic, java.util.function.Function<String, String> keyOf) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : TestKafka.readToEnd(topic)) {
            out.put(keyOf == null ? r.key() : keyOf.apply(r.value()), r.value());
        }
        return out;
    }

    private static List<List<String>> rows(Database db, String sql) {
        return db.inTransaction(c -> {
            List<List<String>> out = new ArrayList<>();
            try (var st = c.prepareStatement(sql); var rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }
}
