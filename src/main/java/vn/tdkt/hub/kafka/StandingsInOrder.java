package vn.tdkt.hub.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.OutboxStore;

/**
 * Publishes the standings snapshots of an outbox batch so that, on the standings topic, the snapshots of a block
 * follow their sequence numbers, whichever hub instance recorded them. Sequence numbers are given under the
 * period lock, but each instance publishes after its own commit, so without this an instance could publish
 * snapshot n after another had published n + 1. Here each block's publication row is locked (database, all
 * instances) while its snapshot is sent and acknowledged, and a snapshot older than the one already published
 * is dropped: the newer one carries the whole standings. After a crash between the acknowledgement and the
 * record, the same snapshot (same sequence, same content) may be published once more, never an older one.
 */
public final class StandingsInOrder implements AutoCloseable {

    private final Database db;
    private final OutboxStore store;
    private final String topic;
    private final Producer<String, String> producer;

    public StandingsInOrder(Database db, OutboxStore store, String standingsTopic, Map<String, Object> clientProps) {
        this.db = db;
        this.store = store;
        this.topic = standingsTopic;
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Publishes the batch's standings snapshots (in order, stale ones dropped); returns the other messages. */
    public OutboxBatch publish(OutboxBatch batch) {
        List<OutboundMessage> rest = new ArrayList<>();
        List<OutboundMessage> standings = new ArrayList<>();
        for (OutboundMessage m : batch.messages()) {
            (topic.equals(m.topic()) ? standings : rest).add(m);
        }
        if (standings.isEmpty()) {
            return batch;
        }
        List<StandingsMessage> snapshots = standings.stream()
                .map(m -> Json.read(m.payload(), StandingsMessage.class)).toList();
        db.inTransaction(c -> {
            Map<String, Long> published = store.lockPublishedStandings(c,
                    snapshots.stream().map(StandingsInOrder::block).toList());
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < standings.size(); i++) {
                StandingsMessage s = snapshots.get(i);
                if (s.sequence() > published.get(block(s))) {
                    OutboundMessage m = standings.get(i);
                    sent.add(producer.send(new ProducerRecord<>(topic, m.key(), m.payload())));
                    published.put(block(s), s.sequence());
                }
            }
            awaitAcks(sent);
            for (var e : published.entrySet()) {
                store.markStandingsPublished(c, e.getKey(), e.getValue());
            }
            return null;
        });
        return new OutboxBatch(batch.batchId(), rest);
    }

    private static String block(StandingsMessage s) {
        return s.period() + ":" + s.blockCode();
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
