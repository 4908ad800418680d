package vn.tdkt.hub.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory and thread deaths, for readiness: an {@link OutOfMemoryError} seen anywhere (a thread that died of it, or
 * an exchange that failed with it) makes memory DOWN for a while; so does heap in use after the last garbage
 * collection above a share of the maximum. It also remembers which threads died of an uncaught error (by name), so
 * the intake check can tell that a consumer thread is gone.
 */
public final class MemoryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryWatch.class);

    /** A thread that ended with an uncaught throwable: its name, what killed it, when. */
    public record ThreadDeath(String thread, String error, long at) {
    }

    private final double heapAfterGcMax;
    private final long oomDownMs;
    private final LongSupplier clock;
    private final AtomicLong outOfMemoryErrors = new AtomicLong();
    private volatile long lastOutOfMemoryAt = Long.MIN_VALUE;
    private final Map<String, ThreadDeath> deaths = new ConcurrentHashMap<>();

    public MemoryWatch(double heapAfterGcMax, long oomDownMs, LongSupplier clock) {
        this.heapAfterGcMax = heapAfterGcMax;
        this.oomDownMs = oomDownMs;
        this.clock = clock;
    }

    /**
     * Installs this watch as the JVM's default handler of uncaught throwables (keeping the previous one, which is
     * still called): a thread's death is remembered, and an OutOfMemoryError counted.
     */
    public void install() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            threadDied(t.getName(), e);
            if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                LOG.error("Thread {} ended with an uncaught error", t.getName(), e);
            }
        });
    }

    /** A thread ended with {@code e}. */
    public void threadDied(String thread, Throwable e) {
        deaths.put(thread, new ThreadDeath(thread, String.valueOf(e), clock.getAsLong()));
        failed(e);
    }

    /** Something failed with {@code e}: counted when it is (or was caused by) an OutOfMemoryError. */
    public void failed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                outOfMemoryErrors.incrementAndGet();
                lastOutOfMemoryAt = clock.getAsLong();
                return;
            }
        }
    }

    /** The deaths of threads whose name contains {@code namePart}, at or after {@code since} (epoch ms). */
    public List<ThreadDeath> deaths(String namePart, long since) {
        return deaths.values().stream().filter(d -> d.thread().contains(namePart) && d.at() >= since).toList();
    }

    public long outOfMemoryErrors() {
        return outOfMemoryErrors.get();
    }

    /**
     * Heap in use after the last collection of the long-lived objects' pool (old generation; the whole heap for
     * collectors with one pool), as a share of its maximum, or 0 before any collection. Young pools are left out:
     * a survivor space is often full after a collection, which says nothing about memory running out.
     */
    public static double heapAfterGcRatio() {
        double worst = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName().toLowerCase(java.util.Locale.ROOT);
            if (pool.getType() != MemoryType.HEAP || !pool.isValid() || name.contains("eden")
                    || name.contains("survivor") || name.contains("nursery") || name.contains("young")) {
                continue;
            }
            MemoryUsage after = pool.getCollectionUsage();
            if (after != null && after.getMax() > 0) {
                worst = Math.max(worst, (double) after.getUsed() / after.getMax());
            }
        }
        return worst;
    }

    /** The memory check: UP, or DOWN after a recent OutOfMemoryError or with the heap full after collection. */
    public Map<String, Object> check() {
        return check(heapAfterGcRatio());
    }

    Map<String, Object> check(double ratio) {
        long now = clock.getAsLong();
        boolean recentOom = outOfMemoryErrors.get() > 0 && now - lastOutOfMemoryAt < oomDownMs;
        boolean full = ratio > heapAfterGcMax;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", recentOom || full ? "DOWN" : "UP");
        m.put("heapAfterGcRatio", Math.round(ratio * 1000) / 1000.0);
        m.put("heapAfterGcMax", heapAfterGcMax);
        m.put("outOfMemoryErrors", outOfMemoryErrors.get());
        if (recentOom) {
            m.put("message", "OutOfMemoryError " + (now - lastOutOfMemoryAt) / 1000 + " s ago");
        } else if (full) {
            m.put("message", "heap in use after collection above the limit");
        }
        return m;
    }
}
