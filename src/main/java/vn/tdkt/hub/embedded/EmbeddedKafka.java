package vn.tdkt.hub.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.kafka.KafkaAdmin;

/**
 * A real, in-process, single-node Apache Kafka broker in KRaft mode for the hub's embedded mode
 * (and for tests): one node with {@code process.roles=broker,controller}, both listeners bound
 * to 127.0.0.1 only, plaintext, no authentication.
 *
 * <p>Storage lives in the given directory and survives restarts: the directory is formatted
 * (with {@link Formatter}) only when it holds no {@code meta.properties} yet, so starting a new
 * {@code EmbeddedKafka} on the same directory keeps topics, records and committed offsets.
 *
 * <p>Choices made here (the specification is silent on embedded mode):
 * <ul>
 *   <li>The controller quorum is static ({@code controller.quorum.voters}), so the controller port
 *       is never written into the metadata log and may differ between runs on one directory; it
 *       is always a free port picked at start. The broker port is the configured one, or a free
 *       one when 0 is given. Ports are picked before start (Kafka exposes no public API for the
 *       port it bound); if binding fails, new ports are picked (a configured broker port is
 *       kept) and the start is retried, for up to 10 s.</li>
 *   <li>Internal topics have replication factor 1 and {@code __consumer_offsets} one partition;
 *       {@code auto.create.topics.enable=false} because the hub creates its topics explicitly
 *       ({@link #createTopics(Map)}); new topics default to 1 partition.</li>
 *   <li>The log cleaner's dedupe buffer is 16 MiB instead of 128 MiB: it is allocated on the
 *       hub's heap and only compacts the small {@code __consumer_offsets} topic here.</li>
 *   <li>{@link #stop()} followed by {@link #restart()} brings the same node back on the same
 *       ports and directory (for fault tests); a port not yet released is retried for up to
 *       10 s.</li>
 * </ul>
 *
 * <p>JVM exit: on a fatal error the Kafka server calls {@link Exit#exit} or {@link Exit#halt},
 * which by default terminate the whole JVM - here the hub's JVM, without its orderly shutdown.
 * When the first broker starts, both procedures are replaced, once for the JVM, by ones that log
 * the request at ERROR and throw {@link IllegalStateException} in the calling Kafka thread, so a
 * broker failure stays a broker failure (clients see the broker unavailable) instead of killing
 * the hub or a test JVM.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration BIND_RETRY = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicBoolean EXIT_TRAPPED = new AtomicBoolean();

    private final Path logDir;
    private final int configuredBrokerPort;
    private volatile int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int brokerPort) {
        this.logDir = logDir.toAbsolutePath();
        this.configuredBrokerPort = brokerPort;
    }

    /**
     * Starts a broker and returns once it answers client requests.
     *
     * @param logDir     storage directory, created if missing, formatted only if not yet formatted
     * @param brokerPort client port on 127.0.0.1, or 0 for a free port
     */
    public static EmbeddedKafka start(Path logDir, int brokerPort) {
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, brokerPort);
        kafka.launchRetryingBind(true);
        return kafka;
    }

    /** {@code "127.0.0.1:PORT"}, the value for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Creates the given topics (name to partition count, replication factor 1) and waits for the
     * outcome; topics that already exist are left as they are.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                .toList();
        try (Admin admin = admin()) {
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(topics).values().entrySet()) {
                try {
                    await(result.getValue());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            KafkaAdmin.awaitLeaders(admin, partitionsByTopic.keySet(), READY_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /** Shuts the broker down cleanly and waits until it has stopped; does nothing if it is stopped. */
    public synchronized void stop() {
        if (server != null) {
            long started = System.nanoTime();
            shutdown(server);
            server = null;
            LOG.info("Embedded Kafka on {} stopped in {} ms", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /**
     * Starts the broker again on the same ports and directory (stopping it first if it runs) and
     * returns once it answers client requests and leads its partitions again. A port still held is
     * retried for up to 10 s.
     */
    public synchronized void restart() {
        stop();
        launchRetryingBind(false);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Launches, retrying for up to 10 s while a port is in use: with new free ports when
     * {@code pickPorts} (a configured broker port is kept), else on the same ports.
     */
    private synchronized void launchRetryingBind(boolean pickPorts) {
        long deadline = System.nanoTime() + BIND_RETRY.toNanos();
        while (true) {
            if (pickPorts) {
                brokerPort = configuredBrokerPort == 0 ? freePort() : configuredBrokerPort;
                controllerPort = freePort();
            }
            try {
                launch();
                return;
            } catch (RuntimeException e) {
                if (!isBindFailure(e)) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot bind embedded Kafka to 127.0.0.1 ports "
                            + brokerPort + " and " + controllerPort, e);
                }
                LOG.warn("Port {} or {} in use, retrying", brokerPort, controllerPort);
                sleep(Duration.ofMillis(200));
            }
        }
    }

    private void launch() {
        trapExit();
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatIfNeeded();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
            awaitReady();
        } catch (RuntimeException e) {
            try {
                shutdown(starting);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        server = starting;
        LOG.info("Embedded Kafka ready on {} (log dir {})", bootstrapServers(), logDir);
    }

    private Map<String, String> brokerProperties() {
        String broker = "PLAINTEXT://" + HOST + ":" + brokerPort;
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("listeners", broker + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort),
                Map.entry("advertised.listeners", broker),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)));
    }

    private void formatIfNeeded() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDir, e);
        }
        LOG.info("Formatted new Kafka storage in {}", logDir);
        LOG.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    /**
     * Waits until the broker answers a describeCluster request and lists itself, then until it leads every
     * partition of the topics its storage already holds (after a restart, the partitions get their leader back
     * only once the controller has unfenced the broker; a client sending at once meets NOT_LEADER).
     */
    private void awaitReady() {
        try (Admin admin = admin()) {
            if (await(admin.describeCluster().nodes()).isEmpty()) {
                throw new IllegalStateException("Embedded Kafka on " + bootstrapServers() + " lists no broker");
            }
            Set<String> topics = await(admin.listTopics().names());
            if (!topics.isEmpty()) {
                KafkaAdmin.awaitLeaders(admin, topics, READY_TIMEOUT.toMillis());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Embedded Kafka on " + bootstrapServers() + " is not ready", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis()));
    }

    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + READY_TIMEOUT, e);
        }
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void trapExit() {
        if (EXIT_TRAPPED.compareAndSet(false, true)) {
            Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
            Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
        }
    }

    private static void refuse(String kind, int status, String message) {
        LOG.error("Kafka requested JVM {}({}): {}; refused, the embedded broker is failed", kind, status, message);
        throw new IllegalStateException("Kafka requested JVM " + kind + "(" + status + "): " + message);
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
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a port", e);
        }
    }
}
