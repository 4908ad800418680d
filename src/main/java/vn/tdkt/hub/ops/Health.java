package vn.tdkt.hub.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import vn.tdkt.hub.http.HttpAnswer;
import vn.tdkt.hub.store.Database;

/**
 * Liveness (the process answers) and readiness (the database and Kafka are reachable now; checked on each
 * call with short time-outs). While not ready, the hub does not commit offsets anyway: nothing is lost.
 */
public final class Health implements AutoCloseable {

    private final Database db;
    private final Admin admin;

    public Health(Database db, Map<String, Object> kafkaClientProps) {
        this.db = db;
        Map<String, Object> props = new java.util.HashMap<>(kafkaClientProps);
        props.put("request.timeout.ms", 3000);
        props.put("default.api.timeout.ms", 3000);
        this.admin = Admin.create(props);
    }

    public HttpAnswer live() {
        return HttpAnswer.ok(Map.of("status", "UP"));
    }

    public HttpAnswer ready() {
        boolean database = db.isReachable();
        boolean kafka = kafkaReachable();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", database && kafka ? "UP" : "DOWN");
        m.put("database", database ? "UP" : "DOWN");
        m.put("kafka", kafka ? "UP" : "DOWN");
        return HttpAnswer.json(database && kafka ? 200 : 503, m);
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
