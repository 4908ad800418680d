package vn.tdkt.hub.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.http.HttpAnswer;
import vn.tdkt.hub.intake.IntakeMetrics;

/**
 * The hub's Prometheus metrics: records accepted, rejected by reason, duplicates and parked; intake batch
 * (validate + score + store) latency; exchanges per Camel route; letters sent and failed; and, read when scraped
 * ({@link Operations}), the intake group's lag per partition, the outbox backlog and the age of its oldest row,
 * the letters by status; JVM and process metrics (Micrometer's binders). Scraped at {@code GET /metrics}.
 */
public final class HubMetrics implements IntakeMetrics, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile Operations operations;
    private final AtomicLong outboxRows = new AtomicLong();
    private final AtomicLong outboxOldestAgeMs = new AtomicLong();
    private final Map<String, AtomicLong> lettersByStatus = new ConcurrentHashMap<>();
    private MultiGauge lag;
    private final Counter accepted = record("accepted");
    private final Counter duplicates = record("duplicate");
    private final Counter parked = record("parked");
    private final Timer scoring = Timer.builder("tdkt.intake.batch")
            .description("Time to validate, score and store one intake batch").publishPercentileHistogram()
            .register(registry);

    public HubMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Reads {@code ops} on every scrape (intake lag, outbox backlog, letters by status). */
    public void watch(Operations ops) {
        Gauge.builder("tdkt.outbox.backlog", outboxRows, AtomicLong::get).baseUnit("rows")
                .description("Outbox messages committed and not yet published").register(registry);
        Gauge.builder("tdkt.outbox.oldest.age", outboxOldestAgeMs, a -> a.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest outbox message not yet published (0 when none)").register(registry);
        for (String status : List.of("PENDING", "SENDING", "SENT", "FAILED")) {
            AtomicLong n = lettersByStatus.computeIfAbsent(status, s -> new AtomicLong());
            Gauge.builder("tdkt.letters.by.status", n, AtomicLong::get).tag("status", status)
                    .description("Letters by status (PENDING: waiting to be sent, FAILED: until the office resends)")
                    .register(registry);
        }
        lag = MultiGauge.builder("tdkt.intake.consumer.lag").baseUnit("records")
                .description("Records of the results topic not yet committed by the intake's consumer group")
                .register(registry);
        this.operations = ops;
    }

    /** Reads the operations figures now (each part on its own: one failing leaves the others right). */
    void refresh() {
        Operations ops = operations;
        if (ops == null) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            Operations.Backlog b = ops.outbox();
            outboxRows.set(b.rows());
            outboxOldestAgeMs.set(b.oldestCreatedAt() < 0 ? 0 : Math.max(0, now - b.oldestCreatedAt()));
        } catch (RuntimeException e) {
            LOG.debug("Outbox backlog not read: {}", e.toString());
        }
        try {
            Map<String, Long> letters = ops.letters();
            lettersByStatus.forEach((status, n) -> n.set(letters.getOrDefault(status, 0L)));
        } catch (RuntimeException e) {
            LOG.debug("Letters not counted: {}", e.toString());
        }
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            ops.intakeLag().forEach((partition, n) -> rows.add(MultiGauge.Row.of(
                    Tags.of("topic", ops.resultsTopic(), "partition", String.valueOf(partition)), n)));
            lag.register(rows, true);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("Consumer lag not read: {}", e.toString());
        }
    }

    private Counter record(String outcome) {
        return Counter.builder("tdkt.records").tag("outcome", outcome)
                .description("Submissions by outcome").register(registry);
    }

    @Override
    public void batch(int acceptedCount, int duplicateCount, Map<ReasonCode, Integer> rejectedByReason,
                      int parkedCount, long nanos) {
        accepted.increment(acceptedCount);
        duplicates.increment(duplicateCount);
        parked.increment(parkedCount);
        rejectedByReason.forEach((code, n) -> Counter.builder("tdkt.records.rejected").tag("reason", code.name())
                .description("Rejected submissions by reason").register(registry).increment(n));
        scoring.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One exchange of a Camel route finished. */
    public void routeExchange(String routeId, boolean failed, long nanos) {
        Timer.builder("tdkt.route.exchanges").tag("route", routeId).tag("failed", String.valueOf(failed))
                .description("Exchanges per Camel route").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A letter reached its outcome (SENT or FAILED). */
    public void letter(String status) {
        Counter.builder("tdkt.letters").tag("status", status).description("Letters by outcome")
                .register(registry).increment();
    }

    /**
     * The live stream's gauges: open streams, streams refused because the limit was reached, clients disconnected
     * because they did not read.
     */
    public void liveStream(java.util.function.IntSupplier open, java.util.function.LongSupplier refusedFull,
                           java.util.function.LongSupplier disconnectedSlow) {
        io.micrometer.core.instrument.Gauge.builder("tdkt.live.clients", open::getAsInt)
                .description("Open live-event streams").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tdkt.live.refused.full", refusedFull,
                        s -> refusedFull.getAsLong())
                .description("Live-event streams refused with 503 (limit reached)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tdkt.live.disconnected.slow", disconnectedSlow,
                        s -> disconnectedSlow.getAsLong())
                .description("Live-event clients disconnected because they did not read").register(registry);
    }

    public String scrape() {
        refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
    }

    /** The Prometheus text exposition, as an HTTP answer. */
    public HttpAnswer answer() {
        return HttpAnswer.text("text/plain; version=0.0.4; charset=utf-8", scrape());
    }
}
