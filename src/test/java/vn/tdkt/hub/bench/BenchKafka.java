package vn.tdkt.hub.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import vn.tdkt.hub.kafka.ConsumerProgress;

/**
 * The benchmark's Kafka side in its own JVM: publishing, watching consumer groups (when a group starts consuming,
 * when it has committed everything) and reading output topics in the background.
 */
final class BenchKafka implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;
    private final ConsumerProgress progress;

    BenchKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.progress = new ConsumerProgress(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** A producer of String keys and byte values, acks=all; {@code lingerMs} 0 for latency, more for bulk. */
    KafkaProducer<String, byte[]> producer(int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes the messages (each with its key) and waits for every acknowledgement; fails if one fails. */
    void publish(String topic, Collection<BenchData.Message> messages) {
        try (KafkaProducer<String, byte[]> producer = producer(20)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
            for (BenchData.Message m : messages) {
                byte[] value = m.json().getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(topic, m.key(), value)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    Map<TopicPartition, Long> endOffsets(String topic) {
        return progress.endOffsets(topic);
    }

    static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits until the group has a member with partitions assigned (it has started consuming) and returns
     * {@link System#nanoTime()} then; polls every 20 ms; {@code alive} is checked meanwhile.
     */
    long awaitConsuming(String group, Runnable alive, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            alive.run();
            try {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                        .get(10, TimeUnit.SECONDS);
                if (d.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return System.nanoTime();
                }
            } catch (ExecutionException e) {
                // the group does not exist yet
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("cannot describe group " + group, e);
            }
            pause(20);
        }
        throw new IllegalStateException("group " + group + " did not start consuming within " + timeout);
    }

    /**
     * Waits until the group has committed the given offsets and returns {@link System#nanoTime()} then; polls every
     * 10 ms; {@code alive} is checked meanwhile.
     */
    long awaitCommitted(String group, Map<TopicPartition, Long> targets, Runnable alive, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!progress.reached(group, targets)) {
            alive.run();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("group " + group + " did not reach " + targets + " within " + timeout);
            }
            pause(10);
        }
        return System.nanoTime();
    }

    /** Reads every partition of {@code topic} from its current end on a background thread, record by record. */
    TopicTail tail(String topic, Consumer<ConsumerRecord<String, String>> handler) {
        return new TopicTail(topic, handler);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        progress.close();
        admin.close(Duration.ofSeconds(5));
    }

    /** A background reader of one topic (no consumer group: all partitions assigned, from their end). */
    final class TopicTail implements AutoCloseable {

        private final Thread thread;
        private volatile boolean running = true;

        private TopicTail(String topic, Consumer<ConsumerRecord<String, String>> handler) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end now: records published from here on are read
            thread = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        consumer.poll(Duration.ofMillis(50)).forEach(handler);
                    }
                }
            }, "tail-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
