package vn.tdkt.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Standings snapshots reaching the publisher out of order (as when two instances commit n and n + 1 and the
 * second publishes first): the older one is dropped, the same one again is dropped, other messages pass on.
 */
class StandingsInOrderTest {

    @TempDir
    Path dir;

    final String topic = "standings-" + UUID.randomUUID();

    @Test
    void aBlocksSnapshotsArePublishedInSequenceOrderOnly() {
        TestKafka.broker().createTopics(Map.of(topic, 1));
        try (Database db = TestDatabases.open(TestDatabases.Kind.H2, dir);
             StandingsInOrder publisher = new StandingsInOrder(db, new OutboxStore(db), topic,
                     Map.of("bootstrap.servers", TestKafka.bootstrap()))) {
            OutboundMessage score = new OutboundMessage("scores", "SO-KHDT", "{}");
            OutboxBatch first = new OutboxBatch("b1", List.of(score, snapshot("KT-TH", 2), snapshot("DP", 1)));
            assertThat(publisher.publish(first)).isEqualTo(new OutboxBatch("b1", List.of(score)));
            publisher.publish(new OutboxBatch("b2", List.of(snapshot("KT-TH", 1), snapshot("DP", 2))));
            publisher.publish(new OutboxBatch("b3", List.of(snapshot("KT-TH", 2)))); // published again: dropped
            publisher.publish(new OutboxBatch("b4", List.of(snapshot("KT-TH", 3))));

            List<String> published = TestKafka.readAll(topic, Duration.ofSeconds(1)).stream()
                    .map(ConsumerRecord::value).map(v -> Json.read(v, StandingsMessage.class))
                    .map(m -> m.blockCode() + ":" + m.sequence()).toList();
            assertThat(published).containsExactly("KT-TH:2", "DP:1", "DP:2", "KT-TH:3");
        }
    }

    OutboundMessage snapshot(String block, long seq) {
        StandingsMessage m = new StandingsMessage("2023", block, block, seq, false, BigDecimal.TEN, 1, List.of(), null);
        return new OutboundMessage(topic, "2023:" + block, Json.write(m));
    }
}
