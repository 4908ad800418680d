package vn.tdkt.hub.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.closing.CommandService;
import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.command.CommandValidator;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.embedded.EmbeddedKafka;
import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.intake.IntakeService;
import vn.tdkt.hub.kafka.KafkaAdmin;
import vn.tdkt.hub.kafka.KafkaBatch;
import vn.tdkt.hub.kafka.KafkaIntakeCatchUp;
import vn.tdkt.hub.registry.RegistryHolder;
import vn.tdkt.hub.store.ClosingStore;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;

/**
 * One running hub: the parts it needs (embedded broker, mail server and database file where no external one is
 * configured), the registry, the services, and Camel with the routes of {@code routes/*.camel.yaml}.
 * {@link #close()} stops Camel first, then the registry watcher, the database, the mail server and the broker.
 */
public final class Hub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final HubConfig config;
    private EmbeddedKafka embeddedKafka;
    private EmbeddedMail embeddedMail;
    private Database database;
    private RegistryHolder registry;
    private Main camel;
    private String bootstrap;
    private String smtpHost;
    private int smtpPort;

    private Hub(HubConfig config) {
        this.config = config;
    }

    /** Starts every part and returns once the routes run. On failure, what was started is stopped again. */
    public static Hub start(HubConfig config) {
        Hub hub = new Hub(config);
        try {
            hub.startParts();
            return hub;
        } catch (Exception e) {
            hub.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    private void startParts() throws Exception {
        Path dir = Path.of(config.get("tdkt.embedded.dir")).toAbsolutePath();
        Files.createDirectories(dir);
        Topics topics = config.topics();

        bootstrap = config.get("tdkt.kafka.bootstrap");
        if (bootstrap.isEmpty()) {
            embeddedKafka = EmbeddedKafka.start(dir.resolve("kafka"), config.getInt("tdkt.embedded.kafka-port"));
            bootstrap = embeddedKafka.bootstrapServers();
        }
        if (config.getBoolean("tdkt.kafka.create-topics")) {
            KafkaAdmin.ensureTopics(kafkaClientProps(), topics.byName().values(), config.getInt("tdkt.kafka.partitions"));
        }

        smtpHost = config.get("tdkt.smtp.host");
        smtpPort = config.getInt("tdkt.smtp.port");
        if (smtpHost.isEmpty()) {
            embeddedMail = EmbeddedMail.start(config.getInt("tdkt.embedded.smtp-port"),
                    config.getInt("tdkt.embedded.imap-port"));
            smtpHost = embeddedMail.host();
            smtpPort = embeddedMail.smtpPort();
        }

        String url = config.get("tdkt.db.url");
        if (url.isEmpty()) {
            url = "jdbc:h2:file:" + dir.resolve("hub");
        }
        database = Database.open(url, config.get("tdkt.db.user"), config.get("tdkt.db.password"),
                config.getInt("tdkt.db.pool-size"));
        IntakeStore intakeStore = new IntakeStore();

        registry = RegistryHolder.fromFile(registryPath(dir), () -> database.inTransaction(intakeStore::closedPeriods));
        registry.start(Duration.ofSeconds(config.getLong("tdkt.registry.reload-seconds")));

        OutboxStore outbox = new OutboxStore(database);
        IntakeService intake = new IntakeService(database, intakeStore, outbox, registry::current,
                new SubmissionValidator(config.getInt("tdkt.intake.max-record-bytes")), topics, Clock.systemUTC());

        CommandService commands = new CommandService(database, intakeStore, new ClosingStore(), outbox,
                registry::current, new CommandValidator(config.getInt("tdkt.intake.max-record-bytes")),
                new KafkaIntakeCatchUp(kafkaClientProps(), topics.results(), config.get("tdkt.kafka.group"),
                        Duration.ofSeconds(config.getLong("tdkt.closing.catch-up-seconds"))),
                topics, Clock.systemUTC());

        camel = new Main();
        camel.bind("commandService", commands);
        camel.bind("kafkaBatch", new KafkaBatch());
        camel.bind("intakeService", intake);
        camel.bind("outboxStore", outbox);
        Properties overrides = config.asProperties();
        overrides.setProperty("camel.component.kafka.brokers", bootstrap);
        overrides.setProperty("camel.component.kafka.security-protocol", config.get("tdkt.kafka.security-protocol"));
        camel.setOverrideProperties(overrides);
        camel.start();
        LOG.info("Hub started: Kafka {}, database {}, SMTP {}:{}", bootstrap, url.replaceAll("password=[^;&]*", "password=***"),
                smtpHost, smtpPort);
    }

    /** The registry file: the configured one, or (embedded mode) the demo registry copied on first start. */
    private Path registryPath(Path dir) throws IOException {
        String configured = config.get("tdkt.registry.path");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        Path file = dir.resolve("registry.yaml");
        if (!Files.exists(file)) {
            try (InputStream in = Hub.class.getResourceAsStream("/" + RegistryHolder.DEMO_RESOURCE + "")) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    /** Kafka client settings shared by the hub's own clients (admin, tests, demo). */
    public Map<String, Object> kafkaClientProps() {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, config.get("tdkt.kafka.security-protocol"));
        return p;
    }

    public HubConfig config() {
        return config;
    }

    public Topics topics() {
        return config.topics();
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public Database database() {
        return database;
    }

    public RegistryHolder registry() {
        return registry;
    }

    public CamelContext camelContext() {
        return camel.getCamelContext();
    }

    public EmbeddedMail embeddedMail() {
        return embeddedMail;
    }

    public Map<String, String> endpoints() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Kafka", bootstrap);
        m.put("SMTP", smtpHost + ":" + smtpPort);
        if (embeddedMail != null) {
            m.put("IMAP", embeddedMail.host() + ":" + embeddedMail.imapPort());
        }
        return m;
    }

    @Override
    public void close() {
        stopQuietly("Camel", () -> {
            if (camel != null) {
                camel.stop();
            }
        });
        stopQuietly("registry watcher", () -> {
            if (registry != null) {
                registry.close();
            }
        });
        stopQuietly("database", () -> {
            if (database != null) {
                database.close();
            }
        });
        stopQuietly("mail server", () -> {
            if (embeddedMail != null) {
                embeddedMail.close();
            }
        });
        stopQuietly("Kafka broker", () -> {
            if (embeddedKafka != null) {
                embeddedKafka.close();
            }
        });
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void stopQuietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("Error while stopping the {}: {}", what, e.toString());
        }
    }
}
