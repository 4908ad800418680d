package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.tdkt.hub.app.Hub;
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
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases.Kind;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;
import vn.tdkt.hub.support.TestRegistry;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/corpus.jsonl}, described in the README next to it)
 * through the real route: a hub on the test broker and PostgreSQL, the corpus published to {@code tdkt.results}
 * interleaved with normal submissions (contracts.md, "Submission", "Rejection"; rulebook section 2).
 *
 * <p>It checks that every record expected to be rejected lands on the rejected topic exactly once, matched by its
 * source partition and offset, with exactly the expected reason codes (and fields, where the corpus gives them)
 * and its original value. Every record expected to be accepted must be stored. The final scores, standings and
 * nominees must equal a reference run of the accepted records alone through {@link IntakeService} on another
 * fresh database. Nothing may be parked, and everything must be done within {@link #BOUND}. The outputs must keep
 * the hostile values harmless: stored nominees round-trip the sent text exactly (NFD included), the rejections
 * API is JSON with markup only inside strings, and the dashboard page is the static file, with no data in it.
 */
public class HostileCorpusTest {

    static final String CORPUS = "/hostile/corpus.jsonl";
    static final String PAD = "@PAD@";
    static final int NORMAL = 60;
    static final int NORMAL_EVERY = 8;
    static final Duration BOUND = Duration.ofSeconds(240);
    static final List<String> PERIODS = List.of("2021", "2022", "2023");
    static final ObjectMapper PLAIN = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * One corpus record: its expected outcome, its exact key and value, and where the corpus gives them, the
     * expected reason fields and rejection unit code (otherwise, for a record rejected as a whole, the key).
     */
    public record Entry(String name, boolean accept, Set<String> codes, Set<String> fields, boolean unitGiven,
                 String unitCode, String key, byte[] value) {

        String expectedUnitCode() {
            return unitGiven ? unitCode : key;
        }
    }

    /** A record to publish: a corpus entry, or a normal submission (entry null). */
    record Outgoing(Entry entry, String key, byte[] value) {
    }

    @Test
    void hostileRecordsAreRejectedWithTheirReasonsOrAcceptedHarmlessly() throws Exception {
        List<Entry> corpus = corpus();
        List<Entry> invalid = corpus.stream().filter(e -> !e.accept()).toList();
        List<Entry> accepted = corpus.stream().filter(Entry::accept).toList();
        List<String> normal = Records.randomSubmissions(2024, NORMAL, "normal");
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        assertThat(accepted).isNotEmpty();

        Database reference = TestDatabases.open(Kind.POSTGRES, dir);
        runReference(reference, normal, accepted);

        HubHarness harness = new HubHarness(dir, Kind.POSTGRES).createTopics();
        HubConfig config = harness.config();
        Topics topics = config.topics();
        List<Outgoing> outgoing = interleave(corpus, normal);
        Set<String> expectedIds = new TreeSet<>();
        normal.forEach(s -> expectedIds.add(submissionId(s.getBytes(StandardCharsets.UTF_8))));
        accepted.forEach(e -> expectedIds.add(submissionId(e.value())));

        try (Hub hub = harness.start();
             Database hubDb = Database.open(config.get("tdkt.db.url"), config.get("tdkt.db.user"), "", 2)) {
            long started = System.nanoTime();
            List<RecordMetadata> sent = publish(topics.results(), outgoing);
            // no record repeats a submissionId: each one is either rejected or accepted
            await("every record processed").atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() ->
                    Queries.count(hubDb, "SELECT COUNT(*) FROM rejection")
                            + Queries.accepted(hubDb) == outgoing.size()
                            && Queries.count(hubDb, "SELECT COUNT(*) FROM outbox") == 0);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            Map<String, Outgoing> bySource = new HashMap<>();
            for (int i = 0; i < sent.size(); i++) {
                bySource.put(sent.get(i).partition() + "/" + sent.get(i).offset(), outgoing.get(i));
            }
            List<String> discrepancies = new ArrayList<>();
            checkRejections(TestKafka.readAll(topics.rejected(), Duration.ofSeconds(3)), bySource, invalid,
                    discrepancies);
            assertThat(TestKafka.readAll(topics.parked(), Duration.ofSeconds(1))).as("parked records").isEmpty();
            assertThat(ids(hubDb)).as("accepted submissions").isEqualTo(expectedIds);
            for (String period : PERIODS) {
                assertThat(Queries.scores(hubDb, period)).as("scores " + period)
                        .isEqualTo(Queries.scores(reference, period));
                for (String block : List.of("KT-TH", "DP")) {
                    StandingsMessage stored = Queries.standings(hubDb, period, block);
                    StandingsMessage expected = Queries.standings(reference, period, block);
                    assertThat(stored == null ? null : List.of(stored.units(), Objects.toString(stored.meanScore())))
                            .as("standings %s %s", period, block)
                            .isEqualTo(expected == null ? null
                                    : List.of(expected.units(), Objects.toString(expected.meanScore())));
                }
            }
            assertThat(Queries.scores(hubDb, "2023")).as("every unit of 2023 reported").hasSize(6);
            Map<String, String> nominees = nominees(hubDb);
            assertThat(nominees).isEqualTo(nominees(reference));
            checkNomineesRoundTrip(accepted, nominees, discrepancies);
            checkHttp(hub.httpBase(), invalid.size());

            System.out.printf("HostileCorpusTest: %d records (%d invalid, %d accepted), %d discrepancies"
                    + " (+%d normal submissions, %d s)%n", corpus.size(), invalid.size(), accepted.size(),
                    discrepancies.size(), normal.size(), seconds);
            assertThat(discrepancies).isEmpty();
        } finally {
            reference.close();
        }
    }

    // ---- the corpus -----------------------------------------------------------------------------------------

    /** The corpus entries, in file order (also read by {@code JsonTreeTest}). */
    public static List<Entry> corpus() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream(CORPUS)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode e = PLAIN.readTree(line);
                Set<String> fields = null;
                if (e.has("fields")) {
                    fields = new HashSet<>();
                    for (JsonNode f : e.get("fields")) {
                        fields.add(f.isNull() ? null : f.asText());
                    }
                }
                Set<String> codes = new TreeSet<>();
                e.get("codes").forEach(c -> codes.add(c.asText()));
                out.add(new Entry(e.get("name").asText(), e.get("expect").asText().equals("ACCEPT"), codes, fields,
                        e.has("unitCode"), text(e.get("unitCode")), text(e.get("key")), value(e)));
            }
        }
        return out;
    }

    /** The record's bytes: base64, text, or text whose {@value #PAD} is filled up to {@code padToBytes}. */
    static byte[] value(JsonNode e) {
        if (e.has("valueBase64")) {
            return Base64.getDecoder().decode(e.get("valueBase64").asText());
        }
        String text = e.get("value").asText();
        if (!e.has("padToBytes")) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        int target = e.get("padToBytes").asInt();
        String pad = e.get("pad").asText();
        int padBytes = pad.getBytes(StandardCharsets.UTF_8).length;
        int size = text.replace(PAD, "").getBytes(StandardCharsets.UTF_8).length;
        StringBuilder fill = new StringBuilder();
        for (; size + padBytes <= target; size += padBytes) {
            fill.append(pad);
        }
        fill.append("x".repeat(target - size)); // the last few bytes in ASCII, to hit the size exactly
        byte[] value = text.replace(PAD, fill).getBytes(StandardCharsets.UTF_8);
        assertThat(value).as(e.get("name").asText()).hasSize(target);
        return value;
    }

    /** The corpus in order, with one normal submission after every {@value #NORMAL_EVERY} entries, then the rest. */
    static List<Outgoing> interleave(List<Entry> corpus, List<String> normal) {
        List<Outgoing> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < corpus.size(); i++) {
            Entry e = corpus.get(i);
            out.add(new Outgoing(e, e.key(), e.value()));
            if (i % NORMAL_EVERY == NORMAL_EVERY - 1 && next < normal.size()) {
                out.add(normalRecord(normal.get(next++)));
            }
        }
        normal.subList(next, normal.size()).forEach(s -> out.add(normalRecord(s)));
        return out;
    }

    static Outgoing normalRecord(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        return new Outgoing(null, read(value).get("unitCode").asText(), value);
    }

    static JsonNode read(byte[] value) {
        try {
            return PLAIN.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String submissionId(byte[] value) {
        return read(value).get("submissionId").asText();
    }

    // ---- running ------------------------------------------------------------------------------------------

    /** The reference: the normal submissions and the accepted corpus records alone, through the intake. */
    static void runReference(Database reference, List<String> normal, List<Entry> accepted) {
        Registry registry = TestRegistry.load();
        IntakeService intake = new IntakeService(reference, new IntakeStore(reference), new OutboxStore(reference),
                () -> registry, new SubmissionValidator(), Topics.DEFAULTS, Clock.systemUTC());
        List<InboundRecord> records = new ArrayList<>();
        normal.forEach(s -> records.add(Records.record(null, s)));
        accepted.forEach(e -> records.add(Records.record(e.key(), e.value())));
        for (int from = 0; from < records.size(); from += 50) {
            intake.process(records.subList(from, Math.min(records.size(), from + 50)));
        }
    }

    /**
     * Publishes in order with one producer and returns where each record landed. The producer compresses and
     * accepts requests over 1 MiB, so that values over the hub's 1 MiB limit reach the topic at all.
     */
    static List<RecordMetadata> publish(String topic, List<Outgoing> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1_048_576);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Outgoing r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.key(), r.value())));
            }
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                out.add(f.get());
            }
            return out;
        }
    }

    // ---- checks -------------------------------------------------------------------------------------------

    /** Each invalid entry rejected exactly once, with its codes, fields, messages, key and original value. */
    static void checkRejections(List<ConsumerRecord<String, String>> rejected, Map<String, Outgoing> bySource,
                                List<Entry> invalid, List<String> discrepancies) {
        Map<String, Integer> times = new TreeMap<>();
        for (ConsumerRecord<String, String> record : rejected) {
            JsonNode r = Json.read(record.value(), JsonNode.class);
            JsonNode source = r.get("source");
            Outgoing from = bySource.get(source.get("partition").asInt() + "/" + source.get("offset").asLong());
            if (from == null || from.entry() == null || from.entry().accept()) {
                discrepancies.add("rejected although valid: " + (from == null || from.entry() == null ? source
                        : from.entry().name()) + " " + r.get("reasons"));
                continue;
            }
            Entry e = from.entry();
            times.merge(e.name(), 1, Integer::sum);
            Set<String> codes = new TreeSet<>();
            Set<String> fields = new HashSet<>();
            for (JsonNode reason : r.get("reasons")) {
                codes.add(reason.get("code").asText());
                fields.add(reason.get("field").isNull() ? null : reason.get("field").asText());
                if (reason.get("message").asText().isBlank()) {
                    discrepancies.add(e.name() + ": a reason without message");
                }
            }
            if (!codes.equals(e.codes())) {
                discrepancies.add(e.name() + ": codes " + codes + ", expected " + e.codes());
            } else if (e.fields() != null && !fields.equals(e.fields())) {
                discrepancies.add(e.name() + ": fields " + fields + ", expected " + e.fields());
            }
            if (!Objects.equals(record.key(), text(r.get("unitCode")))) {
                discrepancies.add(e.name() + ": the rejection's key is not its unitCode");
            }
            boolean unitExpected = e.unitGiven() || fields.equals(Collections.singleton(null));
            if (unitExpected && !Objects.equals(text(r.get("unitCode")), e.expectedUnitCode())) {
                discrepancies.add(e.name() + ": unitCode " + r.get("unitCode") + ", expected " + e.expectedUnitCode());
            }
            String originalProblem = originalProblem(r, e.value());
            if (originalProblem != null) {
                discrepancies.add(e.name() + ": " + originalProblem);
            }
        }
        for (Entry e : invalid) {
            int n = times.getOrDefault(e.name(), 0);
            if (n != 1) {
                discrepancies.add(e.name() + ": rejected " + n + " times, expected once");
            }
        }
    }

    /** Why the rejection's {@code original} is not the value as the contract says, or null when it is. */
    static String originalProblem(JsonNode rejection, byte[] value) {
        String original = rejection.get("original").asText();
        boolean base64 = "base64".equals(text(rejection.get("originalEncoding")));
        boolean utf8 = isUtf8(value);
        if (base64 == utf8) {
            return "originalEncoding " + rejection.get("originalEncoding") + " for a value that is "
                    + (utf8 ? "" : "not ") + "UTF-8";
        }
        byte[] kept = base64 ? Base64.getDecoder().decode(original) : original.getBytes(StandardCharsets.UTF_8);
        if (value.length <= 65_536) {
            return Arrays.equals(kept, value) ? null : "original differs from the value";
        }
        boolean prefix = kept.length <= 65_536 && kept.length > 65_536 - 4
                && Arrays.equals(kept, Arrays.copyOf(value, kept.length));
        boolean marked = rejection.path("originalTruncated").asBoolean()
                && sha256(value).equals(text(rejection.get("originalSha256")));
        return prefix && marked ? null : "a value over 64 KiB is not cut and marked as the contract says";
    }

    static boolean isUtf8(byte[] value) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Every stored nominee of an accepted entry is exactly what was sent: same strings, code unit for code unit. */
    static void checkNomineesRoundTrip(List<Entry> accepted, Map<String, String> stored, List<String> discrepancies) {
        int checked = 0;
        for (Entry e : accepted) {
            JsonNode sent = read(e.value());
            JsonNode nominees = sent.path("nominees");
            for (JsonNode n : nominees.isArray() ? nominees : PLAIN.createArrayNode()) {
                String key = sent.get("period").asText() + "|" + sent.get("unitCode").asText() + "|"
                        + n.get("staffCode").asText();
                String json = stored.get(key);
                if (json == null) {
                    discrepancies.add(e.name() + ": nominee " + key + " not stored");
                    continue;
                }
                JsonNode back = Json.read(json, JsonNode.class);
                for (String field : List.of("staffCode", "fullName", "gender", "rating")) {
                    if (!back.get(field).asText().equals(n.get(field).asText())) {
                        discrepancies.add(e.name() + ": " + field + " stored differently");
                    }
                }
                if (back.get("grassrootsEmulationSoldier").asBoolean() != n.get("grassrootsEmulationSoldier")
                        .asBoolean() || !titles(back).equals(titles(n))) {
                    discrepancies.add(e.name() + ": soldier flag or initiatives stored differently");
                }
                checked++;
            }
        }
        assertThat(checked).as("nominees checked").isGreaterThan(accepted.size());
        String nfd = Normalizer.normalize("Nguyễn Thị Hoà", Normalizer.Form.NFD);
        assertThat(Normalizer.isNormalized(nfd, Normalizer.Form.NFC)).isFalse();
        List<String> names = stored.values().stream().map(json -> Json.read(json, JsonNode.class).get("fullName")
                .asText()).toList();
        assertThat(names).as("NFD stays as sent").contains(nfd).doesNotContain("Nguyễn Thị Hoà");
    }

    static List<String> titles(JsonNode nominee) {
        List<String> out = new ArrayList<>();
        JsonNode initiatives = nominee.path("initiatives");
        if (initiatives.isArray()) {
            initiatives.forEach(i -> out.add(i.get("title").asText() + "|" + i.get("level").asText()));
        }
        return out;
    }

    /** The rejections API is JSON with markup only inside strings; the dashboard page carries no data. */
    static void checkHttp(String base, int invalid) throws IOException {
        Http http = new Http(base, HubHarness.OFFICE_TOKEN);
        HttpResponse<byte[]> api = http.get("/api/rejections?limit=500");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/json"));
        String body = new String(api.body(), StandardCharsets.UTF_8);
        assertThat(Http.json(api)).hasSize(Math.min(500, invalid));
        assertThat(body).as("markup is echoed, inside strings").contains("<script>alert(1)</script>");
        assertThat(outsideStrings(body)).as("JSON text outside strings").matches("[\\s\\[\\]{}:,0-9eE+\\-.a-z]*")
                .doesNotContain("<", ">");

        byte[] page;
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream("/web/dashboard.html")) {
            page = in.readAllBytes();
        }
        for (String path : List.of("/dashboard", "/dashboard/2023")) {
            HttpResponse<byte[]> dashboard = http.get(path);
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                    assertThat(t).startsWith("text/html"));
            assertThat(dashboard.body()).as("the static page, nothing inserted").isEqualTo(page);
        }
        assertThat(new String(page, StandardCharsets.UTF_8)).doesNotContain("alert(1)", "DROP TABLE", "SO-KHDT", "Nguyễn", "h-001", "ok-001");
    }

    /** The JSON text with every string literal removed (a scanner, not a regex: strings can be a megabyte long). */
    static String outsideStrings(String json) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- database reads -------------------------------------------------------------------------------------

    static Set<String> ids(Database db) {
        return db.inTransaction(c -> {
            Set<String> out = new TreeSet<>();
            try (PreparedStatement st = c.prepareStatement("SELECT submission_id FROM submission");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Every stored nominee: "period|unit|staff code" -> nominee_json. */
    static Map<String, String> nominees(Database db) {
        return db.inTransaction(c -> {
            Map<String, String> out = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT period, unit_code, staff_code, nominee_json FROM nominee");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getString(4));
                }
            }
            return out;
        });
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
