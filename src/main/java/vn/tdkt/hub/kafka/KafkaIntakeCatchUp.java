package vn.tdkt.hub.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import vn.tdkt.hub.closing.IntakeCatchUp;

/**
 * {@link IntakeCatchUp} on Kafka: reads the results topic's end offsets when called, then waits until the
 * intake's consumer group has committed up to them (it commits only after each record's outcome is durable,
 * whichever hub instance handled it).
 */
public final class KafkaIntakeCatchUp implements IntakeCatchUp {

    private final Map<String, Object> clientProps;
    private final String resultsTopic;
    private final String intakeGroup;
    private final Duration timeout;

    public KafkaIntakeCatchUp(Map<String, Object> clientProps, String resultsTopic, String intakeGroup,
                              Duration timeout) {
        this.clientProps = clientProps;
        this.resultsTopic = resultsTopic;
        this.intakeGroup = intakeGroup;
        this.timeout = timeout;
    }

    @Override
    public void await() {
        try (ConsumerProgress progress = new ConsumerProgress(clientProps)) {
            Map<TopicPartition, Long> end = progress.endOffsets(resultsTopic);
            if (!progress.awaitReached(intakeGroup, end, timeout)) {
                throw new IllegalStateException("the intake has not processed " + resultsTopic + " up to " + end
                        + " within " + timeout + ": the close is not decided now and will be retried");
            }
        }
    }
}
