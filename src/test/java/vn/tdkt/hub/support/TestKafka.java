package vn.tdkt.hub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import vn.tdkt.hub.embedded.EmbeddedKafka;

/**
 * One real in-process KRaft broker for the whole test JVM (started on first use, stopped at exit), plus plain
 * kafka-clients helpers to publish and read back. Tests isolate themselves with their own topic names.
 */
public final class TestKafka {

    private static final int PUBLISH_ATTEMPTS = 3;

    private static EmbeddedKafka broker;

    private TestKafka() {
    }

    public static synchronized EmbeddedKafka broker() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("tdkt-kafka-");
                broker = EmbeddedKafka.start(dir, 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
        }
        return broker;
    }

    public static String bootstrap() {
        return broker().bootstrapServers();
    }

    /** Publishes values (byte[] or String) with their keys, waiting for every acknowledgement. */
    public static void publish(String topic, List<Map.Entry<String, byte[]>> records) {
        publish(bootstrap(), topic, records);
    }

    /**
     * Same as {@link #publish(String, List)} on another broker. Records whose send fails with a timeout are sent
     * again, in their order, by a new producer (at most {@value #PUBLISH_ATTEMPTS} attempts of 40 s each): once in
     * CI, a producer created right after a broker restart expired all its records of one partition after 120 s,
     * never sent. A record sent twice is a duplicate the hub recognises.
     */
    public static void publish(String bootstrap, String topic, List<Map.Entry<String, byte[]>> records) {
        List<Map.Entry<String, byte[]>> pending = records;
        for (int attempt = 1; ; attempt++) {
            List<Map.Entry<String, byte[]>> failed = new ArrayList<>();
            Exception cause = null;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(bootstrap),
                    new StringSerializer(), new ByteArraySerializer())) {
                List<Future<?>> sent = new ArrayList<>();
                for (var r : pending) {
                    sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
                }
                for (int i = 0; i < sent.size(); i++) {
                    try {
                        sent.get(i).get();
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TimeoutException) || attempt == PUBLISH_ATTEMPTS) {
                            throw new IllegalStateException(e);
                        }
                        failed.add(pending.get(i));
                        cause = e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failed.isEmpty()) {
                return;
            }
            System.out.printf("TestKafka.publish: %d of %d records to %s timed out (%s); sending them again%n",
                    failed.size(), pending.size(), topic, cause.getCause().getMessage());
            pending = failed;
        }
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 40_000);
        return p;
    }

    /** Reads the topic from the beginning until {@code quiet} passes without a new record. */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietUntil = System.currentTimeMillis() + quiet.toMillis() + 5_000; // first poll joins the group
            while (System.currentTimeMillis() < quietUntil) {
                var polled = consumer.poll(Duration.ofMillis(200));
                if (!polled.isEmpty()) {
                    polled.forEach(out::add);
                    quietUntil = System.currentTimeMillis() + quiet.toMillis();
                }
            }
        }
        return out;
    }

    /**
     * Every record of the topic, read from the beginning to the end offsets of its partitions as they are at the
     * call (each partition in its order): what a consumer building a table from the topic reads.
     */
    public static List<ConsumerRecord<String, String>> readToEnd(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end in 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
