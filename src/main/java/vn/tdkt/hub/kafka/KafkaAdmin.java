package vn.tdkt.hub.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating topics", e);
        }
    }
}
