package vn.tdkt.hub.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the hub's topics when missing (the cluster's default replication factor; existing topics untouched). */
public final class KafkaAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAdmin.class);

    private KafkaAdmin() {
    }

    public static void ensureTopics(Map<String, Object> clientProps, Collection<String> topics, int partitions) {
        List<NewTopic> wanted = topics.stream().distinct()
                .map(t -> new NewTopic(t, Optional.of(partitions), Optional.empty())).toList();
        try (Admin admin = Admin.create(clientProps)) {
            for (var e : admin.createTopics(wanted).values().entrySet()) {
                try {
                    e.getValue().get(60, TimeUnit.SECONDS);
                    LOG.info("Created topic {} ({} partitions)", e.getKey(), partitions);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey(), ex.getCause());
                    }
                }
            }
            awaitLeaders(admin, wanted.stream().map(NewTopic::name).toList(), 30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topics", e);
        }
    }

    /**
     * Waits (up to {@code timeoutMs}) until the leader of every partition of the topics answers for it (a
     * ListOffsets request succeeds). A topic's creation returns once the controller has recorded it, before the
     * broker has made its replicas leaders: producing at once meets NOT_LEADER_OR_FOLLOWER, and on a single
     * KRaft broker the idempotent producer's retries of that moment were seen to end in
     * OutOfOrderSequenceException (the records never written).
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics, long timeoutMs)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                        d.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()),
                                OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                // not described or not led yet: ask again
            }
            if (System.currentTimeMillis() > deadline) {
                LOG.warn("Topics {} still without a leader after {} ms", topics, timeoutMs);
                return;
            }
            Thread.sleep(50);
        }
    }
}
