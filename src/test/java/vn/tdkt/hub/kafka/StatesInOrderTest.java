package vn.tdkt.hub.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestDatabases.Kind;
import vn.tdkt.hub.support.TestKafka;

/**
 * State messages reaching the publisher out of order, as outbox recovery does after a crash (a scorecard recorded
 * before the kill published again after a newer one) or as two instances do when the one that committed first
 * publishes last: the older one is dropped, the same one again is dropped, messages that are not states pass on,
 * and the last record of every key is its newest message. The first test fails with the publisher of before
 * (standings only in order): BQL-RPH's scorecard 51.22 was published again after 88.72.
 */
class StatesInOrderTest {

    @TempDir
    Path dir;

    final String scores = "scores-" + UUID.randomUUID();
    final String standings = "standings-" + UUID.randomUUID();
    final String letters = "letters-" + UUID.randomUUID();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aKeysMessagesArePublishedInOrderOnlyAndTheLastRecordIsTheNewest(Kind kind) {
        TestKafka.broker().createTopics(Map.of(scores, 1, standings, 1, letters, 1));
        try (Database db = TestDatabases.open(kind, dir);
             StatesInOrder publisher = new StatesInOrder(db, new OutboxStore(db),
                     Map.of("bootstrap.servers", TestKafka.bootstrap()))) {
            OutboundMessage rejection = new OutboundMessage("rejected", "SO-KHDT", "{}");
            // the batch recorded before the kill: BQL-RPH's scorecard 1 (51.22), standings 1
            OutboxBatch beforeKill = new OutboxBatch("b1", List.of(card("BQL-RPH", 1, "51.22"), rejection,
                    snapshot("KT-TH", 1)));
            // after the restart the intake records and publishes the newer scorecard first (88.72)...
            assertThat(publisher.publish(new OutboxBatch("b2", List.of(card("BQL-RPH", 2, "88.72"),
                    snapshot("KT-TH", 2), letter("A-1", 1, "FAILED")))).messages()).isEmpty();
            // ...then outbox recovery publishes the batch left behind: its states are stale, the rest goes on
            assertThat(publisher.publish(beforeKill)).isEqualTo(new OutboxBatch("b1", List.of(rejection)));
            // the office resends the failed letter: SENT; then the FAILED event is recovered again: dropped
            publisher.publish(new OutboxBatch("b3", List.of(letter("A-1", 2, "SENT"), card("SO-TC", 1, "70"))));
            publisher.publish(new OutboxBatch("b4", List.of(letter("A-1", 1, "FAILED"), card("SO-TC", 1, "70"))));

            // a unit's scorecard of another period is another state, whatever their numbers (same record key)
            publisher.publish(new OutboxBatch("b5", List.of(OutboundMessage.state(scores, "SO-TC", "2022:SO-TC",
                    "SO-TC:1:2022", 1))));
            assertThat(values(scores)).containsExactly("BQL-RPH:2:88.72", "SO-TC:1:70", "SO-TC:1:2022");
            assertThat(values(standings)).containsExactly("2023:KT-TH:2");
            assertThat(values(letters)).containsExactly("A-1:1:FAILED", "A-1:2:SENT");
        }
    }

    /**
     * Two publishers (two instances) publish the numbered messages of the same keys concurrently, one taking the
     * versions in order and the other in reverse: each key's records on the topic are strictly increasing, and
     * the last one is the newest.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentPublishersNeverPutAnOlderMessageAfterANewerOne(Kind kind) throws Exception {
        TestKafka.broker().createTopics(Map.of(scores, 1));
        int keys = 20;
        int versions = 30;
        try (Database db = TestDatabases.open(kind, dir);
             StatesInOrder one = new StatesInOrder(db, new OutboxStore(db),
                     Map.of("bootstrap.servers", TestKafka.bootstrap()));
             StatesInOrder two = new StatesInOrder(db, new OutboxStore(db),
                     Map.of("bootstrap.servers", TestKafka.bootstrap()))) {
            List<OutboxBatch> batches = new ArrayList<>();
            Random random = new Random(7);
            for (int v = 1; v <= versions; v++) {
                List<OutboundMessage> batch = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    batch.add(card("U" + k, v, "" + v));
                }
                Collections.shuffle(batch, random);
                batches.add(new OutboxBatch("v" + v, batch));
            }
            List<OutboxBatch> reversed = new ArrayList<>(batches);
            Collections.reverse(reversed);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> a = pool.submit(() -> batches.forEach(one::publish));
                Future<?> b = pool.submit(() -> reversed.forEach(two::publish));
                a.get();
                b.get();
            } finally {
                pool.shutdown();
            }
            Map<String, List<Integer>> byKey = new LinkedHashMap<>();
            for (String v : values(scores)) {
                String[] parts = v.split(":");
                byKey.computeIfAbsent(parts[0], x -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
            }
            assertThat(byKey).hasSize(keys);
            byKey.forEach((key, seqs) -> {
                assertThat(seqs).as(key).isSorted().doesNotHaveDuplicates();
                assertThat(seqs.get(seqs.size() - 1)).as(key).isEqualTo(versions);
            });
        }
    }

    private List<String> values(String topic) {
        return TestKafka.readAll(topic, Duration.ofSeconds(1)).stream().map(ConsumerRecord::value).toList();
    }

    OutboundMessage card(String unit, long seq, String score) {
        return OutboundMessage.state(scores, unit, "2023:" + unit, unit + ":" + seq + ":" + score, seq);
    }

    OutboundMessage snapshot(String block, long seq) {
        return OutboundMessage.state(standings, "2023:" + block, "2023:" + block + ":" + seq, seq);
    }

    OutboundMessage letter(String award, long seq, String status) {
        return OutboundMessage.state(letters, award, award + ":" + seq + ":" + status, seq);
    }
}
