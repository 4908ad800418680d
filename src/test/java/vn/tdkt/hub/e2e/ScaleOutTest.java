package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.Reference;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Scale-out: two hub PROCESSES (separate JVMs running the real {@code HubMain}) on the same topics (3
 * partitions), the same consumer group, the same PostgreSQL schema and the same SMTP+IMAP server. A stream of
 * submissions of six units spread over the three partitions is shared between them; while it flows, the close of
 * 2022 is sent three times at once (on {@code tdkt.commands} and over HTTP to each process).
 *
 * <p>Proved: both processes took part (each had partitions assigned and accepted records); the final scores and
 * standings equal an undisturbed run; on {@code tdkt.standings} the snapshots of each block appear in sequence
 * order with one content per sequence number; the close was decided once (one transaction, one close command
 * recorded as the closing one, one log line over both processes); each award event is published once; each
 * letter reached the SMTP server exactly once (one copy per recipient of each Message-ID).
 *
 * <p>2022 data and awards are those of {@link LettersFlowTest}: 7 awards, 7 letters numbered 1 to 7, and the
 * office's summary of the close: 8 distinct mails.
 */
class ScaleOutTest {

    static final int RECORDS = 3000;
    static final String OFFICE = LettersFlowTest.OFFICE;
    static final Pattern SUBMITTED_AT = Pattern.compile("\"submittedAt\":\"[^\"]*\"");
    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    static final Pattern CLOSED_LINE = Pattern.compile("Period 2022 closed by command");

    @TempDir
    Path dir;

    @Test
    void twoHubProcessesShareTheStreamPublishStandingsInOrderAndCloseOnce() throws Exception {
        List<String> stream = rising(Records.randomSubmissions(606, RECORDS, "scaleout"));
        Reference reference = new Reference(stream, dir);

        EmbeddedMail mail = EmbeddedMail.start(0, 0);
        String mailboxPassword = Credentials.newToken();
        mail.createUser(OFFICE, OFFICE, mailboxPassword);
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics()
                .set("tdkt.intake.batch-size", "20")
                .set("tdkt.letters.batch", "1") // letters claimed one at a time: both processes send some
                .set("tdkt.smtp.host", "127.0.0.1").set("tdkt.smtp.port", "" + mail.smtpPort())
                .set("tdkt.imap.host", "127.0.0.1").set("tdkt.imap.port", "" + mail.imapPort())
                .set("tdkt.imap.protocol", "imap").set("tdkt.imap.user", OFFICE)
                .set("tdkt.imap.password", mailboxPassword)
                .set("tdkt.letters.verification-secret", Credentials.newToken()); // the same on every instance
        HubConfig config = harness.config();
        Topics topics = config.topics();
        String group = config.get("tdkt.kafka.group");

        List<HubProcess> hubs = List.of(
                HubProcess.start(harness.settings(), dir.resolve("hub-a.log")),
                HubProcess.start(harness.settings(), dir.resolve("hub-b.log")));
        try (Database db = Database.open(config.get("tdkt.db.url"), config.get("tdkt.db.user"), "", 2);
             Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", TestKafka.bootstrap()))) {
            List<String> bases = new ArrayList<>();
            for (HubProcess hub : hubs) {
                bases.add(hub.awaitReady(Duration.ofSeconds(90)));
            }
            // every consumer of both processes (tdkt.intake.consumers each) is a member of the intake's group, and
            // the partitions are assigned; that each process got a share shows in its own metrics (below)
            int members = 2 * config.getInt("tdkt.intake.consumers");
            Map<String, Set<Integer>> assignment = new TreeMap<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                assignment.clear();
                assignment.putAll(assignment(admin, group, topics.results()));
                return assignment.size() == members
                        && assignment.values().stream().mapToInt(Set::size).sum() == 3;
            });
            assertThat(assignment.values().stream().flatMap(Set::stream).toList())
                    .as("each partition to one member").containsExactlyInAnyOrder(0, 1, 2);

            // the 2021 and 2022 data of the letters test, then the 2023 stream, keyed by unit (all 3 partitions)
            List<Map.Entry<String, byte[]>> records = new ArrayList<>(LettersFlowTest.data());
            stream.forEach(s -> records.add(FaultsTest.entry(s)));
            TestKafka.publish(topics.results(), records);

