package vn.tdkt.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java main class in its own JVM ({@code -Xmx512m}, the benchmark's class path, settings as {@code -D}), with
 * its output in a log file and its memory watched: the resident set ({@code VmRSS}, and the kernel's high-water
 * mark {@code VmHWM}) read from {@code /proc/<pid>/status} every 200 ms, and the heap from the JVM's own GC log
 * ({@code -Xlog:gc}: the largest heap occupancy seen before a collection, and the largest committed heap).
 */
final class ChildJvm implements AutoCloseable {

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile long peakRssKb;
    private volatile long hwmKb;

    private ChildJvm(Process process, Path log, Path gcLog) {
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        sampler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code mainClass} with the settings as system properties, extra JVM options, output to {@code dir}. */
    static ChildJvm start(String mainClass, Map<String, String> settings, List<String> jvmOptions, Path dir,
                          String name) {
        Path log = dir.resolve(name + ".log");
        Path gcLog = dir.resolve(name + "-gc.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Xlog:gc:file=" + gcLog);
        cmd.addAll(jvmOptions);
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildJvm(p, log, gcLog);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + mainClass, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the log's tail when the JVM has died. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("child JVM " + log.getFileName() + " exited with " + process.exitValue()
                    + ":\n" + logTail());
        }
    }

    private void sample() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    peakRssKb = Math.max(peakRssKb, kb(line));
                } else if (line.startsWith("VmHWM:")) {
                    hwmKb = Math.max(hwmKb, kb(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has exited: keep the last samples
        }
    }

    private static long kb(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("\\D", ""));
    }

    /** Memory seen so far: peak sampled RSS, the kernel's peak RSS, peak heap used before a GC, peak committed. */
    Memory memory() {
        sample();
        long heapUsed = 0;
        long heapCommitted = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    heapUsed = Math.max(heapUsed, mb(m.group(1), m.group(2)));
                    heapCommitted = Math.max(heapCommitted, mb(m.group(5), m.group(6)));
                }
            }
        } catch (IOException e) {
            // no GC happened yet
        }
        return new Memory(peakRssKb / 1024, hwmKb / 1024, heapUsed, heapCommitted);
    }

    private static long mb(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM (the hub's orderly shutdown), then SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() {
        sampler.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Memory of a child JVM, in MiB. */
    record Memory(long peakRssMb, long hwmMb, long peakHeapUsedMb, long peakHeapCommittedMb) {
    }
}
