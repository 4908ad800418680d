package vn.tdkt.hub.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps a list in order, its contiguous slices on {@code helpers} extra threads while the calling thread does the
 * first slice: the intake validates a batch this way, and recomputes the blocks of a batch, so that parsing,
 * validation and scoring use a second core while the consumer thread is the intake's only serial path. The
 * function must be thread-safe; a failure it throws is thrown to the caller. {@link #SERIAL} maps on the calling
 * thread only.
 */
public final class ParallelMap implements AutoCloseable {

    /** No helper threads. */
    public static final ParallelMap SERIAL = new ParallelMap(0);

    /** Below this many items per slice, splitting costs more than it saves. */
    private static final int MIN_SLICE = 32;

    private final int helpers;
    private final ExecutorService pool;

    /** A map with {@code helpers} extra daemon threads (0: serial). */
    public ParallelMap(int helpers) {
        if (helpers < 0) {
            throw new IllegalArgumentException("helpers must be >= 0: " + helpers);
        }
        this.helpers = helpers;
        AtomicInteger n = new AtomicInteger();
        this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, r -> {
            Thread t = new Thread(r, "tdkt-intake-helper-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code f} applied to every item, results in the items' order (small items: slices of 32 at least). */
    public <T, R> List<R> map(List<T> items, Function<T, R> f) {
        return map(items, f, MIN_SLICE);
    }

    /** As {@link #map(List, Function)}, each slice holding {@code minSlice} items at least (1 for big items). */
    public <T, R> List<R> map(List<T> items, Function<T, R> f, int minSlice) {
        int slices = Math.min(helpers + 1, items.size() / Math.max(1, minSlice));
        if (slices <= 1) {
            return slice(items, f);
        }
        int size = (items.size() + slices - 1) / slices;
        List<Future<List<R>>> others = new ArrayList<>(slices - 1);
        for (int from = size; from < items.size(); from += size) {
            List<T> part = items.subList(from, Math.min(items.size(), from + size));
            others.add(pool.submit(() -> slice(part, f)));
        }
        List<R> out = new ArrayList<>(items.size());
        out.addAll(slice(items.subList(0, size), f));
        for (Future<List<R>> other : others) {
            out.addAll(join(other));
        }
        return out;
    }

    private static <T, R> List<R> slice(List<T> items, Function<T, R> f) {
        List<R> out = new ArrayList<>(items.size());
        for (T item : items) {
            out.add(f.apply(item));
        }
        return out;
    }

    private static <R> List<R> join(Future<List<R>> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the slice is short: finish it, then restore the interrupt
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
