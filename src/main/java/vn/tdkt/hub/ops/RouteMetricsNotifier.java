package vn.tdkt.hub.ops;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Feeds {@link HubMetrics} with every finished exchange, tagged by its route id, and tells {@code failures} (the
 * memory watch of readiness) the exception of every failed exchange.
 */
public final class RouteMetricsNotifier extends EventNotifierSupport {

    private final HubMetrics metrics;
    private final java.util.function.Consumer<Throwable> failures;

    public RouteMetricsNotifier(HubMetrics metrics, java.util.function.Consumer<Throwable> failures) {
        this.metrics = metrics;
        this.failures = failures;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent) {
            Exchange e = ((CamelEvent.ExchangeEvent) event).getExchange();
            String route = e.getFromRouteId();
            if (route != null) {
                long nanos = (System.currentTimeMillis() - e.getClock().getCreated()) * 1_000_000L;
                metrics.routeExchange(route, event instanceof ExchangeFailedEvent, nanos);
            }
            if (event instanceof ExchangeFailedEvent && e.getException() != null) {
                failures.accept(e.getException());
            }
        }
    }
}
