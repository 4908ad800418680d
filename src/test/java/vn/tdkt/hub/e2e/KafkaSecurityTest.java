package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.SecureKafka;
import vn.tdkt.hub.support.TestDatabases;

/**
 * The hub on a secured broker: SASL_SSL with SCRAM-SHA-512, KRaft's StandardAuthorizer, and exactly the ACLs the
 * configuration guide documents (the {@code kafka-acls.sh} lines of its "Kafka security and ACLs" section, in
 * {@code docs/configuration.md}, are parsed and
 * applied here, so the documentation cannot drift from what is proven). The hub, a department and the office each
 * connect as their own SCRAM user with the topic and group names of production.
 */
class KafkaSecurityTest {

    /** Where the ACLs are documented for operators (the kafka-acls.sh lines of "Kafka security and ACLs"). */
    static final Path ACL_DOC = Path.of("docs", "configuration.md");

    static final String HUB = "tdkt-hub";
    static final String DEPARTMENT = "so-khdt";
    static final String OFFICE = "tdkt-office";
    static final Topics TOPICS = Topics.DEFAULTS;

    @TempDir
    static Path dir;

    static SecureKafka kafka;
    static Hub hub;
    static final Map<String, String> passwords = new HashMap<>();
    static List<AclBinding> documented;

