package vn.tdkt.hub.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import vn.tdkt.hub.demo.DemoData;
import vn.tdkt.hub.demo.DemoRecord;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.kafka.ConsumerProgress;
import vn.tdkt.hub.store.FeedQueries;

/**
 * The embedded demo: publishes the illustrative Hà Nam submissions of 2021 to 2023 (as departments would, with
 * a plain Kafka producer), waits until the hub has processed them, closes 2021, 2022 and 2023 in order with
 * CLOSE_PERIOD commands (as the office would), publishes the mid-year reports of 2024, which it leaves open (the
 * year under way, where the README's tour starts), and prints the 2023 standings and the awards decided.
 */
final class Demo {

    private Demo() {
    }

    static void run(Hub hub) throws Exception {
        List<DemoRecord> records = DemoData.generate(hub.registry().current());
        Map<String, Object> props = new java.util.HashMap<>(hub.kafkaClientProps());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        publishAndAwait(hub, props, records);
        System.out.printf("Demo: published %d submissions (2021-2023) to %s%n", records.size(),
                hub.topics().results());
        FeedQueries feeds = new FeedQueries(hub.database());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (String period : List.of("2021", "2022", "2023")) {
                String close = "{\"commandId\":\"demo-close-" + period + "\",\"type\":\"CLOSE_PERIOD\",\"period\":\""
                        + period + "\",\"issuedBy\":\"demo\"}";
                producer.send(new ProducerRecord<>(hub.topics().commands(), period,
                        close.getBytes(StandardCharsets.UTF_8))).get();
                long deadline = System.currentTimeMillis() + 180_000;
                while (!feeds.isClosed(period) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                System.out.printf("Demo: period %s %s%n", period, feeds.isClosed(period) ? "closed" : "NOT closed yet");
            }
        }
        List<DemoRecord> openYear = DemoData.openYear(hub.registry().current());
        publishAndAwait(hub, props, openYear);
        System.out.printf("Demo: %s left open, as the year under way: %d units have sent their mid-year report%n",
                DemoData.OPEN_PERIOD, openYear.size());
        System.out.println(render(feeds.standings("2023")));
        System.out.println(renderAwards(feeds.awards("2023")));
        long deadline = System.currentTimeMillis() + 180_000;
        long pending;
        while ((pending = feeds.letters(null).stream().filter(l -> !"SENT".equals(l.get("status"))).count()) > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        System.out.printf("Demo: %d letters sent (%d not yet); copies in %s, and over IMAP at %s%n",
                feeds.letters(null).size() - pending, pending,
                Path.of(hub.config().get("tdkt.embedded.dir"), "letters").toAbsolutePath(),
                hub.endpoints().getOrDefault("IMAP", "(no embedded mail server)"));
    }

    /** Publishes the records (as departments would, acks=all) and waits until the hub has processed them. */
    private static void publishAndAwait(Hub hub, Map<String, Object> props, List<DemoRecord> records)
            throws Exception {
        String topic = hub.topics().results();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (DemoRecord r : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, r.key(), r.json().getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        try (ConsumerProgress progress = new ConsumerProgress(hub.kafkaClientProps())) {
            Map<TopicPartition, Long> end = progress.endOffsets(topic);
            if (!progress.awaitReached(hub.config().get("tdkt.kafka.group"), end, Duration.ofMinutes(2))) {
                System.out.println("Demo: the hub has not processed every submission yet; see the log");
            }
        }
    }

    static String renderAwards(List<AwardEventMessage> awards) {
        StringBuilder b = new StringBuilder("Khen thưởng năm 2023 (decided by the rules at the close; on "
                + "tdkt.awards):\n");
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        awards.forEach(a -> counts.merge(a.awardName() + " [" + a.awardCode() + "]", 1L, Long::sum));
        counts.forEach((k, v) -> b.append(String.format("  %3d  %s%n", v, k)));
        b.append("\n");
        for (AwardEventMessage a : awards) {
            b.append(String.format("  %-9s %-40s %s%n", a.status(), a.awardCode(), a.recipientName()));
        }
        return b.toString();
    }

    static String render(List<StandingsMessage> blocks) {
        StringBuilder b = new StringBuilder("\nBảng tổng hợp, xếp hạng năm 2023 (demo data, illustrative)\n");
        for (StandingsMessage s : blocks) {
            b.append(String.format("%n[%s] %s - hạng khối %s, điểm bình quân %s%n", s.blockCode(), s.blockName(),
                    s.blockRank() == null ? "-" : s.blockRank(), s.meanScore() == null ? "-" : s.meanScore()));
            for (StandingsMessage.Row r : s.units()) {
                b.append(String.format("  %4s  %-12s %-52s %7s  %s%n", r.rank() == null ? "-" : r.rank(),
                        r.unitCode(), r.unitName(), r.score(), r.rating() == null ? "(chưa đủ)" : r.rating()));
            }
        }
        return b.toString();
    }
}
