package vn.tdkt.hub.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.OutboxStore;

/**
 * Publishes the state messages of an outbox batch (scorecards, standings, award and letter events: the keyed
 * topics whose last record per key is the current state, contracts.md) so that on each topic a state's messages
 * (its {@link OutboundMessage#stateKey}: the record key, or for a UnitScore its unit and period) follow their
 * ordering numbers ({@link OutboundMessage#seq}), whichever hub instance recorded them and whatever
 * crash came in between. Each key's publication row ({@code published_key}) is locked (database, all instances)
 * while its message is sent and acknowledged, and a message not newer than the one already published is dropped:
 * the newer message carries the key's whole state. So a batch published again by outbox recovery after a crash,
 * or by an instance that committed before another but publishes after it, never lands after a newer message of
 * its key. After a crash between the acknowledgement and the commit of the publication rows, the same message
 * (same number, same content) may be published once more, never an older one.
 */
public final class StatesInOrder implements AutoCloseable {

    private final Database db;
    private final OutboxStore store;
    private final Producer<String, String> producer;

    public StatesInOrder(Database db, OutboxStore store, Map<String, Object> clientProps) {
        this.db = db;
        this.store = store;
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Publishes the batch's state messages (in order, stale ones dropped); returns the other messages. */
    public OutboxBatch publish(OutboxBatch batch) {
        List<OutboundMessage> rest = new ArrayList<>();
        Map<String, List<OutboundMessage>> states = new TreeMap<>(); // topics, then keys, in one order for all
        for (OutboundMessage m : batch.messages()) {
            if (m.isState()) {
                states.computeIfAbsent(m.topic(), t -> new ArrayList<>()).add(m);
            } else {
                rest.add(m);
            }
        }
        if (states.isEmpty()) {
            return batch;
        }
        db.inTransaction(c -> {
            Map<String, Map<String, Long>> published = new LinkedHashMap<>();
            for (var e : states.entrySet()) {
                published.put(e.getKey(), store.lockPublished(c, e.getKey(),
                        e.getValue().stream().map(OutboundMessage::stateKey).toList()));
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            Map<String, Map<String, Long>> newest = new LinkedHashMap<>();
            for (var e : states.entrySet()) {
                Map<String, Long> last = published.get(e.getKey());
                for (OutboundMessage m : e.getValue()) {
                    if (m.seq() > last.getOrDefault(m.stateKey(), 0L)) {
                        sent.add(producer.send(new ProducerRecord<>(m.topic(), m.key(), m.payload())));
                        last.put(m.stateKey(), m.seq());
                        newest.computeIfAbsent(m.topic(), t -> new HashMap<>()).put(m.stateKey(), m.seq());
                    }
                }
            }
            awaitAcks(sent);
            for (var e : newest.entrySet()) {
                store.markPublished(c, e.getKey(), e.getValue());
            }
            return null;
        });
        return new OutboxBatch(batch.batchId(), rest);
    }

    private static void awaitAcks(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
