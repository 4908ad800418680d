package vn.tdkt.hub.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end latency from a submission's publication on the results topic to the first scorecard of its unit on
 * the scores topic that reflects it.
 *
 * <p>Submission {@code i} carries {@code 1,000,000 + i} as the actual of the COUNT criterion (always its full
 * points) and a {@code submittedAt} that grows with {@code i}, so the hub's stored value for a unit shows the
 * highest {@code i} applied for that unit, and a scorecard of unit {@code u} showing {@code 1,000,000 + a} answers
 * every submission {@code i <= a} of {@code u} not answered yet (the hub may answer several submissions with one
 * scorecard). Times are the producer's send time (set as the record's CreateTime) and the scorecard record's
 * CreateTime (set by the hub's producer), both from this machine's clock, in milliseconds.
 */
final class LatencyProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The COUNT actual of submission 0: above any value a warm-up submission may have left. */
    private static final long FIRST_COUNT = 1_000_000;

    private final int count;
    private final BenchData.Message[] plan;
    private final AtomicLongArray publishedAt;
    private final long[] latency;
    private final Map<String, int[]> seqsByUnit = new HashMap<>();
    private final Map<String, Integer> nextByUnit = new HashMap<>();
    private int answered;

    LatencyProbe(int count, long seed) {
        this.count = count;
        this.plan = new BenchData.Message[count];
        this.publishedAt = new AtomicLongArray(count);
        this.latency = new long[count];
        Random random = new Random(seed);
        Map<String, List<Integer>> byUnit = new HashMap<>();
        for (int i = 0; i < count; i++) {
            plan[i] = BenchData.randomSubmission(random, "lat-" + i, BenchData.JANUARY.plusMillis(i), FIRST_COUNT + i);
            byUnit.computeIfAbsent(plan[i].key(), u -> new ArrayList<>()).add(i);
        }
        byUnit.forEach((u, seqs) -> {
            seqsByUnit.put(u, seqs.stream().mapToInt(Integer::intValue).toArray());
            nextByUnit.put(u, 0);
        });
    }

    /** Publishes the plan at {@code perSecond}, each record stamped with its send time. */
    void publish(KafkaProducer<String, byte[]> producer, String topic, int perSecond) {
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.currentTimeMillis();
            publishedAt.set(i, now);
            producer.send(new ProducerRecord<>(topic, null, now, plan[i].key(),
                    plan[i].json().getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    /** A scorecard from the scores topic (called on the reader's thread). */
    synchronized void onScorecard(ConsumerRecord<String, String> record) {
        int[] seqs = seqsByUnit.get(record.key());
        if (seqs == null) {
            return;
        }
        long shown = -1;
        try {
            for (JsonNode line : MAPPER.readTree(record.value()).path("criteria")) {
                if (BenchData.SEQUENCE_CRITERION.equals(line.path("criterion").asText())) {
                    shown = line.path("actual").asLong(0) - FIRST_COUNT;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable scorecard " + record.value(), e);
        }
        int next = nextByUnit.get(record.key());
        while (next < seqs.length && seqs[next] <= shown) {
            latency[seqs[next]] = record.timestamp() - publishedAt.get(seqs[next]);
            next++;
            answered++;
        }
        nextByUnit.put(record.key(), next);
    }

    synchronized int answered() {
        return answered;
    }

    int count() {
        return count;
    }

    /** p50, p99 and max of the answered submissions' latencies, in ms. */
    synchronized long[] percentiles() {
        long[] done = new long[answered];
        int n = 0;
        for (var e : seqsByUnit.entrySet()) {
            int upTo = nextByUnit.get(e.getKey());
            for (int k = 0; k < upTo; k++) {
                done[n++] = latency[e.getValue()[k]];
            }
        }
        Arrays.sort(done);
        return new long[] {rank(done, 0.50), rank(done, 0.99), done.length == 0 ? 0 : done[done.length - 1]};
    }

    /** Nearest-rank percentile. */
    private static long rank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
