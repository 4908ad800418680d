package vn.tdkt.hub.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has got on a topic, from the broker's point of view (committed offsets, which the
 * hub commits only after a record's outcome is durable). Used to wait until every record that reached a topic
 * before a given moment has been processed, whichever hub instance processed it.
 */
public final class ConsumerProgress implements AutoCloseable {

    private final Admin admin;

    public ConsumerProgress(Map<String, Object> clientProps) {
        this.admin = Admin.create(clientProps);
    }

    /** The topic's end offsets now, per partition. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            TopicDescription d = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            d.partitions().forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : admin.listOffsets(specs).all()
                    .get(30, TimeUnit.SECONDS).entrySet()) {
                out.put(e.getKey(), e.getValue().offset());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }

    /** True when the group has committed at least {@code targets} on every partition. */
    public boolean reached(String group, Map<TopicPartition, Long> targets) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            for (var t : targets.entrySet()) {
                if (t.getValue() == 0) {
                    continue;
                }
                OffsetAndMetadata c = committed.get(t.getKey());
                if (c == null || c.offset() < t.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        }
    }

    /**
     * Waits until the group has processed the topic up to the given end offsets; false when {@code timeout}
     * passes first.
     */
    public boolean awaitReached(String group, Map<TopicPartition, Long> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(group, targets)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