            // while the stream flows: the close of 2022 three times at once, on the topic and to each process
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                    Queries.accepted(db) >= 1000);
            ClosingFlowTest.command(topics, "close-2022-kafka",
                    "{\"commandId\":\"close-2022-kafka\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2022\"}");
            List<CompletableFuture<HttpResponse<byte[]>>> httpCloses = new ArrayList<>();
            for (int i = 0; i < bases.size(); i++) {
                String base = bases.get(i);
                String json = "{\"commandId\":\"close-2022-http-" + i + "\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2022\"}";
                httpCloses.add(CompletableFuture.supplyAsync(() ->
                        new Http(base).post("/api/commands", HubHarness.OFFICE_TOKEN, json)));
            }

            int letterMails = 8; // 7 letters and the office's summary
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Queries.accepted(db) == records.size()
                            && Queries.count(db, "SELECT COUNT(*) FROM outbox") == 0
                            && Queries.count(db, "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") == 7
                            && Queries.count(db, "SELECT COUNT(*) FROM close_summary WHERE status = 'SENT'") == 1
                            && LettersFlowTest.copiesPerMessageId(mail).size() >= letterMails);
            for (var close : httpCloses) {
                HttpResponse<byte[]> answer = close.get();
                assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            }

            // ---- both processes took part -------------------------------------------------------------------
            List<Double> accepted = new ArrayList<>();
            List<Double> lettersSent = new ArrayList<>();
            for (String base : bases) {
                String metrics = new String(new Http(base, HubHarness.OFFICE_TOKEN).get("/metrics").body(), StandardCharsets.UTF_8);
                accepted.add(FaultsTest.accepted(metrics));
                lettersSent.add(sentLetters(metrics));
            }
            System.out.printf("ScaleOutTest: partitions of %s by member %s; accepted records by process %s; "
                    + "mails sent by process %s%n", topics.results(), assignment.values(), accepted, lettersSent);
            assertThat(accepted).as("every process accepted records").allSatisfy(n -> assertThat(n).isPositive());
            assertThat(accepted.stream().mapToDouble(Double::doubleValue).sum()).as("accepted over both processes")
                    .isGreaterThanOrEqualTo(records.size());

            // ---- the same result as an undisturbed run ------------------------------------------------------
            List<String> discrepancies = new ArrayList<>(reference.discrepancies(db));

            // ---- standings: in sequence order per block, one content per sequence number ----------------------
            Map<String, List<ConsumerRecord<String, String>>> byBlock = TestKafka.readAll(topics.standings(),
                    Duration.ofSeconds(2)).stream().collect(Collectors.groupingBy(ConsumerRecord::key));
            int snapshots = 0;
            int repeats = 0;
            long dropped = 0;
            Map<String, Long> last = new TreeMap<>();
            for (var e : byBlock.entrySet()) {
                Map<Long, String> contentBySeq = new HashMap<>();
                long previous = 0;
                List<ConsumerRecord<String, String>> inOrder = new ArrayList<>(e.getValue());
                inOrder.sort(Comparator.comparingInt(ConsumerRecord<String, String>::partition)
                        .thenComparingLong(ConsumerRecord::offset));
                for (ConsumerRecord<String, String> r : inOrder) {
                    StandingsMessage m = Json.read(r.value(), StandingsMessage.class);
                    String content = Json.write(m.withSnapshot(m.sequence(), m.closed(), m.blockRank(), null));
                    String before = contentBySeq.putIfAbsent(m.sequence(), content);
                    if (before != null && !before.equals(content)) {
                        discrepancies.add(e.getKey() + ": two contents for sequence " + m.sequence());
                    }
                    if (m.sequence() < previous) {
                        discrepancies.add(e.getKey() + ": sequence " + m.sequence() + " published after " + previous
                                + " (offset " + r.offset() + ")");
                    }
                    repeats += m.sequence() == previous ? 1 : 0;
                    previous = Math.max(previous, m.sequence());
                    snapshots++;
                }
                last.put(e.getKey(), previous);
                dropped += previous - contentBySeq.size(); // numbers never published: stale when their turn came
            }
            for (String block : Reference.BLOCKS) {
                assertThat(last.get("2023:" + block)).as("last published sequence of 2023 " + block)
                        .isEqualTo(Queries.standings(db, "2023", block).sequence());
                StandingsMessage closed = Queries.standings(db, "2022", block);
                assertThat(closed.closed()).isTrue();
                assertThat(last.get("2022:" + block)).isEqualTo(closed.sequence());
            }

            // ---- the close was decided once ------------------------------------------------------------------
            long closedLines = hubs.stream().mapToLong(h -> CLOSED_LINE.matcher(h.logText()).results().count()).sum();
            String closedBy = db.inTransaction(c -> {
                try (var st = c.createStatement();
                     var rs = st.executeQuery("SELECT close_command_id FROM period_state WHERE period = '2022' "
                             + "AND closed = TRUE")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            System.out.printf("ScaleOutTest: 2022 closed by %s; close decisions logged over both processes: %d%n",
                    closedBy, closedLines);
            assertThat(closedBy).isIn("close-2022-kafka", "close-2022-http-0", "close-2022-http-1");
            assertThat(closedLines).as("close decisions over both processes").isEqualTo(1);
            assertThat(Queries.count(db, "SELECT COUNT(*) FROM command_log WHERE period = '2022' "
                    + "AND type = 'CLOSE_PERIOD'")).as("each close command recorded once").isEqualTo(3);
            assertThat(Queries.count(db, "SELECT COUNT(*) FROM award WHERE period = '2022'")).isEqualTo(7);
            assertThat(Queries.count(db, "SELECT COUNT(DISTINCT decided_at) FROM award WHERE period = '2022'"))
                    .as("every award of one decision").isEqualTo(1);
            assertThat(Queries.count(db, "SELECT COUNT(*) FROM close_summary")).isEqualTo(1);

            // ---- each award event once ----------------------------------------------------------------------
            List<JsonNode> awardEvents = ClosingFlowTest.events(topics);
            Map<String, String> awards = ClosingFlowTest.awardsById(awardEvents); // fails on an award id twice
            assertThat(awards).isEqualTo(new TreeMap<>(Map.of(
                    "2022:CO_THI_DUA_TINH:SO-KHDT", "GRANTED",
                    "2022:CO_THI_DUA_TINH:UBND-PL", "GRANTED",
                    "2022:BANG_KHEN_TAP_THE:SO-TC", "GRANTED",
                    "2022:CO_THI_DUA_CHINH_PHU:SO-KHDT", "PROPOSED",
                    "2022:GIAI_KHOI_NHAT:DP", "GRANTED",
                    "2022:GIAI_KHOI_NHI:KT-TH", "GRANTED",
                    "2022:BANG_KHEN_CA_NHAN:SO-KHDT/NV-1", "GRANTED")));

            // ---- each letter once ---------------------------------------------------------------------------
            Map<String, Integer> copies = LettersFlowTest.copiesPerMessageId(mail);
            Map<String, MimeMessage> byId = new TreeMap<>();
            mail.receivedMessages().forEach(m -> byId.putIfAbsent(LettersFlowTest.messageId(m), m));
            int mails = mail.receivedMessages().size();
            for (var e : byId.entrySet()) {
                int recipients = e.getValue().getRecipients(Message.RecipientType.TO).length
                        + (e.getValue().getRecipients(Message.RecipientType.CC) == null ? 0
                        : e.getValue().getRecipients(Message.RecipientType.CC).length);
                if (copies.get(e.getKey()) != recipients) {
                    discrepancies.add("mail " + LettersFlowTest.subject(e.getValue()) + ": " + copies.get(e.getKey())
                            + " copies for " + recipients + " recipients");
                }
            }
            Set<String> letterIds = new HashSet<>(Queries.column(db,
                    "SELECT message_id FROM letter WHERE period = '2022'"));
            System.out.printf("ScaleOutTest: %d award events, %d letters, %d distinct mails (%d copies in mailboxes)%n",
                    awardEvents.size(), letterIds.size(), byId.size(), mails);
            assertThat(byId).hasSize(letterMails);
            assertThat(letterIds).hasSize(7);
            assertThat(byId.keySet()).containsAll(letterIds);
            assertThat(Queries.count(db, "SELECT MIN(number_in_year) * 100 + MAX(number_in_year) FROM letter"))
                    .as("letters numbered 1 to 7").isEqualTo(107);
            List<ConsumerRecord<String, String>> letterEvents = TestKafka.readAll(topics.letters(), Duration.ofSeconds(1));
            assertThat(letterEvents).hasSize(7).allMatch(e -> e.value().contains("\"status\":\"SENT\""));
            assertThat(letterEvents.stream().map(ConsumerRecord::key).distinct()).hasSize(7);

            System.out.printf("ScaleOutTest: %d records, %d instances (processes), %d standings snapshots published "
                            + "(%d repeated, %d stale ones dropped), %d discrepancies%n", records.size(), hubs.size(),
                    snapshots, repeats, dropped, discrepancies.size());
            discrepancies.forEach(d -> System.out.println("  " + d));
            assertThat(discrepancies).isEmpty();
        } finally {
            for (HubProcess hub : hubs) {
                hub.stop();
            }
            mail.close();
        }
    }

    /** The member (client id and host) to partitions of {@code topic} of the consumer group. */
    static Map<String, Set<Integer>> assignment(Admin admin, String group, String topic) throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        Map<String, Set<Integer>> out = new TreeMap<>();
        for (MemberDescription m : d.members()) {
            out.put(m.consumerId(), m.assignment().topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition)
                    .collect(Collectors.toCollection(java.util.TreeSet::new)));
        }
        return out;
    }

    /**
     * The submissions with {@code submittedAt} rising in list order (one second apart): each replaces the one
     * before it of its unit, so nearly every batch changes its blocks' standings and publishes a new snapshot.
     */
    static List<String> rising(List<String> subs) {
        OffsetDateTime start = OffsetDateTime.parse("2024-01-10T08:00:00+07:00");
        List<String> out = new ArrayList<>(subs.size());
        for (int i = 0; i < subs.size(); i++) {
            out.add(SUBMITTED_AT.matcher(subs.get(i)).replaceFirst("\"submittedAt\":\"" + start.plusSeconds(i).format(AT) + "\""));
        }
        return out;
    }

    static double sentLetters(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("tdkt_letters_total{status=\"SENT\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
