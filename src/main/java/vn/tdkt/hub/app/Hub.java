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
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
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
import vn.tdkt.hub.http.CommandApi;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.http.FeedApi;
import vn.tdkt.hub.http.LetterApi;
import vn.tdkt.hub.http.LiveEvents;
import vn.tdkt.hub.http.StaticFiles;
import vn.tdkt.hub.http.SubmissionApi;
import vn.tdkt.hub.intake.BlockCache;
import vn.tdkt.hub.intake.IntakeService;
import vn.tdkt.hub.intake.ParallelMap;
import vn.tdkt.hub.intake.SignatureCheck;
import vn.tdkt.hub.kafka.KafkaAdmin;
import vn.tdkt.hub.kafka.KafkaBatch;
import vn.tdkt.hub.kafka.KafkaIntakeCatchUp;
import vn.tdkt.hub.kafka.OutboxHandOver;
import vn.tdkt.hub.kafka.StatesInOrder;
import vn.tdkt.hub.registry.RegistryHolder;
import vn.tdkt.hub.store.ClosingStore;
import vn.tdkt.hub.domain.letter.LetterRenderer;
import vn.tdkt.hub.letters.DeliveryCheck;
import vn.tdkt.hub.letters.ImapDeliveryCheck;
import vn.tdkt.hub.letters.LetterService;
import vn.tdkt.hub.ops.Health;
import vn.tdkt.hub.ops.HubMetrics;
import vn.tdkt.hub.ops.RouteMetricsNotifier;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.FeedQueries;
import vn.tdkt.hub.store.LetterStore;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.domain.workbook.WorkbookReader;
import vn.tdkt.hub.workbook.MailIntake;
import vn.tdkt.hub.workbook.WorkbookApi;

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
    private VertxPlatformHttpServer httpServer;
    private Health health;
    private StatesInOrder statesInOrder;
    private ParallelMap intakeHelpers;
    private final HubMetrics metrics = new HubMetrics();
    private Credentials.Generated generatedCredentials;
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
        IntakeStore intakeStore = new IntakeStore(database);

        registry = RegistryHolder.fromFile(registryPath(dir), () -> database.inTransaction(intakeStore::closedPeriods));
        registry.start(Duration.ofSeconds(config.getLong("tdkt.registry.reload-seconds")));

        OutboxStore outbox = new OutboxStore(database);
        SubmissionValidator validator = new SubmissionValidator(config.getInt("tdkt.intake.max-record-bytes"));
        Properties credentialLines = credentialLines();
        int helperThreads = config.getInt("tdkt.intake.helper-threads");
        intakeHelpers = new ParallelMap(helperThreads >= 0 ? helperThreads
                : Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
        OutboxHandOver outboxHandOver = new OutboxHandOver();
        IntakeService intake = new IntakeService(database, intakeStore, outbox, registry::current, validator,
                topics, Clock.systemUTC(), metrics,
                SignatureCheck.of(config.getBoolean("tdkt.intake.signatures-required"), credentialLines),
                new BlockCache(config.getBoolean("tdkt.intake.block-cache")), intakeHelpers, outboxHandOver);

        CommandService commands = new CommandService(database, intakeStore, new ClosingStore(), outbox,
                registry::current, new CommandValidator(config.getInt("tdkt.intake.max-record-bytes")),
                new KafkaIntakeCatchUp(kafkaClientProps(), topics.results(), config.get("tdkt.kafka.group"),
                        Duration.ofSeconds(config.getLong("tdkt.closing.catch-up-seconds"))),
                topics, Clock.systemUTC());

        Credentials credentials = credentials(credentialLines);
        health = new Health(database, kafkaClientProps());
        LiveEvents liveEvents = new LiveEvents(topics);

        LetterService letters = letterService(dir, outbox, topics);

        camel = new Main();
        camel.bind("commandService", commands);
        camel.bind("letterService", letters);
        camel.bind("letterApi", new LetterApi(credentials, letters));
        camel.bind("feedApi", new FeedApi(new FeedQueries(database), registry::current));
        SubmissionApi submissionApi = new SubmissionApi(credentials, validator, registry::current, database,
                intakeStore);
        camel.bind("submissionApi", submissionApi);
        long workbookBytes = config.getLong("tdkt.workbooks.max-bytes");
        camel.bind("workbookApi", new WorkbookApi(credentials, submissionApi, registry::current,
                new WorkbookReader(WorkbookReader.Limits.of(workbookBytes)), Clock.systemUTC()));
        camel.bind("commandApi", new CommandApi(credentials, commands));
        camel.bind("staticFiles", new StaticFiles());
        camel.bind("health", health);
        camel.bind("hubMetrics", metrics);
        camel.bind("liveEvents", liveEvents);
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost(config.get("tdkt.http.host"));
        http.setBindPort(config.getInt("tdkt.http.port"));
        http.setMaxBodySize(Math.max(config.getLong("tdkt.intake.max-record-bytes"), workbookBytes + 64 * 1024) + 1);
        httpServer = new VertxPlatformHttpServer(http);
        camel.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport main) {
                try {
                    main.getCamelContext().addService(httpServer, true, true);
                    outboxHandOver.start(main.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the HTTP server", e);
                }
                main.getCamelContext().getManagementStrategy().addEventNotifier(new RouteMetricsNotifier(metrics));
            }
        });
        camel.bind("kafkaBatch", new KafkaBatch());
        camel.bind("intakeService", intake);
        camel.bind("outboxStore", outbox);
        statesInOrder = new StatesInOrder(database, outbox, kafkaClientProps());
        camel.bind("statesInOrder", statesInOrder);
        Properties overrides = config.asProperties();
        camel.bind("kafka", kafkaComponent());
        overrides.setProperty("tdkt.smtp.uri", smtpUri());
        overrides.setProperty("tdkt.live.group", config.get("tdkt.kafka.group") + "-live-" + UUID.randomUUID());
        mailIntake(overrides, mailIntakeService(validator, intakeStore, workbookBytes));
        camel.setOverrideProperties(overrides);
        camel.start();
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel.getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(http.getBindPort()));
        liveEvents.mount(router != null ? router : VertxPlatformHttpRouter.lookup(camel.getCamelContext()));
        LOG.info("Hub started: Kafka {}, database {}, SMTP {}:{}", bootstrap, url.replaceAll("password=[^;&]*", "password=***"),
                smtpHost, smtpPort);
    }

    /**
     * HTTP credentials: from {@code tdkt.http.credentials-file} (a file outside the repository) and/or
     * {@code tdkt.http.credentials} (the same lines, separated by ';', usually from the environment). In
     * embedded mode without any, an office token and a department token are generated and printed once.
     */
    private Credentials credentials(Properties lines) {
        Credentials parsed = Credentials.parse(lines);
        if (parsed.isEmpty() && embeddedKafka != null) {
            generatedCredentials = Credentials.generate();
            return generatedCredentials.credentials();
        }
        if (parsed.isEmpty()) {
            LOG.warn("No HTTP credentials configured: HTTP intake and commands refuse every request");
        }
        return parsed;
    }

    /** The letters stage: renderer, verification secret, delivery check on the office mailbox, .eml copies. */
    private LetterService letterService(Path dir, OutboxStore outbox, Topics topics) throws IOException {
        var issuer = registry.current().issuer();
        String domain = config.get("tdkt.mail.domain");
        if (domain.isEmpty()) {
            domain = issuer.officeEmail().substring(issuer.officeEmail().indexOf('@') + 1);
        }
        DeliveryCheck check = DeliveryCheck.NONE;
        if (embeddedMail != null) {
            // local only (127.0.0.1): like every embedded mailbox, the office's password is its address
            String password = issuer.officeEmail();
            embeddedMail.createUser(issuer.officeEmail(), issuer.officeEmail(), password);
            check = new ImapDeliveryCheck("imap", embeddedMail.host(), embeddedMail.imapPort(), issuer.officeEmail(),
                    password);
        } else if (!config.get("tdkt.imap.host").isEmpty()) {
            check = new ImapDeliveryCheck(config.get("tdkt.imap.protocol"), config.get("tdkt.imap.host"),
                    config.getInt("tdkt.imap.port"), config.get("tdkt.imap.user"), config.get("tdkt.imap.password"));
        }
        String eml = config.get("tdkt.letters.eml-dir");
        Path emlDir = !eml.isEmpty() ? Path.of(eml) : embeddedMail != null ? dir.resolve("letters") : null;
        return new LetterService(database, new LetterStore(), outbox, registry::current,
                new LetterRenderer(Path.of(config.get("tdkt.letters.templates-dir"))), verificationSecret(dir),
                domain, check, emlDir, topics, Clock.systemUTC(), new LetterService.Policy(
                config.getInt("tdkt.letters.max-attempts"), config.getLong("tdkt.letters.backoff-ms"),
                config.getLong("tdkt.letters.max-backoff-ms"), config.getLong("tdkt.letters.lease-ms"),
                config.getInt("tdkt.letters.batch")), "hub-" + UUID.randomUUID(), metrics::letter);
    }

    private MailIntake mailIntakeService(SubmissionValidator validator, IntakeStore intakeStore, long workbookBytes) {
        var issuer = registry.current().issuer();
        String domain = issuer.officeEmail().substring(issuer.officeEmail().indexOf('@') + 1);
        String address = config.get("tdkt.intake.mail.address");
        return new MailIntake(new MailIntake.Settings(address.isEmpty() ? "ketqua@" + domain : address,
                config.getBoolean("tdkt.intake.mail.require-auth-results"),
                Duration.ofMillis(config.getLong("tdkt.intake.mail.score-wait-ms")), domain), database, intakeStore,
                new FeedQueries(database), validator, registry::current,
                new WorkbookReader(WorkbookReader.Limits.of(workbookBytes)), Clock.systemUTC());
    }

    /**
     * The e-mail intake of workbooks (routes/mail-intake.camel.yaml): the configured IMAP mailbox, or in embedded
     * mode the mailbox ketqua@&lt;office domain&gt; on the embedded server (password: the address); off otherwise.
     */
    private void mailIntake(Properties overrides, MailIntake intake) {
        camel.bind("mailIntake", intake);
        String host = config.get("tdkt.intake.mail.host");
        String protocol = config.get("tdkt.intake.mail.protocol");
        int port = config.getInt("tdkt.intake.mail.port");
        String user = config.get("tdkt.intake.mail.user");
        String password = config.get("tdkt.intake.mail.password");
        if (host.isEmpty() && embeddedMail != null) {
            String address = intake.address();
            embeddedMail.createUser(address, address, address);
            host = embeddedMail.host();
            port = embeddedMail.imapPort();
            protocol = "imap";
            user = address;
            password = address;
        }
        overrides.setProperty("tdkt.intake.mail.auto-startup", String.valueOf(!host.isEmpty()));
        overrides.setProperty("tdkt.intake.mail.uri", (host.isEmpty() ? "imap://localhost:1" : protocol + "://" + host + ":"
                + port) + "?username=RAW(" + user + ")&password=RAW(" + password + ")&folderName="
                + config.get("tdkt.intake.mail.folder") + "&unseen=true&delete=false&peek=true&maxMessagesPerPoll=20"
                + "&delay=" + config.get("tdkt.intake.mail.poll-ms") + "&connectionTimeout=10000");
    }

    /** The configured secret, or one generated once and kept in the data folder. */
    private byte[] verificationSecret(Path dir) throws IOException {
        String configured = config.get("tdkt.letters.verification-secret");
        if (!configured.isEmpty()) {
            return configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("verification.key");
        if (!Files.exists(file)) {
            Files.writeString(file, Credentials.newToken());
            LOG.warn("Generated a verification secret in {}: set tdkt.letters.verification-secret (the same on every "
                    + "instance) in production", file);
        }
        return Files.readString(file).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The camel-mail endpoint of the SMTP server, credentials and TLS from configuration. */
    private String smtpUri() {
        StringBuilder uri = new StringBuilder(config.get("tdkt.smtp.protocol")).append("://").append(smtpHost)
                .append(':').append(smtpPort).append("?connectionTimeout=").append(config.get("tdkt.smtp.timeout-ms"));
        if (!config.get("tdkt.smtp.username").isEmpty()) {
            uri.append("&username=RAW(").append(config.get("tdkt.smtp.username")).append(")&password=RAW(")
                    .append(config.get("tdkt.smtp.password")).append(')');
        }
        if (config.getBoolean("tdkt.smtp.starttls")) {
            uri.append("&additionalJavaMailProperties.mail.smtp.starttls.enable=true")
                    .append("&additionalJavaMailProperties.mail.smtp.starttls.required=true");
        }
        return uri.toString();
    }

    /** The credential lines (token hashes, units, signing keys) from the configured file and/or setting. */
    private Properties credentialLines() throws IOException {
        Properties p = new Properties();
        String file = config.get("tdkt.http.credentials-file");
        if (!file.isEmpty()) {
            try (var r = Files.newBufferedReader(Path.of(file), java.nio.charset.StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        String inline = config.get("tdkt.http.credentials");
        if (!inline.isEmpty()) {
            p.load(new java.io.StringReader(inline.replace(';', '\n')));
        }
        return p;
    }

    /** Tokens generated for embedded mode (null when credentials are configured). */
    public Credentials.Generated generatedCredentials() {
        return generatedCredentials;
    }

    /** The HTTP server's base address. */
    public String httpBase() {
        return "http://" + ("0.0.0.0".equals(config.get("tdkt.http.host")) ? "127.0.0.1" : config.get("tdkt.http.host"))
                + ":" + httpServer.getPort();
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
        kafkaSecurity().forEach((k, v) -> p.put(k, v));
        return p;
    }

    /**
     * The camel-kafka component with the brokers and the security settings, configured in code: the SASL and
     * trust store passwords never become Camel properties (which Camel would warn about, and could show).
     */
    private KafkaComponent kafkaComponent() {
        KafkaComponent kafka = new KafkaComponent();
        KafkaConfiguration c = kafka.getConfiguration();
        c.setBrokers(bootstrap);
        Map<String, String> security = kafkaSecurity();
        c.setSecurityProtocol(security.get("security.protocol"));
        if (security.containsKey("sasl.mechanism")) {
            c.setSaslMechanism(security.get("sasl.mechanism"));
            c.setSaslJaasConfig(security.get("sasl.jaas.config"));
        }
        if (security.containsKey("ssl.truststore.location")) {
            c.setSslTruststoreLocation(security.get("ssl.truststore.location"));
            c.setSslTruststorePassword(security.get("ssl.truststore.password"));
        }
        return kafka;
    }

    /**
     * Kafka security settings (SASL/SCRAM and TLS), as Kafka client properties: the same for the hub's Camel
     * consumers and producers and for its own admin clients.
     */
    private Map<String, String> kafkaSecurity() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", config.get("tdkt.kafka.security-protocol"));
        if (!config.get("tdkt.kafka.sasl-username").isEmpty()) {
            p.put("sasl.mechanism", config.get("tdkt.kafka.sasl-mechanism"));
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + config.get("tdkt.kafka.sasl-username").replace("\"", "") + "\" password=\""
                    + config.get("tdkt.kafka.sasl-password").replace("\"", "") + "\";");
        }
        if (!config.get("tdkt.kafka.ssl-truststore-location").isEmpty()) {
            p.put("ssl.truststore.location", config.get("tdkt.kafka.ssl-truststore-location"));
            p.put("ssl.truststore.password", config.get("tdkt.kafka.ssl-truststore-password"));
        }
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
        m.put("HTTP", httpBase());
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
        stopQuietly("standings publisher", () -> {
            if (statesInOrder != null) {
                statesInOrder.close();
            }
        });
        stopQuietly("intake helper threads", () -> {
            if (intakeHelpers != null) {
                intakeHelpers.close();
            }
        });
        stopQuietly("health checks", () -> {
            if (health != null) {
                health.close();
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
