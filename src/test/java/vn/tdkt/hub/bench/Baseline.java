package vn.tdkt.hub.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's baseline, run in its own JVM like the hub: the least a Kafka service doing the hub's job could
 * do. A plain kafka-clients consumer loop over the results topic that parses each record (Jackson
 * {@code readTree}), produces one small output record per input (acks=all, idempotent, as the hub's producer),
 * waits for every acknowledgement of the poll and then commits the poll's offsets synchronously (as the hub
 * commits a batch only once its outputs are acknowledged). No validation, no database, no scoring.
 *
 * <p>Settings (system properties): {@code baseline.bootstrap}, {@code baseline.topic}, {@code baseline.group},
 * {@code baseline.out}, {@code baseline.max-poll-records}. Runs until the JVM is stopped.
 */
public final class Baseline {

    private Baseline() {
    }

    public static void main(String[] args) {
        String bootstrap = System.getProperty("baseline.bootstrap");
        ObjectMapper mapper = new ObjectMapper();
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, System.getProperty("baseline.group"));
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the hub's tdkt.intake.batch-size: both read the same number of records per poll
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, System.getProperty("baseline.max-poll-records"));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        String out = System.getProperty("baseline.out");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                     new ByteArraySerializer())) {
            consumer.subscribe(List.of(System.getProperty("baseline.topic")));
            while (!Thread.currentThread().isInterrupted()) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(Duration.ofMillis(100));
                if (polled.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : polled) {
                    JsonNode submission = mapper.readTree(r.value());
                    ObjectNode answer = mapper.createObjectNode();
                    answer.put("submissionId", submission.path("submissionId").asText());
                    answer.put("unitCode", submission.path("unitCode").asText());
                    answer.put("results", submission.path("results").size());
                    producer.send(new ProducerRecord<>(out, r.key(), mapper.writeValueAsBytes(answer)));
                }
                producer.flush();
                consumer.commitSync();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
