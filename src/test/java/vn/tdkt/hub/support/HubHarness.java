package vn.tdkt.hub.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.http.Credentials;

/**
 * Starts real hubs for end-to-end tests: the shared test broker, a database of the chosen kind, the test
 * registry, and topic names of their own (so test classes never see each other's records).
 */
public final class HubHarness {

    /** Test credentials: the office, and a department allowed to report for SO-KHDT and SO-TC only. */
    public static final String OFFICE_TOKEN = "test-office-token-0123456789";
    public static final String KHDT_TOKEN = "test-khdt-token-9876543210";

    private final Map<String, String> settings = new HashMap<>();
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";

    public HubHarness(Path dir, TestDatabases.Kind db) {
        this(dir, db, TestKafka.bootstrap());
    }

    /** A hub on another broker than the shared test broker (e.g. {@link SecureKafka}), which is then not started. */
    public HubHarness(Path dir, TestDatabases.Kind db, String kafkaBootstrap) {
        try {
            Files.createDirectories(dir);
            Path registry = dir.resolve("registry.yaml");
            Files.writeString(registry, TestRegistry.yaml(), StandardCharsets.UTF_8);
            settings.put("tdkt.registry.path", registry.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        settings.put("tdkt.kafka.bootstrap", kafkaBootstrap);
        settings.put("tdkt.kafka.group", prefix + "hub");
        settings.put("tdkt.embedded.dir", dir.toString());
        settings.put("tdkt.db.url", TestDatabases.freshUrl(db, dir));
        settings.put("tdkt.db.user", TestDatabases.user(db));
        settings.put("tdkt.embedded.smtp-port", "0");
        settings.put("tdkt.embedded.imap-port", "0");
        settings.put("tdkt.letters.poll-ms", "200");
        settings.put("tdkt.letters.backoff-ms", "200");
        settings.put("tdkt.letters.max-backoff-ms", "1000");
        settings.put("tdkt.http.port", "0");
        settings.put("tdkt.kafka.session-timeout-ms", "6000"); // the broker's minimum: killed hubs leave sooner
        settings.put("tdkt.http.credentials", "office.token-sha256=" + Credentials.sha256(OFFICE_TOKEN)
                + ";org.so-khdt.token-sha256=" + Credentials.sha256(KHDT_TOKEN) + ";org.so-khdt.units=SO-KHDT,SO-TC");
        Topics.DEFAULTS.byName().forEach((name, topic) -> settings.put("tdkt.topic." + name, prefix + topic));
    }

    /** Changes a setting for the hubs started after this call. */
    public HubHarness set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public Topics topics() {
        return config().topics();
    }

    public HubConfig config() {
        return HubConfig.load(Map.of(), new Properties(), settings);
    }

    /** The settings, for a hub started in another JVM ({@link HubProcess}). */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    /** Creates the hub's topics (3 partitions each) on the test broker, as the hub would at start. */
    public HubHarness createTopics() {
        return createTopics(TestKafka.broker());
    }

    /** Creates the hub's topics (3 partitions each) on {@code broker}. */
    public HubHarness createTopics(vn.tdkt.hub.embedded.EmbeddedKafka broker) {
        Map<String, Integer> wanted = new HashMap<>();
        topics().byName().values().forEach(t -> wanted.put(t, 3));
        broker.createTopics(wanted);
        return this;
    }

    public Hub start() {
        return Hub.start(config());
    }
}
