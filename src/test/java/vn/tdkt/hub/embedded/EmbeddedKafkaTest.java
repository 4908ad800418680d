package vn.tdkt.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real broker, real clients. One broker per class; the tests that stop or replace it leave a
 * running broker on the same directory in {@link #kafka} for the others.
 */
class EmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.brokerPort());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", kafka.brokerPort()), 1000);
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(ListeningSockets.addresses(kafka.brokerPort())).containsExactly(ListeningSockets.LOOPBACK);
    }

    @Test
    void createTopicsIgnoresExistingTopics() throws Exception {
        kafka.createTopics(Map.of("twice", 3));
        kafka.createTopics(Map.of("twice", 5));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            var description = admin.describeTopics(Set.of("twice")).allTopicNames().get().get("twice");
            // created with 3 partitions; the second call must not change it
            assertThat(description.partitions()).hasSize(3);
        }
    }

    /**
     * Once {@code createTopics} returns, the leader of every new partition answers for it: a ListOffsets request
     * at once, with no retry, succeeds (producing into a partition whose leader was not ready yet ended in
     * OutOfOrderSequenceException on this single broker).
     */
    @Test
    void createdTopicsAreLedWhenCreateTopicsReturns() throws Exception {
        for (int round = 0; round < 5; round++) {
            String topic = "led-" + round;
            kafka.createTopics(Map.of(topic, 6));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(), AdminClientConfig.RETRIES_CONFIG, 0))) {
                Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> all = new java.util.HashMap<>();
                for (int p = 0; p < 6; p++) {
                    all.put(new TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
                }
                var offsets = admin.listOffsets(all).all().get();
                assertThat(offsets).hasSize(6).allSatisfy((tp, info) -> assertThat(info.offset()).isZero());
            }
        }
    }

    @Test
    void topicsRecordsAndCommittedOffsetsSurviveANewBrokerOnTheSameDirectory() throws Exception {
        kafka.createTopics(Map.of("roundtrip", 1));
        produce("roundtrip", "một", "hai", "ba");
        assertThat(consumeAndCommit("keeper", "roundtrip", 3)).containsExactly("một", "hai", "ba");

        kafka.close();
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("keeper").partitionsToOffsetAndMetadata().get();
            // 3 records at offsets 0, 1, 2 consumed: the committed position is the next one, 3
            assertThat(committed.get(new TopicPartition("roundtrip", 0)).offset()).isEqualTo(3);
        }
        assertThat(consumeAndCommit("newcomer", "roundtrip", 3)).containsExactly("một", "hai", "ba");
        produce("roundtrip", "bốn");
        // the old group resumes after its committed offset: only the new record
        assertThat(consumeAndCommit("keeper", "roundtrip", 1)).containsExactly("bốn");
    }

    @Test
    void restartComesBackOnTheSamePortWithItsDataAndLeadsItsPartitionsAtOnce() throws Exception {
        kafka.createTopics(Map.of("restart", 1, "restart-wide", 6));
        produce("restart", "trước");
        int port = kafka.brokerPort();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.restart();

        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.brokerPort()).isEqualTo(port);
        // every partition answers the moment restart() returns: no retry
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), AdminClientConfig.RETRIES_CONFIG, 0))) {
            Map<TopicPartition, OffsetSpec> all = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                all.put(new TopicPartition("restart-wide", p), OffsetSpec.latest());
            }
            all.put(new TopicPartition("restart", 0), OffsetSpec.latest());
            var offsets = admin.listOffsets(all).all().get();
            assertThat(offsets).hasSize(7);
            assertThat(offsets.get(new TopicPartition("restart", 0)).offset()).isEqualTo(1);
        }
        produce("restart", "sau");
        assertThat(consumeAndCommit("restarted", "restart", 2)).containsExactly("trước", "sau");
    }

    private static void produce(String topic, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get();
            }
        } catch (Exception e) {
            throw new AssertionError("Cannot produce to " + topic, e);
        }
    }

    /** Polls until {@code expected} records arrived (or {@link #WAIT} passed), then commits them. */
    private static List<String> consumeAndCommit(String group, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
