package vn.tdkt.hub.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

import vn.tdkt.hub.app.HubMain;
import vn.tdkt.hub.config.HubConfig;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.embedded.EmbeddedKafka;
import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.support.TestDatabases;

/**
 * The hub's benchmark (issue 7), in one run on this machine against a plain Kafka baseline:
 * <ol>
 *   <li>throughput: {@code bench.records} submissions (default 100,000; 10 criteria each, 100 units in 8 blocks)
 *       pre-published on a results topic of 3 partitions, consumed by the real {@link HubMain} in a child JVM
 *       ({@code -Xmx512m}), warmed up first: {@code bench.warmup} submissions (default 20,000) precede the
 *       measured ones on the topic, and the time runs from the moment the intake group has committed the last of
 *       them until it has committed every record (a hub runs for months: the measure leaves out the start and the
 *       JIT compilation of its first seconds); once with the embedded H2 database and once with PostgreSQL
 *       (127.0.0.1:5432/test, a fresh schema, dropped at the end);</li>
 *   <li>the baseline ({@link Baseline}) over the same records, warm-up included, timed the same way, and the
 *       ratio; baseline and hubs run in {@code bench.rounds} rounds (default 3), each hub compared with its round's
 *       baseline ({@link #throughputRounds});</li>
 *   <li>latency: {@code bench.rate} submissions/s (default 1,000) for {@code bench.seconds} (default 30) to a
 *       fresh hub, warmed up first ({@code bench.warmup} submissions, default 20,000), from publication to the
 *       first scorecard reflecting it ({@link LatencyProbe});</li>
 *   <li>closing 2024 on that hub after the closing data ({@link BenchData#closingSubmission}: 2023 and 2024 for
 *       100 units, 1,000 nominees): CLOSE_PERIOD to the last award event, and to the last letter accepted by the
 *       benchmark's own SMTP server ({@link EmbeddedMail}, distinct Message-IDs, the office summary not
 *       counted);</li>
 *   <li>memory of the hub's JVM during each run ({@link ChildJvm}).</li>
 * </ol>
 * The broker is an {@link EmbeddedKafka} in this JVM on a temporary folder. Settings (system properties):
 * {@code bench.records}, {@code bench.rate}, {@code bench.seconds}, {@code bench.warmup} as above;
 * {@code bench.dbs} (default {@code h2,postgres}) the databases; {@code bench.ids} (default {@code uuid}) the
 * submission ids, random UUIDs or {@code ordered} sequential ones; {@code bench.phases} (default
 * {@code throughput,latency}) the parts, {@code throughput} with the baseline and {@code latency} with the close
 * that follows; {@code bench.jfr=true} records every hub JVM with Java Flight Recorder into
 * {@code bench.out}/hub-thr-{db}-{round}.jfr and hub-lat-{db}.jfr; {@code bench.hub.jvm} adds JVM options (space separated) to the
 * hub's JVMs and to the baseline's, the same for both so that the ratio compares like with like; the profile
 * gives the options of the production launch (Dockerfile, README), {@code -Dbench.hub.jvm=} measures the JVM's
 * defaults. The results are printed as Markdown and written to
 * {@code bench.out}/benchmark.md ({@code bench.out} defaults to {@code target}), the child JVMs' logs to
 * {@code bench.out}/bench-logs. Run with {@code mvn -Pbench verify}.
 */
public final class Benchmark {

    private static final String RESULTS = "bench.results";
    private static final String BASELINE_OUT = "bench.baseline.out";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int records = Integer.getInteger("bench.records", 100_000);
    private final int rate = Integer.getInteger("bench.rate", 1_000);
    private final int seconds = Integer.getInteger("bench.seconds", 30);
    private final int warmup = Integer.getInteger("bench.warmup", 20_000);
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final List<String> dbs = List.of(System.getProperty("bench.dbs", "h2,postgres").split(","));
    private final List<String> phases = List.of(System.getProperty("bench.phases", "throughput,latency").split(","));
    /** {@code uuid}: random UUIDs as submission ids, as departments' systems send them (contracts.md);
     * {@code ordered}: sequential ids ("thr-1", "thr-2", ...), a batch's ids close together in sort order: the best
     * case of an index on the id. */
    private final String ids = System.getProperty("bench.ids", "uuid");
    private final boolean jfr = Boolean.getBoolean("bench.jfr");
    private final List<String> hubJvm = List.of(System.getProperty("bench.hub.jvm", "").split(" ")).stream()
            .filter(o -> !o.isBlank()).toList();
    private final Path out = Path.of(System.getProperty("bench.out", "target"));
    private final Path work;
    private final Report report = new Report();
    /** The hub's configuration as its child JVMs read it (application.properties, environment): for the report
     * and for the baseline, which reads as many records per poll as the hub. */
    private final HubConfig hubConfig = HubConfig.load();
    private final List<String> schemas = new ArrayList<>();
    private BenchKafka kafka;
    private String bootstrap;
    private Path registry;

