package vn.tdkt.hub.ops;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.http.HttpAnswer;
import vn.tdkt.hub.intake.IntakeMetrics;

/**
 * The hub's Prometheus metrics: records accepted, rejected by reason, duplicates and parked; intake batch
 * (validate + score + store) latency; exchanges per Camel route; letters sent and failed. Scraped at
 * {@code GET /metrics}.
 */
public final class HubMetrics implements IntakeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter accepted = record("accepted");
    private final Counter duplicates = record("duplicate");
    private final Counter parked = record("parked");
    private final Timer scoring = Timer.builder("tdkt.intake.batch")
            .description("Time to validate, score and store one intake batch").publishPercentileHistogram()
            .register(registry);

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
        return registry.scrape();
    }

    /** The Prometheus text exposition, as an HTTP answer. */
    public HttpAnswer answer() {
        return HttpAnswer.text("text/plain; version=0.0.4; charset=utf-8", scrape());
    }
}
