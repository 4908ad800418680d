package vn.tdkt.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real, in-process, single-node KRaft broker secured as a production cluster would be, for tests:
 * <ul>
 *   <li>{@code CLIENT} listener: SASL_SSL with SCRAM-SHA-512 only, TLS with a self-signed server certificate
 *       (subject alternative name 127.0.0.1) generated at start by {@code keytool} in the given directory, with
 *       random store passwords; no client certificates ({@code ssl.client.auth=none}). This is the listener the
 *       hub and the departments use.</li>
 *   <li>{@code INTERNAL} (inter-broker) and {@code CONTROLLER} listeners: PLAINTEXT on 127.0.0.1, whose
 *       principal {@code User:ANONYMOUS} is the only super user; the test uses {@code INTERNAL} to set the broker
 *       up (SCRAM users, ACLs, reading topics). A production cluster would secure these too.</li>
 *   <li>KRaft's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: a SCRAM user may do
 *       only what an ACL allows.</li>
 * </ul>
 * Nothing secret is stored outside the directory, and every password is generated at run time.
 */
public final class SecureKafka implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Path keystore;
    private final Path truststore;
    private final String keystorePassword = randomSecret();
    private final String truststorePassword = randomSecret();
    private int clientPort;
    private int internalPort;
    private int controllerPort;
    private KafkaRaftServer server;

    private SecureKafka(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.keystore = this.dir.resolve("tls/broker.p12");
        this.truststore = this.dir.resolve("tls/truststore.p12");
    }

    /** Generates the TLS material, formats the storage and starts the broker; returns once it answers. */
    public static SecureKafka start(Path dir) {
        SecureKafka kafka = new SecureKafka(dir);
        kafka.generateTls();
        kafka.launch();
        return kafka;
    }

    /** A random password (24 random bytes, URL-safe Base64). */
    public static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SASL_SSL (SCRAM-SHA-512) listener, for the hub and the departments. */
    public String saslSslBootstrap() {
        return HOST + ":" + clientPort;
    }

    /** The PLAINTEXT listener whose anonymous principal is a super user: for setting up and inspecting only. */
    public String internalBootstrap() {
        return HOST + ":" + internalPort;
    }

    /** PKCS12 truststore holding the broker's certificate. */
    public Path truststore() {
        return truststore;
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    /** Kafka client settings for {@code user} on the SASL_SSL listener. */
    public Map<String, Object> clientProps(String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslSslBootstrap());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + user + "\" password=\"" + password + "\";");
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
        return p;
    }

    /** An admin client on the internal listener (super user). */
    public Admin admin() {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap(),
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    /**
     * Creates (or replaces) SCRAM-SHA-512 credentials (user name to password) and waits until the broker accepts
     * each user on the SASL_SSL listener.
     */
    public void createUsers(Map<String, String> passwords) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(passwords.entrySet().stream()
                    .<UserScramCredentialAlteration>map(e -> new UserScramCredentialUpsertion(e.getKey(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), e.getValue()))
                    .toList()).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create SCRAM users " + passwords.keySet(), e);
        }
        passwords.forEach((user, password) -> {
            Map<String, Object> props = clientProps(user, password);
            props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
                try (Admin asUser = Admin.create(props)) {
                    return !asUser.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                }
            });
        });
    }

    /** Adds ACLs and waits until the broker's authorizer has every one of them. */
    public void addAcls(Collection<AclBinding> acls) {
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            await().atMost(TIMEOUT).until(() -> admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(5, TimeUnit.SECONDS).containsAll(acls));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create ACLs " + acls, e);
        }
    }

    /** Every record now on {@code topic}, read as the super user from the beginning to the current end. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    // ---- TLS material -------------------------------------------------------------------------------------

    /**
     * A self-signed EC certificate for 127.0.0.1 in a PKCS12 keystore (by keytool, whose store password comes
     * through its environment, not its command line), and a PKCS12 truststore holding only that certificate.
     */
    private void generateTls() {
        try {
            Files.createDirectories(keystore.getParent());
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=127.0.0.1,O=tdkt-test", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", "KS_PASS",
                    "-keypass:env", "KS_PASS");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                keys.load(in, keystorePassword.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("tdkt-test-broker", keys.getCertificate("broker"));
            try (OutputStream out = Files.newOutputStream(truststore)) {
                trust.store(out, truststorePassword.toCharArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the test truststore", e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KS_PASS", keystorePassword);
        try {
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the broker -----------------------------------------------------------------------------------------

    private void launch() {
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka requested JVM exit(" + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka requested JVM halt(" + status + "): " + message);
        });
        Path logDir = dir.resolve("log");
        for (int attempt = 1; ; attempt++) {
            clientPort = freePort();
            internalPort = freePort();
            controllerPort = freePort();
            format(logDir);
            KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(brokerProperties(logDir), false),
                    Time.SYSTEM);
            try {
                starting.startup();
                server = starting;
                break;
            } catch (RuntimeException e) {
                starting.shutdown();
                starting.awaitShutdown();
                if (!isBindFailure(e) || attempt == 5) {
                    throw e;
                }
            }
        }
        try (Admin admin = admin()) {
            await().atMost(TIMEOUT).ignoreExceptions().until(() ->
                    !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty());
        }
    }

    private Map<String, String> brokerProperties(Path logDir) {
        String client = "CLIENT://" + HOST + ":" + clientPort;
        String internal = "INTERNAL://" + HOST + ":" + internalPort;
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", client + "," + internal + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", client + "," + internal);
        p.put("listener.security.protocol.map", "CLIENT:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "INTERNAL");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        // SASL/SCRAM and TLS on the client listener
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("listener.name.client.sasl.enabled.mechanisms", MECHANISM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.client.ssl.keystore.type", "PKCS12");
        p.put("listener.name.client.ssl.keystore.location", keystore.toString());
        p.put("listener.name.client.ssl.keystore.password", keystorePassword);
        p.put("listener.name.client.ssl.key.password", keystorePassword);
        p.put("listener.name.client.ssl.client.auth", "none");
        // authorization: ACLs only; the PLAINTEXT listeners' anonymous principal is the broker itself and the test
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
        // single node
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    private static void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setPrintStream(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