    private Benchmark(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        Benchmark bench = new Benchmark(Files.createTempDirectory("tdkt-bench-"));
        try {
            bench.run();
            bench.keepLogs();
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("[bench] failed: logs and data kept in " + bench.work);
            status = 1;
        } finally {
            bench.dropSchemas();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        String loadBefore = Report.loadAverage();
        System.out.println("[bench] working in " + work);
        try (EmbeddedKafka broker = EmbeddedKafka.start(work.resolve("kafka"), 0);
             BenchKafka k = new BenchKafka(broker.bootstrapServers())) {
            bootstrap = broker.bootstrapServers();
            kafka = k;
            registry = work.resolve("registry.yaml");
            Files.writeString(registry, BenchData.registryYaml(), StandardCharsets.UTF_8);
            if (phases.contains("throughput")) {
                broker.createTopics(Map.of(RESULTS, 3, BASELINE_OUT, 3));
                throughputRounds(prepublish());
            }
            if (phases.contains("latency")) {
                for (String db : dbs) {
                    latencyAndClose(db);
                }
            }
        }
        report.add("Whole benchmark", Math.round((System.nanoTime() - started) / 1e9) + " s", "wall time; machine "
                + "load average (1 min) " + loadBefore + " at the start, " + Report.loadAverage() + " at the end");
        report.write(String.format("%,d pre-published submissions after %,d of warm-up (10 criteria, 100 units, "
                + "8 blocks, 3 partitions, submission ids: %s), in %d rounds of the baseline then the hubs; "
                + "latency at %,d/s for %d s after a warm-up of %,d; child JVMs -Xmx512m%s; hub settings as in "
                + "application.properties (intake batch %s, as the baseline's max.poll.records; batching interval %s ms; "
                + "letters poll %s ms, batch %s)",
                records, warmup, ids.equals("uuid") ? "random UUIDs" : "thr-1, thr-2, ... (bench.ids=ordered)", rounds,
                rate, seconds, warmup, hubJvm.isEmpty() ? ", JVM defaults" : ", hub and baseline JVMs also " + String.join(" ", hubJvm),
                hubConfig.get("tdkt.intake.batch-size"), hubConfig.get("tdkt.intake.batching-interval-ms"),
                hubConfig.get("tdkt.letters.poll-ms"), hubConfig.get("tdkt.letters.batch")),
                out.resolve("benchmark.md"));
    }

    // ---- throughput ------------------------------------------------------------------------------------------

    /** Where the warm-up ends and where the measured submissions end, per partition of the results topic. */
    private record Prepublished(Map<TopicPartition, Long> warmedUp, Map<TopicPartition, Long> end) {
        long measured() {
            return BenchKafka.total(end) - BenchKafka.total(warmedUp);
        }
    }

    /**
     * Publishes the throughput run's warm-up submissions, then the measured ones (random values, unique ids), and
     * returns where each ends.
     */
    private Prepublished prepublish() {
        Random random = new Random(1);
        List<BenchData.Message> warm = new ArrayList<>(warmup);
        for (int i = 0; i < warmup; i++) {
            warm.add(BenchData.randomSubmission(random, submissionId(random, "thr-warm-", i), BenchData.JANUARY.plusMillis(i),
                    random.nextInt(11)));
        }
        kafka.publish(RESULTS, warm);
        Map<TopicPartition, Long> warmedUp = kafka.endOffsets(RESULTS);
        List<BenchData.Message> subs = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            subs.add(BenchData.randomSubmission(random, submissionId(random, "thr-", i), BenchData.JANUARY.plusMillis(warmup + i),
                    random.nextInt(11)));
        }
        kafka.publish(RESULTS, subs);
        Prepublished p = new Prepublished(warmedUp, kafka.endOffsets(RESULTS));
        System.out.println("[bench] published " + BenchKafka.total(warmedUp) + " warm-up and " + p.measured()
                + " measured submissions on " + RESULTS);
        return p;
    }