    @BeforeAll
    static void start() throws IOException {
        long started = System.nanoTime();
        documented = readmeAcls(ACL_DOC);
        kafka = SecureKafka.start(dir.resolve("kafka"));
        for (String user : List.of(HUB, DEPARTMENT, OFFICE)) {
            passwords.put(user, SecureKafka.randomSecret());
        }
        kafka.createUsers(passwords);
        kafka.addAcls(documented);
        System.out.printf("KafkaSecurityTest: SASL_SSL broker, %d SCRAM users and %d ACL bindings ready in %d ms%n",
                passwords.size(), documented.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        HubHarness harness = new HubHarness(dir.resolve("hub"), TestDatabases.Kind.H2, kafka.saslSslBootstrap())
                .set("tdkt.kafka.security-protocol", "SASL_SSL")
                .set("tdkt.kafka.sasl-mechanism", SecureKafka.MECHANISM)
                .set("tdkt.kafka.sasl-username", HUB)
                .set("tdkt.kafka.sasl-password", passwords.get(HUB))
                .set("tdkt.kafka.ssl-truststore-location", kafka.truststore().toString())
                .set("tdkt.kafka.ssl-truststore-password", kafka.truststorePassword())
                .set("tdkt.kafka.group", "tdkt-hub")
                .set("tdkt.kafka.create-topics", "true");
        TOPICS.byName().forEach((name, topic) -> harness.set("tdkt.topic." + name, topic));
        hub = harness.start(); // creates its topics with its own Create ACL
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theDocumentedAclsAreEnoughForTheHubAndADepartment() throws Exception {
        Set<String> principals = documented.stream().map(b -> b.entry().principal()).collect(Collectors.toSet());
        assertThat(principals).containsExactlyInAnyOrder("User:" + HUB, "User:" + DEPARTMENT, "User:" + OFFICE);
        try (var admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("created by the hub as tdkt-hub").containsAll(TOPICS.byName().values());
        }

        // a department publishes over SASL_SSL as itself
        String khdt = Records.submission("sec-1", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00", List.of(
                Records.target("KT1", "6", "5.3"), Records.target("KT2", "5", "4"), Records.actual("KT3", "10"),
                Records.actual("XH1", "true"), Records.actual("XH2", "3"), Records.actual("TH1", "1"),
                Records.actual("TR1", "2")));
        try (KafkaProducer<String, String> producer = producer(DEPARTMENT, passwords.get(DEPARTMENT))) {
            producer.send(new ProducerRecord<>(TOPICS.results(), "SO-KHDT", khdt)).get(30, TimeUnit.SECONDS);
        }
        JsonNode khdtCard = await().atMost(Duration.ofSeconds(30)).until(() -> scorecard("SO-KHDT"), Optional::isPresent)
                .orElseThrow();
        // worked by hand in IntakeServiceTest: alone in its block, 78.75
        assertThat(khdtCard.get("score").asText()).isEqualTo("78.75");

        // the HTTP intake: the hub itself writes tdkt.results
        String tc = Records.submission("sec-2", "SO-TC", "2023", "2024-01-11T09:00:00+07:00", List.of(
                Records.target("KT1", "6", "7.2"), Records.target("KT2", "5", "5"), Records.actual("KT3", "20"),
                Records.actual("XH1", "false"), Records.actual("XH2", "4")));
        var accepted = new Http(hub.httpBase()).post("/api/submissions", HubHarness.KHDT_TOKEN, tc);
        assertThat(accepted.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> scorecard("SO-TC").isPresent());

        // the office closes the period: the hub reads tdkt.commands, checks its intake group's progress and
        // publishes the final standings and the awards
        try (KafkaProducer<String, String> producer = producer(OFFICE, passwords.get(OFFICE))) {
            producer.send(new ProducerRecord<>(TOPICS.commands(), "2023", "{\"commandId\":\"sec-close\","
                    + "\"type\":\"CLOSE_PERIOD\",\"period\":\"2023\",\"issuedBy\":\"office\"}")).get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> values(TOPICS.standings()).stream()
                .anyMatch(s -> s.get("closed").asBoolean() && "KT-TH".equals(s.get("blockCode").asText())));
        List<JsonNode> standings = values(TOPICS.standings());
        int awards = values(TOPICS.awards()).size();
        System.out.printf("KafkaSecurityTest: %d ACL bindings from the README; over SASL_SSL: %d scorecards, "
                        + "%d standings (%d closed), %d award events, %d rejections%n", documented.size(),
                values(TOPICS.scores()).size(), standings.size(),
                standings.stream().filter(s -> s.get("closed").asBoolean()).count(), awards,
                values(TOPICS.rejected()).size());
        assertThat(values(TOPICS.rejected())).as("nothing refused").isEmpty();
    }

    @Test
    void aDepartmentMayOnlyWriteResults() {
        List<String> refusals = new ArrayList<>();
        for (String topic : List.of(TOPICS.commands(), TOPICS.scores())) {
            try (KafkaProducer<String, String> producer = producer(DEPARTMENT, passwords.get(DEPARTMENT))) {
                Throwable refused = catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "SO-KHDT", "{}"))
                        .get(30, TimeUnit.SECONDS));
                assertThat(cause(refused, TopicAuthorizationException.class)).as("write " + topic).isNotNull();
                refusals.add("write " + topic + ": " + cause(refused, TopicAuthorizationException.class).getMessage());
            }
        }
        Map<String, Object> props = kafka.clientProps(DEPARTMENT, passwords.get(DEPARTMENT));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPICS.scores(), 0)));
            consumer.seekToBeginning(consumer.assignment());
            Throwable refused = catchThrowable(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
            });
            assertThat(refused).as("read " + TOPICS.scores()).isInstanceOf(TopicAuthorizationException.class);
            refusals.add("read " + TOPICS.scores() + ": " + refused.getMessage());
        }
        System.out.printf("KafkaSecurityTest: the department was refused %d times:%n  %s%n", refusals.size(),
                String.join("\n  ", refusals));
        assertThat(refusals).hasSize(3);
    }

    @Test
    void aWrongPasswordOrAnUntrustedBrokerIsRefused() {
        try (KafkaProducer<String, String> producer = producer(DEPARTMENT, "not-" + passwords.get(DEPARTMENT))) {
            Throwable refused = catchThrowable(() -> producer.send(new ProducerRecord<>(TOPICS.results(), "SO-KHDT",
                    "{}")).get(30, TimeUnit.SECONDS));
            assertThat(cause(refused, SaslAuthenticationException.class)).as("wrong password").isNotNull();
        }
        Map<String, Object> noTruststore = kafka.clientProps(DEPARTMENT, passwords.get(DEPARTMENT));
        noTruststore.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
        noTruststore.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
        try (KafkaProducer<String, String> producer = producer(noTruststore)) {
            Throwable refused = catchThrowable(() -> producer.send(new ProducerRecord<>(TOPICS.results(), "SO-KHDT",
                    "{}")).get(30, TimeUnit.SECONDS));
            assertThat(cause(refused, SslAuthenticationException.class)).as("broker certificate not trusted").isNotNull();
        }
        assertThat(kafka.records(TOPICS.results())).as("nothing written by the refused clients")
                .allSatisfy(r -> assertThat(r.value()).isNotEqualTo("{}"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static KafkaProducer<String, String> producer(String user, String password) {
        return producer(kafka.clientProps(user, password));
    }

    static KafkaProducer<String, String> producer(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static List<JsonNode> values(String topic) {
        return kafka.records(topic).stream().map(r -> Json.read(r.value(), JsonNode.class)).toList();
    }

    /** The first scorecard of {@code unit} on tdkt.scores, read as the super user. */
    static Optional<JsonNode> scorecard(String unit) {
        return values(TOPICS.scores()).stream().filter(s -> unit.equals(s.get("unitCode").asText())).findFirst();
    }

    static Throwable cause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The ACLs of the README's {@code kafka-acls.sh ... --add} lines (a trailing backslash continues a line):
     * {@code --allow-principal}, {@code --operation}, {@code --topic}, {@code --group}, {@code --cluster} and
     * {@code --resource-pattern-type}; every other option (connection settings) is skipped with its value.
     */
    static List<AclBinding> readmeAcls(Path readme) throws IOException {
        List<String> commands = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (current == null && trimmed.startsWith("kafka-acls.sh ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean continues = trimmed.endsWith("\\");
                current.append(' ').append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (!continues) {
                    commands.add(current.toString().trim());
                    current = null;
                }
            }
        }
        List<AclBinding> out = new ArrayList<>();
        for (String command : commands) {
            String[] words = command.split("\\s+");
            String principal = null;
            PatternType pattern = PatternType.LITERAL;
            List<AclOperation> operations = new ArrayList<>();
            List<Map.Entry<ResourceType, String>> resources = new ArrayList<>();
            boolean add = false;
            for (int i = 1; i < words.length; i++) {
                switch (words[i]) {
                    case "--add" -> add = true;
                    case "--allow-principal" -> principal = words[++i];
                    case "--operation" -> operations.add(AclOperation.fromString(words[++i]));
                    case "--resource-pattern-type" -> pattern = PatternType.fromString(words[++i].toUpperCase(java.util.Locale.ROOT));
                    case "--topic" -> resources.add(Map.entry(ResourceType.TOPIC, words[++i]));
                    case "--group" -> resources.add(Map.entry(ResourceType.GROUP, words[++i]));
                    case "--cluster" -> resources.add(Map.entry(ResourceType.CLUSTER, "kafka-cluster"));
                    default -> {
                        if (!words[i].startsWith("$")) {
                            i++; // an option with its value
                        }
                    }
                }
            }
            assertThat(add).as(command).isTrue();
            assertThat(principal).as(command).startsWith("User:");
            assertThat(operations).as(command).isNotEmpty().doesNotContain(AclOperation.UNKNOWN);
            assertThat(resources).as(command).isNotEmpty();
            assertThat(pattern).as(command).isIn(PatternType.LITERAL, PatternType.PREFIXED);
            for (Map.Entry<ResourceType, String> r : resources) {
                for (AclOperation op : operations) {
                    out.add(new AclBinding(new ResourcePattern(r.getKey(), r.getValue(), pattern),
                            new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
                }
            }
        }
        assertThat(new TreeSet<>(commands)).as("kafka-acls.sh lines in the README").hasSizeGreaterThanOrEqualTo(3);
        return out;
    }
}
