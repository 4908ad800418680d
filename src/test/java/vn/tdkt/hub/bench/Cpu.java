package vn.tdkt.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks of 1/100 s: one process's own time ({@code utime + stime}
 * of {@code /proc/<pid>/stat}) and the whole machine's busy and total time ({@code cpu} line of
 * {@code /proc/stat}). The machine is shared, so a run reports how busy the machine was besides the process
 * measured: throughput on a crowded machine is not the hub's own.
 */
final class Cpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {
    }

    /** CPU counters at one moment. */
    record Snapshot(long process, long machineBusy, long machineTotal) {
    }

    static Snapshot now(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long process = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            long[] t = Arrays.stream(cpu.substring(3).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
            long idle = t[3] + t[4]; // idle, iowait
            long total = t[0] + t[1] + t[2] + t[3] + t[4] + t[5] + t[6] + t[7]; // up to steal
            return new Snapshot(process, total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(0, 0, 0);
        }
    }

    /** Process CPU seconds between two snapshots. */
    static double seconds(Snapshot from, Snapshot to) {
        return (to.process() - from.process()) / TICKS_PER_SECOND;
    }

    /** The process's CPU time and the machine's load between two snapshots, for {@code items} items. */
    static String describe(Snapshot from, Snapshot to, long items) {
        double cpu = seconds(from, to);
        long total = to.machineTotal() - from.machineTotal();
        double busy = total == 0 ? 0 : 100.0 * (to.machineBusy() - from.machineBusy()) / total;
        double others = total == 0 ? 0 : busy - 100.0 * (to.process() - from.process()) / total;
        return String.format(Locale.ROOT, "%.1f CPU-s in this JVM (%.2f ms each); machine %.0f %% busy, %.0f %% "
                + "outside this JVM (broker, PostgreSQL, benchmark, other processes)", cpu, 1000.0 * cpu / items, busy,
                others);
    }
}