    /** One measured throughput run: records per second, how it was measured, the JVM's memory. */
    private record Measured(double perSecond, String detail, ChildJvm.Memory memory) {
    }

    /**
     * {@code bench.rounds} rounds (default 3), each the baseline then the hub on each database over the same
     * records, and each hub compared with the baseline of its own round: this machine's speed drifts between
     * minutes (the same run measured 53,000 to 91,000 records/s for the baseline on one morning), so a ratio is
     * only fair between runs close in time. Reported: the median round of each (its details), every round's
     * figure, and the median of the rounds' ratios.
     */
    private void throughputRounds(Prepublished end) {
        List<Measured> baselines = new ArrayList<>();
        Map<String, List<Measured>> hubs = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            Measured b = baseline(end, round);
            baselines.add(b);
            for (String db : dbs) {
                Measured h = throughput(db, end, round);
                hubs.computeIfAbsent(db, k -> new ArrayList<>()).add(h);
                ratios.computeIfAbsent(db, k -> new ArrayList<>()).add(h.perSecond() / b.perSecond());
            }
        }
        report.add("Throughput, baseline (kafka-clients + Jackson readTree, 1 output each, acks=all, commit per poll)",
                Report.number(median(baselines).perSecond()) + " records/s", rounds(baselines, "records/s"));
        report.add("Memory, baseline JVM", memory(peak(baselines)), "the highest of the rounds");
        for (String db : dbs) {
            List<Measured> runs = hubs.get(db);
            report.add("Throughput, hub, " + label(db), Report.number(median(runs).perSecond()) + " submissions/s",
                    rounds(runs, "submissions/s"));
            report.add("Memory, hub JVM, throughput run, " + label(db), memory(peak(runs)), "the highest of the rounds");
            List<Double> r = ratios.get(db);
            report.add("Hub / baseline, " + label(db), Report.decimal(medianOf(r)), "median of the rounds' ratios "
                    + String.join(", ", r.stream().map(Report::decimal).toList())
                    + " (each round: the baseline, then the hub, over the same records)");
        }
    }

    /** The rounds' figures in order, then the details of the median round. */
    private static String rounds(List<Measured> runs, String unit) {
        return (runs.size() == 1 ? "" : "rounds " + String.join(", ", runs.stream()
                .map(m -> Report.number(m.perSecond())).toList()) + " " + unit + "; median round: ")
                + median(runs).detail();
    }

    /** The median run by throughput (the lower middle one of an even number). */
    private static Measured median(List<Measured> runs) {
        List<Measured> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Measured::perSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The memory of the run with the highest peak heap. */
    private static ChildJvm.Memory peak(List<Measured> runs) {
        return runs.stream().map(Measured::memory)
                .max(java.util.Comparator.comparingLong(ChildJvm.Memory::peakHeapUsedMb)).orElseThrow();
    }

    private Measured baseline(Prepublished end, int round) {
        String group = "bench.baseline." + round;
        Map<String, String> settings = Map.of("baseline.bootstrap", bootstrap, "baseline.topic", RESULTS,
                "baseline.group", group, "baseline.out", BASELINE_OUT,
                "baseline.max-poll-records", hubConfig.get("tdkt.intake.batch-size"));
        try (ChildJvm child = ChildJvm.start(Baseline.class.getName(), settings, hubJvm, work, "baseline-" + round)) {
            long t0 = kafka.awaitCommitted(group, end.warmedUp(), child::checkAlive, START_TIMEOUT);
            Cpu.Snapshot cpu0 = Cpu.now(child.pid());
            long t1 = kafka.awaitCommitted(group, end.end(), child::checkAlive, RUN_TIMEOUT);
            Cpu.Snapshot cpu1 = Cpu.now(child.pid());
            double perSecond = perSecond(end, t0, t1);
            System.out.println("[bench] round " + round + ", baseline: " + Report.number(perSecond) + " records/s");
            return new Measured(perSecond, seconds(end, t0, t1) + "; " + Cpu.describe(cpu0, cpu1, end.measured()),
                    child.memory());
        }
    }

    private Measured throughput(String db, Prepublished end, int round) {
        Map<String, String> settings = hubSettings("thr-" + db + "-" + round, db, null);
        settings.put("tdkt.topic.results", RESULTS);
        String group = settings.get("tdkt.kafka.group");
        try (ChildJvm hub = startHub(settings, "hub-thr-" + db + "-" + round)) {
            long t0 = kafka.awaitCommitted(group, end.warmedUp(), hub::checkAlive, START_TIMEOUT);
            Cpu.Snapshot cpu0 = Cpu.now(hub.pid());
            long t1 = kafka.awaitCommitted(group, end.end(), hub::checkAlive, RUN_TIMEOUT);
            Cpu.Snapshot cpu1 = Cpu.now(hub.pid());
            double perSecond = perSecond(end, t0, t1);
            long scorecards = BenchKafka.total(kafka.endOffsets(settings.get("tdkt.topic.scores")));
            long standings = BenchKafka.total(kafka.endOffsets(settings.get("tdkt.topic.standings")));
            long rejected = BenchKafka.total(kafka.endOffsets(settings.get("tdkt.topic.rejected")));
            if (rejected > 0) {
                throw new IllegalStateException(rejected + " benchmark submissions were rejected: see "
                        + settings.get("tdkt.topic.rejected"));
            }
            System.out.println("[bench] round " + round + ", hub on " + db + ": " + Report.number(perSecond)
                    + " submissions/s");
            return new Measured(perSecond, seconds(end, t0, t1) + "; " + Cpu.describe(cpu0, cpu1, end.measured())
                    + "; published " + Report.number(scorecards) + " scorecards, " + Report.number(standings)
                    + " standings, " + rejected + " rejections, warm-up included" + (jfr ? "; recorded with JFR" : ""),
                    hub.memory());
        }
    }

    private static double perSecond(Prepublished end, long t0, long t1) {
        return end.measured() / ((t1 - t0) / 1e9);
    }

    private static String seconds(Prepublished end, long t0, long t1) {
        return String.format("%,d in %s s after a warm-up of %,d", end.measured(), Report.decimal((t1 - t0) / 1e9),
                BenchKafka.total(end.warmedUp()));
    }

    // ---- latency and closing ---------------------------------------------------------------------------------

    private void latencyAndClose(String db) throws Exception {
        try (EmbeddedMail mail = EmbeddedMail.start(0, 0)) {
            Map<String, String> settings = hubSettings("lat-" + db, db, mail);
            Topics topics = topics(settings);
            String group = settings.get("tdkt.kafka.group");
            try (ChildJvm hub = startHub(settings, "hub-lat-" + db)) {
                kafka.awaitConsuming(group, hub::checkAlive, START_TIMEOUT);
                warmUp(topics, group, hub);
                latency(db, topics, hub);
                close(db, topics, group, hub, mail);
                report.add("Memory, hub JVM, latency and close run, " + label(db), memory(hub.memory()), "");
            }
        }
    }

    /** The id of the i-th generated submission, by {@code bench.ids}. */
    private String submissionId(Random random, String prefix, int i) {
        return switch (ids) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "ordered" -> prefix + i;
            default -> throw new IllegalArgumentException("bench.ids must be uuid or ordered: " + ids);
        };
    }

    /**
     * A hub runs for months: before latency is measured, {@code bench.warmup} submissions (default 20,000, dated
     * before the measured ones) go through it, so the measure is not that of a cold JVM.
     */
    private void warmUp(Topics topics, String group, ChildJvm hub) {
        Random random = new Random(3);
        List<BenchData.Message> subs = new ArrayList<>(warmup);
        for (int i = 0; i < warmup; i++) {
            subs.add(BenchData.randomSubmission(random, submissionId(random, "warm-", i), BenchData.JANUARY.minusSeconds(86_400)
                    .plusMillis(i), random.nextInt(11)));
        }
        kafka.publish(topics.results(), subs);
        kafka.awaitCommitted(group, kafka.endOffsets(topics.results()), hub::checkAlive, RUN_TIMEOUT);
    }

    /**
     * The departments' producer in the latency run: kafka-clients' default {@code linger.ms} (5 ms since Kafka
     * 4.0), so a busy second is sent as about 200 requests instead of 1,000; the wait is part of the measured
     * latency (the clock starts before {@code send}).
     */
    static final int DEPARTMENT_LINGER_MS = 5;

    private void latency(String db, Topics topics, ChildJvm hub) {
        LatencyProbe probe = new LatencyProbe(rate * seconds, 2);
        Cpu.Snapshot cpu0 = Cpu.now(hub.pid());
        try (BenchKafka.TopicTail tail = kafka.tail(topics.scores(), probe::onScorecard);
             KafkaProducer<String, byte[]> producer = kafka.producer(DEPARTMENT_LINGER_MS)) {
            probe.publish(producer, topics.results(), rate);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (probe.answered() < probe.count() && System.nanoTime() < deadline) {
                hub.checkAlive();
                BenchKafka.pause(100);
            }
        }
        Cpu.Snapshot cpu1 = Cpu.now(hub.pid());
        long[] p = probe.percentiles();
        report.add(String.format("Latency, %s, %,d submissions/s for %d s (publication to scorecard)", label(db), rate,
                seconds), "p50 " + p[0] + " ms, p99 " + p[1] + " ms, max " + p[2] + " ms",
                String.format("%,d of %,d submissions answered, after a warm-up of %,d; %s", probe.answered(),
                        probe.count(), warmup, Cpu.describe(cpu0, cpu1, probe.count())));
    }

    private void close(String db, Topics topics, String group, ChildJvm hub, EmbeddedMail mail) throws Exception {
        List<BenchData.Message> closing = new ArrayList<>();
        for (String period : List.of("2023", "2024")) {
            for (int u = 0; u < BenchData.UNITS; u++) {
                closing.add(BenchData.closingSubmission(u, period));
            }
        }
        kafka.publish(topics.results(), closing);
        kafka.awaitCommitted(group, kafka.endOffsets(topics.results()), hub::checkAlive, START_TIMEOUT);

        // the letters received, watched from the command on: the time of the last new one is when they were done
        AtomicInteger lettersSeen = new AtomicInteger();
        AtomicLong lettersAt = new AtomicLong();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                try {
                    int n = letters(mail);
                    if (n > lettersSeen.get()) {
                        lettersAt.set(System.currentTimeMillis());
                        lettersSeen.set(n);
                    }
                } catch (MessagingException | RuntimeException e) {
                    // a message being delivered: read again next time
                }
                BenchKafka.pause(100);
            }
        }, "bench-letters-watch");
        watcher.setDaemon(true);

        AtomicInteger awards = new AtomicInteger();
        AtomicInteger lettered = new AtomicInteger();
        AtomicLong lastAward = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        Cpu.Snapshot cpu0;
        long command;
        try (BenchKafka.TopicTail tail = kafka.tail(topics.awards(), r -> {
            // the arrival first: the loop below that sees the count also sees when the last one came
            lastArrival.set(System.nanoTime());
            lastAward.accumulateAndGet(r.timestamp(), Math::max);
            if (!"WITHHELD".equals(read(r.value()).path("status").asText())) {
                lettered.incrementAndGet();
            }
            awards.incrementAndGet();
        })) {
            cpu0 = Cpu.now(hub.pid());
            command = System.currentTimeMillis();
            watcher.start();
            kafka.publish(topics.commands(), List.of(new BenchData.Message("2024",
                    "{\"commandId\":\"bench-close-2024\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2024\","
                            + "\"issuedBy\":\"benchmark\"}")));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            // quiet for longer than the outbox recovery period: an award event published late (by the recovery)
            // would still be counted, and would show in the time to the last one
            while ((awards.get() == 0 || System.nanoTime() - lastArrival.get() < 12_000_000_000L)
                    && System.nanoTime() < deadline) {
                hub.checkAlive();
                BenchKafka.pause(100);
            }
        }
        report.add("Close, " + label(db) + ": CLOSE_PERIOD to the last award event",
                Report.number(lastAward.get() - command) + " ms", String.format("%,d award events (%,d with a letter),"
                        + " 100 units, %,d nominees", awards.get(), lettered.get(),
                        BenchData.UNITS * BenchData.NOMINEES_PER_UNIT));

        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (lettersSeen.get() < lettered.get() && System.nanoTime() < deadline) {
            hub.checkAlive();
            BenchKafka.pause(50);
        }
        watching.set(false);
        watcher.join();
        int sent = lettersSeen.get();
        long lettersDone = lettersAt.get();
        Cpu.Snapshot cpu1 = Cpu.now(hub.pid());
        report.add("Close, " + label(db) + ": CLOSE_PERIOD to the last letter accepted by SMTP",
                Report.decimal((lettersDone - command) / 1000.0) + " s", String.format("%,d of %,d letters received "
                        + "(distinct Message-IDs; the office summary not counted); %s", sent, lettered.get(),
                        Cpu.describe(cpu0, cpu1, lettered.get())));
    }

    /** Letters received so far: distinct Message-IDs (a letter reaches two mailboxes), summaries left out. */
    private static int letters(EmbeddedMail mail) throws MessagingException {
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : mail.receivedMessages()) {
            String id = m.getMessageID();
            if (id != null && !id.startsWith("<summary-")) {
                ids.add(id);
            }
        }
        return ids.size();
    }

    // ---- the hub's settings ----------------------------------------------------------------------------------

    /**
     * Settings of a hub run: the benchmark's broker, registry and a data folder of its own, topics and group with
     * a prefix of their own, the H2 file (empty URL) or a fresh PostgreSQL schema, the benchmark's SMTP server
     * where given (else the child's embedded one), free ports.
     */
    private Map<String, String> hubSettings(String name, String db, EmbeddedMail mail) {
        String prefix = "bench." + name + ".";
        Map<String, String> s = new HashMap<>();
        s.put("tdkt.kafka.bootstrap", bootstrap);
        s.put("tdkt.kafka.group", prefix + "hub");
        Topics.DEFAULTS.byName().forEach((key, topic) -> s.put("tdkt.topic." + key, prefix + topic));
        s.put("tdkt.registry.path", registry.toString());
        s.put("tdkt.embedded.dir", work.resolve(name).toString());
        s.put("tdkt.embedded.smtp-port", "0");
        s.put("tdkt.embedded.imap-port", "0");
        s.put("tdkt.http.port", "0");
        if ("postgres".equals(db)) {
            String url = TestDatabases.freshUrl(TestDatabases.Kind.POSTGRES, work);
            schemas.add(url.substring(url.indexOf("currentSchema=") + "currentSchema=".length()));
            s.put("tdkt.db.url", url);
            s.put("tdkt.db.user", TestDatabases.PG_USER);
        } else if (!"h2".equals(db)) {
            throw new IllegalArgumentException("bench.dbs: h2 or postgres, not " + db);
        }
        if (mail != null) {
            s.put("tdkt.smtp.host", mail.host());
            s.put("tdkt.smtp.port", String.valueOf(mail.smtpPort()));
        }
        return s;
    }

    /** The real hub in a child JVM, with the extra options, recorded by JFR into {@code bench.out} if asked. */
    private ChildJvm startHub(Map<String, String> settings, String name) {
        List<String> jvm = new ArrayList<>(hubJvm);
        if (jfr) {
            jvm.add("-XX:FlightRecorderOptions=stackdepth=1024"); // Camel and H2 stacks are deep
            jvm.add("-XX:StartFlightRecording=filename=" + out.toAbsolutePath().resolve(name + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        return ChildJvm.start(HubMain.class.getName(), settings, jvm, work, name);
    }

    private static Topics topics(Map<String, String> s) {
        return new Topics(s.get("tdkt.topic.results"), s.get("tdkt.topic.rejected"), s.get("tdkt.topic.scores"),
                s.get("tdkt.topic.standings"), s.get("tdkt.topic.commands"), s.get("tdkt.topic.awards"),
                s.get("tdkt.topic.letters"), s.get("tdkt.topic.parked"));
    }

    /** Moves the child JVMs' logs to {@code bench.out}/bench-logs and deletes the working folder. */
    private void keepLogs() throws java.io.IOException {
        Path logs = Files.createDirectories(out.resolve("bench-logs"));
        try (var files = Files.list(work)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.move(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (var all = Files.walk(work)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.out.println("[bench] child JVM logs in " + logs.toAbsolutePath());
    }

    private void dropSchemas() {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_BASE, TestDatabases.PG_USER, "");
             Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } catch (java.sql.SQLException e) {
            System.err.println("[bench] could not drop schemas " + schemas + ": " + e);
        }
    }

    private static String label(String db) {
        return "postgres".equals(db) ? "PostgreSQL" : "H2 (embedded mode)";
    }

    private static String memory(ChildJvm.Memory m) {
        return "peak RSS " + m.peakRssMb() + " MiB (VmHWM " + m.hwmMb() + " MiB), peak heap used "
                + m.peakHeapUsedMb() + " MiB of " + m.peakHeapCommittedMb() + " MiB committed (max 512)";
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable award event " + json, e);
        }
    }
}
