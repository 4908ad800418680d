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
import vn.tdkt.hub.http.AuditTrail;
import vn.tdkt.hub.http.CommandApi;
import vn.tdkt.hub.http.HttpGuard;
import vn.tdkt.hub.http.HttpPolicy;
import vn.tdkt.hub.http.HttpSessions;
import vn.tdkt.hub.http.SecurityHeaders;
import vn.tdkt.hub.http.SessionApi;
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
import vn.tdkt.hub.domain.letter.Certificates;
import vn.tdkt.hub.domain.letter.LetterRenderer;
import vn.tdkt.hub.domain.registry.Issuer;
import vn.tdkt.hub.signing.EmbeddedSigningKey;
import vn.tdkt.hub.signing.PadesSigner;
import vn.tdkt.hub.signing.SigningKey;
import vn.tdkt.hub.signing.TimeStampClient;
import vn.tdkt.hub.letters.DeliveryCheck;
import vn.tdkt.hub.letters.ImapDeliveryCheck;
import vn.tdkt.hub.letters.InstanceIdentity;
import vn.tdkt.hub.letters.LetterService;
import vn.tdkt.hub.letters.SmtpEndpoint;
import vn.tdkt.hub.ops.Health;
import vn.tdkt.hub.ops.HubMetrics;
import vn.tdkt.hub.ops.MemoryWatch;
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
    private MemoryWatch memoryWatch;
    private StatesInOrder statesInOrder;
    private ParallelMap intakeHelpers;
    private final HubMetrics metrics = new HubMetrics();
    private Credentials.Generated generatedCredentials;
    private InstanceIdentity identity;
    private String certificateSigning;
    private Certificates certificates;
    /** The workbooks' mailbox (e-mail intake), null when off. */
    private SmtpEndpoint.Settings intakeMailbox;
    private AuditTrail auditTrail;
    private LiveEvents liveEvents;
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
        checkSettings();
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
        byte[] intakeKey = intakeSigningKey(dir);
        IntakeService intake = new IntakeService(database, intakeStore, outbox, registry::current, validator,
                topics, Clock.systemUTC(), metrics,
                SignatureCheck.of(config.getBoolean("tdkt.intake.signatures-required"), credentialLines, intakeKey),
                new BlockCache(config.getBoolean("tdkt.intake.block-cache")), intakeHelpers, outboxHandOver);

        CommandService commands = new CommandService(database, intakeStore, new ClosingStore(), outbox,
                registry::current, new CommandValidator(config.getInt("tdkt.intake.max-record-bytes")),
                new KafkaIntakeCatchUp(kafkaClientProps(), topics.results(), config.get("tdkt.kafka.group"),
                        Duration.ofSeconds(config.getLong("tdkt.closing.catch-up-seconds"))),
                topics, Clock.systemUTC());

        Credentials credentials = credentials(credentialLines);
        memoryWatch = new MemoryWatch(Double.parseDouble(config.get("tdkt.health.heap-after-gc-max")),
                config.getLong("tdkt.health.oom-down-seconds") * 1000, System::currentTimeMillis);
        memoryWatch.install();
        health = new Health(database, kafkaClientProps(), memoryWatch, System::currentTimeMillis);
        HttpSessions sessions = new HttpSessions(Clock.systemUTC(),
                Duration.ofMinutes(config.getLong("tdkt.http.session-minutes")), config.getInt("tdkt.http.session-max"),
                config.getBoolean("tdkt.http.cookie-secure"));
        HttpPolicy policy = new HttpPolicy(credentials, sessions, Clock.systemUTC(),
                config.getInt("tdkt.http.public-per-minute"));
        auditTrail = new AuditTrail(database, Clock.systemUTC());
        StaticFiles staticFiles = new StaticFiles();
        LiveEvents liveEvents = new LiveEvents(topics, policy, auditTrail,
                config.getInt("tdkt.http.live-max-clients"), config.getLong("tdkt.http.live-max-queued-bytes"));
        metrics.liveStream(liveEvents::clientCount, liveEvents::refusedFull, liveEvents::disconnectedSlow);

        LetterService letters = letterService(dir, outbox, topics);

        camel = new Main();
        camel.bind("commandService", commands);
        camel.bind("letterService", letters);
        camel.bind("letterApi", new LetterApi(credentials, letters));
        camel.bind("verifyPage", new vn.tdkt.hub.http.VerifyPage(letters, certificates.signerName()));
        camel.bind("feedApi", new FeedApi(new FeedQueries(database), registry::current));
        SubmissionApi submissionApi = new SubmissionApi(credentials, validator, registry::current, database,
                intakeStore, intakeKey);
        camel.bind("submissionApi", submissionApi);
        long workbookBytes = config.getLong("tdkt.workbooks.max-bytes");
        camel.bind("workbookApi", new WorkbookApi(credentials, submissionApi, registry::current,
                new WorkbookReader(WorkbookReader.Limits.of(workbookBytes)), Clock.systemUTC()));
        camel.bind("commandApi", new CommandApi(credentials, commands));
        camel.bind("staticFiles", staticFiles);
        camel.bind("httpGuard", new HttpGuard(policy, auditTrail, staticFiles));
        camel.bind("auditTrail", auditTrail);
        camel.bind("sessionApi", new SessionApi(credentials, sessions));
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
                main.getCamelContext().getManagementStrategy().addEventNotifier(new RouteMetricsNotifier(metrics,
                        memoryWatch::failed));
                main.getCamelContext().addComponent(smtpSettings().protocol(),
                        SmtpEndpoint.component(main.getCamelContext(), smtpSettings()));
                if (intakeMailbox != null) {
                    // the workbooks' mailbox (IMAP): its credentials on the component, never in a URI or property
                    main.getCamelContext().addComponent(intakeMailbox.protocol(),
                            SmtpEndpoint.component(main.getCamelContext(), intakeMailbox));
                }
            }
        });
        camel.bind("kafkaBatch", new KafkaBatch());
        camel.bind("intakeService", intake);
        camel.bind("outboxStore", outbox);
        statesInOrder = new StatesInOrder(database, outbox, kafkaClientProps());
        camel.bind("statesInOrder", statesInOrder);
        Properties overrides = withoutSecrets(config.asProperties());
        camel.bind("kafka", kafkaComponent());
        SmtpEndpoint.Settings smtp = smtpSettings();
        overrides.setProperty("tdkt.smtp.uri", SmtpEndpoint.uri(smtp));
        overrides.setProperty("tdkt.letters.renew-period-ms",
                String.valueOf(Math.max(100, config.getLong("tdkt.letters.lease-ms") / 4)));
        overrides.setProperty("tdkt.live.group", config.get("tdkt.kafka.group") + "-live-" + UUID.randomUUID());
        mailIntake(overrides, mailIntakeService(validator, intakeStore, workbookBytes));
        camel.setOverrideProperties(overrides);
        camel.start();
        metrics.watch(new vn.tdkt.hub.ops.Operations(database, health.admin(), config.get("tdkt.kafka.group"),
                topics.results()));
        health.watch(camel.getCamelContext(), topics.results(), letters::sinceLastBeat,
                config.getLong("tdkt.letters.stall-ms"));
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel.getCamelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(http.getBindPort()));
        VertxPlatformHttpRouter httpRouter = router != null ? router
                : VertxPlatformHttpRouter.lookup(camel.getCamelContext());
        SecurityHeaders.mount(httpRouter);
        liveEvents.mount(httpRouter);
        this.liveEvents = liveEvents;
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
            LOG.warn("No HTTP credentials configured: every request that needs credentials is refused");
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
        identity = InstanceIdentity.resolve(config.get("tdkt.instance.id"), dir);
        LOG.info("Instance identity {} (letter claims of this run: {})", identity.identity(), identity.owner());
        String eml = config.get("tdkt.letters.eml-dir");
        Path emlDir = !eml.isEmpty() ? Path.of(eml) : embeddedMail != null ? dir.resolve("letters") : null;
        return new LetterService(database, new LetterStore(), outbox, registry::current,
                new LetterRenderer(Path.of(config.get("tdkt.letters.templates-dir")), certificates(dir, issuer)),
                verificationSecret(dir),
                domain, check, emlDir, topics, Clock.systemUTC(), new LetterService.Policy(
                config.getInt("tdkt.letters.max-attempts"), config.getLong("tdkt.letters.backoff-ms"),
                config.getLong("tdkt.letters.max-backoff-ms"), config.getLong("tdkt.letters.lease-ms"),
                config.getInt("tdkt.letters.batch"), config.getLong("tdkt.letters.stall-ms")), identity.owner(),
                identity.claimPrefix(), metrics::letter);
    }

    /**
     * The certificates' signer and verification address: the PKCS#12 keystore of {@code tdkt.letters.signing.*}, or
     * (none configured) the council's own chain made once in the data folder; time-stamped (PAdES-B-T) when
     * {@code tdkt.letters.tsa-url} is set.
     */
    private Certificates certificates(Path dir, Issuer issuer) {
        String keystore = config.get("tdkt.letters.signing.keystore");
        SigningKey key;
        if (!keystore.isEmpty()) {
            key = SigningKey.fromPkcs12(Path.of(keystore),
                    config.get("tdkt.letters.signing.keystore-password").toCharArray(),
                    config.get("tdkt.letters.signing.alias"));
            certificateSigning = "signed by " + key.signerName() + " (keystore " + keystore + ")";
        } else {
            EmbeddedSigningKey.Loaded loaded = EmbeddedSigningKey.loadOrCreate(dir, issuer.name(), issuer.parent(),
                    issuer.place());
            key = loaded.key();
            certificateSigning = "signed by " + key.signerName() + " with a key " + (loaded.created() ? "made now"
                    : "made earlier") + " in " + loaded.keystore() + " (self-made root, not trusted; production: "
                    + "set tdkt.letters.signing.keystore, see templates/README.md)";
            LOG.warn("Certificates are signed with the embedded council key {} ({}): install the province's "
                    + "certificate (tdkt.letters.signing.keystore) in production", loaded.keystore(),
                    loaded.created() ? "made now" : "made earlier");
        }
        try {
            key.certificate().checkValidity();
        } catch (java.security.cert.CertificateException e) {
            LOG.warn("The signing certificate {} is not valid now: {}", key.certificate().getSubjectX500Principal(),
                    e.getMessage());
        }
        String tsa = config.get("tdkt.letters.tsa-url");
        TimeStampClient timeStamps = tsa.isEmpty() ? null
                : new TimeStampClient(java.net.URI.create(tsa), Duration.ofMillis(config.getLong("tdkt.letters.tsa-timeout-ms")));
        if (timeStamps != null) {
            certificateSigning += ", time-stamped by " + tsa;
        }
        String publicBase = config.get("tdkt.http.public-base-url");
        certificates = new Certificates(publicBase.isEmpty() ? this::httpBase : () -> publicBase,
                new PadesSigner(key, timeStamps), Clock.systemUTC());
        return certificates;
    }

    /** How certificates are signed (the banner's line). */
    public String certificateSigning() {
        return certificateSigning;
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
        if (!host.isEmpty()) {
            intakeMailbox = new SmtpEndpoint.Settings(protocol, host, port, 10_000, user, password, false, "", "");
        }
        overrides.setProperty("tdkt.intake.mail.uri", (host.isEmpty() ? "imap://localhost:1" : protocol + "://" + host + ":"
                + port) + "?folderName=" + config.get("tdkt.intake.mail.folder")
                + "&unseen=true&delete=false&peek=true&maxMessagesPerPoll=20"
                + "&delay=" + config.get("tdkt.intake.mail.poll-ms") + "&connectionTimeout=10000");
    }


    /** The shortest secret (verification secret, intake signing key) the hub accepts, in characters. */
    static final int MIN_SECRET = 16;

    /**
     * The configured secret, or one generated once and kept in the data folder, readable by its owner only (0600
     * where the file system has POSIX permissions; an older, wider file is narrowed).
     */
    private byte[] verificationSecret(Path dir) throws IOException {
        String configured = config.get("tdkt.letters.verification-secret");
        if (!configured.isEmpty()) {
            return configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("verification.key");
        if (!Files.exists(file)) {
            OwnerOnlyFiles.write(file, Credentials.newToken());
            LOG.warn("Generated a verification secret in {}: set tdkt.letters.verification-secret (the same on every "
                    + "instance) in production", file);
        } else {
            OwnerOnlyFiles.narrow(file);
        }
        String stored = Files.readString(file).trim();
        if (stored.length() < MIN_SECRET) {
            throw new IllegalStateException("The verification secret in " + file + " is shorter than "
                    + MIN_SECRET + " characters: delete the file (a new one is generated) or set "
                    + "tdkt.letters.verification-secret");
        }
        return stored.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The key with which the HTTP intake signs what it publishes, as a trusted intake ({@link SignatureCheck}):
     * {@code tdkt.intake.signing-key} (the same on every instance); in embedded mode without one, generated once
     * into the data folder (0600). Needed only when signatures are required (else null: published unsigned);
     * then, outside embedded mode, a missing key stops the hub with a clear message.
     */
    private byte[] intakeSigningKey(Path dir) throws IOException {
        String configured = config.get("tdkt.intake.signing-key");
        if (!configured.isEmpty()) {
            return configured.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!config.getBoolean("tdkt.intake.signatures-required")) {
            return null;
        }
        if (embeddedKafka == null) {
            throw missingIntakeKey();
        }
        Path file = dir.resolve("intake.key");
        if (!Files.exists(file)) {
            OwnerOnlyFiles.write(file, Credentials.newToken());
        } else {
            OwnerOnlyFiles.narrow(file);
        }
        return Files.readString(file).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static IllegalStateException missingIntakeKey() {
        return new IllegalStateException("tdkt.intake.signatures-required=true needs tdkt.intake.signing-key "
                + "(TDKT_INTAKE_SIGNING_KEY, at least " + MIN_SECRET + " characters, the same on every instance): "
                + "the HTTP intake signs what it publishes with it; the hub does not start");
    }

    /** Settings checked before anything starts: a bad one stops the hub with a clear message. */
    private void checkSettings() {
        if (config.getBoolean("tdkt.intake.signatures-required") && config.get("tdkt.intake.signing-key").isEmpty()
                && !config.get("tdkt.kafka.bootstrap").isEmpty()) {
            throw missingIntakeKey();
        }
        String intakeKey = config.get("tdkt.intake.signing-key");
        if (!intakeKey.isEmpty() && intakeKey.length() < MIN_SECRET) {
            throw new IllegalStateException("tdkt.intake.signing-key (TDKT_INTAKE_SIGNING_KEY) has "
                    + intakeKey.length() + " characters: at least " + MIN_SECRET
                    + " are needed; the hub does not start");
        }
        String secret = config.get("tdkt.letters.verification-secret");
        if (!secret.isEmpty() && secret.length() < MIN_SECRET) {
            throw new IllegalStateException("tdkt.letters.verification-secret (TDKT_LETTERS_VERIFICATION_SECRET) has "
                    + secret.length() + " characters: at least " + MIN_SECRET + " are needed (the codes "
                    + "printed on the certificates would be easy to forge); the hub does not start");
        }
    }

    /**
     * The SMTP server of the letters: credentials and TLS go to the mail component ({@link SmtpEndpoint}), never
     * into the endpoint URI, which is a Camel property and printed at start.
     */
    private SmtpEndpoint.Settings smtpSettings() {
        return new SmtpEndpoint.Settings(config.get("tdkt.smtp.protocol"), smtpHost, smtpPort,
                config.getInt("tdkt.smtp.timeout-ms"), config.get("tdkt.smtp.username"),
                config.get("tdkt.smtp.password"), config.getBoolean("tdkt.smtp.starttls"),
                config.get("tdkt.smtp.ssl-truststore-location"), config.get("tdkt.smtp.ssl-truststore-password"));
    }

    /** Words that mark a setting as a secret: such settings never become Camel properties. */
    private static final java.util.regex.Pattern SECRET_KEY =
            java.util.regex.Pattern.compile(".*(password|secret|credentials|signing-key|token|jaas).*");

    /**
     * The settings handed to Camel's property placeholders, the secrets left out: the routes use none, and
     * whatever Camel may print of its properties then holds none.
     */
    static Properties withoutSecrets(Properties all) {
        Properties out = new Properties();
        for (String key : all.stringPropertyNames()) {
            if (!SECRET_KEY.matcher(key.toLowerCase(java.util.Locale.ROOT)).matches()) {
                out.setProperty(key, all.getProperty(key));
            }
        }
        return out;
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

    /** The HTTP audit trail. */
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    /** The live stream of the dashboard. */
    public LiveEvents liveEvents() {
        return liveEvents;
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
        stopQuietly("metrics", metrics::close);
        stopQuietly("health checks", () -> {
            if (health != null) {
                health.close();
            }
        });
        stopQuietly("instance identity", () -> {
            if (identity != null) {
                identity.close();
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
