package vn.tdkt.hub.kafka;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import vn.tdkt.hub.intake.OutboxBatch;

/**
 * Where the intake hands each committed outbox batch ({@link vn.tdkt.hub.intake.IntakeService}): the
 * {@code intake-hand-over} route ({@code routes/intake.camel.yaml}), which queues it for the publisher. Called on
 * the consumer thread that committed the batch, in commit order.
 */
public final class OutboxHandOver implements Consumer<OutboxBatch> {

    /** The endpoint of the {@code intake-hand-over} route. */
    public static final String ENDPOINT = "direct:intake-hand-over";

    private volatile ProducerTemplate template;

    /** Connects to Camel; before this, a hand-over is refused (the batch stays in the outbox for recovery). */
    public void start(CamelContext camel) {
        template = camel.createProducerTemplate();
    }

    @Override
    public void accept(OutboxBatch batch) {
        ProducerTemplate t = template;
        if (t == null) {
            throw new IllegalStateException("The outbox hand-over is not connected to Camel yet");
        }
        t.sendBody(ENDPOINT, batch);
    }
}
