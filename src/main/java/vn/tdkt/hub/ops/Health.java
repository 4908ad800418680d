package vn.tdkt.hub.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.health.ConsumersHealthCheckRepository;
import org.apache.camel.impl.health.RoutesHealthCheckRepository;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import vn.tdkt.hub.http.HttpAnswer;
import vn.tdkt.hub.store.Database;

/**
 * Liveness (the process answers) and readiness, checked on each call with short time-outs:
 * <ul>
 * <li>{@code database}, {@code kafka}: reachable now;</li>
 * <li>{@code intake}: Camel's health checks of the intake's routes (route started) and of its Kafka consumers
 * (camel-kafka's consumer check: every consumer task connected and polling), and no intake consumer thread died
 * of an uncaught error since the route last started;</li>
 * <li>{@code letters}: Camel's checks of the letters routes (the sending loop and its leases' heartbeat), and the
 * loop showed progress within {@code tdkt.letters.stall-ms};</li>
 * <li>{@code memory}: no recent OutOfMemoryError, heap after collection under the limit ({@link MemoryWatch}).</li>
 * </ul>
 * Ready (200, UP) only when every check is UP; 503 with each check's details otherwise. While not ready, the hub
 * does not commit offsets anyway: nothing is lost.
 */
public final class Health implements AutoCloseable {

    /** The intake's routes: consumers, hand-over and publisher (every one is needed for records to flow). */
    public static final Set<String> INTAKE_ROUTES = Set.of("intake", "intake-hand-over", "intake-publisher");
    /** The letters' routes: the sending loop and the leases' heartbeat. */
    public static final Set<String> LETTERS_ROUTES = Set.of("letters", "letters-lease-renewal");

    /** What the letters loop tells about itself. */
    public interface LettersLoop {
        /** Milliseconds since the loop's last sign of progress. */
        long sinceLastBeat();
    }

    private final Database db;
    private final Admin admin;
    private final MemoryWatch memory;
    private final LongSupplier clock;
    private volatile CamelContext camel;
    private volatile LettersLoop letters;
    private volatile long stallMs;
    private volatile String intakeThreadName;

    public Health(Database db, Map<String, Object> kafkaClientProps, MemoryWatch memory, LongSupplier clock) {
        this.db = db;
        this.memory = memory;
        this.clock = clock;
        Map<String, Object> props = new java.util.HashMap<>(kafkaClientProps);
        props.put("request.timeout.ms", 3000);
        props.put("default.api.timeout.ms", 3000);
        this.admin = Admin.create(props);
    }

    /**
     * Watches the running Camel context: the intake's consumer threads are the camel-kafka threads of
     * {@code resultsTopic} ("KafkaConsumer[topic]"); the letters loop reports its progress.
     */
    public void watch(CamelContext context, String resultsTopic, LettersLoop loop, long lettersStallMs) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            // Camel's route and consumer checks (camel-health): a route started, its consumer running (for
            // camel-kafka: every consumer task connected and polling)
            registry.setEnabled(true);
            if (registry.getRepository("routes").isEmpty()) {
                registry.register(new RoutesHealthCheckRepository());
            }
            if (registry.getRepository("consumers").isEmpty()) {
                registry.register(new ConsumersHealthCheckRepository());
            }
        }
        this.intakeThreadName = "KafkaConsumer[" + resultsTopic + "]";
        this.letters = loop;
        this.stallMs = lettersStallMs;
        this.camel = context;
    }

    /** The Kafka admin client of the checks (also used for the consumer-lag metrics). */
    public Admin admin() {
        return admin;
    }

    public HttpAnswer live() {
        return HttpAnswer.ok(Map.of("status", "UP"));
    }

    public HttpAnswer ready() {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("database", simple(db.isReachable()));
        checks.put("kafka", simple(kafkaReachable()));
        CamelContext context = camel;
        if (context != null) {
            Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context, "full");
            checks.put("intake", intake(context, results));
            checks.put("letters", letters(results));
        } else {
            checks.put("intake", Map.of("status", "DOWN", "message", "not started"));
            checks.put("letters", Map.of("status", "DOWN", "message", "not started"));
        }
        checks.put("memory", memory.check());
        boolean up = checks.values().stream().allMatch(c -> "UP".equals(((Map<?, ?>) c).get("status")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", up ? "UP" : "DOWN");
        // the short form of earlier versions, kept for existing probes
        m.put("database", ((Map<?, ?>) checks.get("database")).get("status"));
        m.put("kafka", ((Map<?, ?>) checks.get("kafka")).get("status"));
        m.put("checks", checks);
        return HttpAnswer.json(up ? 200 : 503, m);
    }

    private static Map<String, Object> simple(boolean up) {
        return Map.of("status", up ? "UP" : "DOWN");
    }

    private Map<String, Object> intake(CamelContext context, Collection<HealthCheck.Result> results) {
        Map<String, Object> m = camelChecks(results, INTAKE_ROUTES);
        Route intake = context.getRoute("intake");
        long since = intake == null ? clock.getAsLong() : clock.getAsLong() - intake.getUptimeMillis();
        List<MemoryWatch.ThreadDeath> dead = memory.deaths(intakeThreadName, since);
        m.put("consumerThreads", countThreads(intakeThreadName));
        if (!dead.isEmpty()) {
            m.put("status", "DOWN");
            m.put("deadConsumerThreads", dead.stream().map(d -> d.thread() + ": " + d.error()).toList());
        }
        return m;
    }

    private Map<String, Object> letters(Collection<HealthCheck.Result> results) {
        Map<String, Object> m = camelChecks(results, LETTERS_ROUTES);
        LettersLoop loop = letters;
        if (loop != null) {
            long since = loop.sinceLastBeat();
            m.put("lastProgressMsAgo", since);
            if (since > stallMs) {
                m.put("status", "DOWN");
                m.put("message", "the letters loop has shown no progress for " + since + " ms");
            }
        }
        return m;
    }

    /** Camel's route and consumer checks of {@code routes}: DOWN when one is not UP or a route has no check. */
    private static Map<String, Object> camelChecks(Collection<HealthCheck.Result> results, Set<String> routes) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean up = true;
        List<String> seen = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (HealthCheck.Result r : results) {
            Object route = r.getDetails().get("route.id");
            if (route == null || !routes.contains(route.toString())) {
                continue;
            }
            seen.add(route.toString());
            String state = r.getState().name();
            up &= r.getState() == HealthCheck.State.UP;
            details.put(r.getCheck().getId(), r.getMessage().map(msg -> state + ": " + msg).orElse(state));
        }
        for (String route : routes) {
            if (!seen.contains(route)) {
                up = false;
                details.put("route:" + route, "DOWN: no such route");
            }
        }
        m.put("status", up ? "UP" : "DOWN");
        m.put("camel", details);
        return m;
    }

    /** Live threads whose name contains {@code namePart}. */
    static int countThreads(String namePart) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(threads, true);
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (threads[i].isAlive() && threads[i].getName().contains(namePart)) {
                count++;
            }
        }
        return count;
    }

    private boolean kafkaReachable() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
