package vn.tdkt.hub.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.RegistryException;
import vn.tdkt.hub.domain.registry.RegistryLoader;

/**
 * Holds the registry in use and reloads it when its file changes (contracts.md, "Registry": a refused
 * file leaves the last good registry in place).
 *
 * <p>The registry is loaded when the holder is created; a file that cannot be read or is refused then
 * throws a {@link RegistryException} with every problem, so the hub does not start on a bad registry.
 * {@link #reloadIfChanged()} re-reads the source and acts only when its SHA-256 content hash differs from
 * the last content it examined (a touched file with the same bytes is no change). A new good registry
 * replaces the current one and is passed to every listener; a bad one is logged at ERROR, problem by
 * problem, once per distinct content, and kept in {@link #lastError()} until a good file replaces it.
 * The file is UTF-8 (a leading byte-order mark is ignored). {@link #start(Duration)} runs the check on
 * one daemon thread; {@link #close()} stops it.
 */
public final class RegistryHolder implements AutoCloseable {

    /** The demo registry (Hà Nam province, illustrative data) on the classpath. */
    public static final String DEMO_RESOURCE = "demo/registry.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHolder.class);

    /** Where the registry's bytes come from. */
    @FunctionalInterface
    private interface Source {
        byte[] read() throws IOException;
    }

    private final String description;
    private final Source source;
    private final Supplier<Set<String>> closedPeriods;
    private final List<Consumer<Registry>> listeners = new CopyOnWriteArrayList<>();
    private volatile Registry current;
    private volatile RegistryException lastError;
    /** Hash of the last content examined, or the last read failure; guarded by this. */
    private String lastSeen;
    /** Guarded by this. */
    private ScheduledExecutorService timer;

    private RegistryHolder(String description, Source source, Supplier<Set<String>> closedPeriods) {
        this.description = description;
        this.source = source;
        this.closedPeriods = Objects.requireNonNull(closedPeriods, "closedPeriods");
        try {
            byte[] bytes = readSource();
            current = RegistryLoader.load(decode(bytes), null, closedPeriods.get());
            lastSeen = sha256(bytes);
        } catch (RegistryException e) {
            logRefusal(e);
            throw e;
        }
        LOG.info("Registry loaded from {}: {} units, periods {}", description, current.units().size(),
                current.periodNames());
    }

    /** Loads the registry from a file; throws {@link RegistryException} when it is unreadable or refused. */
    public static RegistryHolder fromFile(Path path, Supplier<Set<String>> closedPeriods) {
        return new RegistryHolder(path.toString(), () -> Files.readAllBytes(path), closedPeriods);
    }

    /** Loads the registry from a classpath resource, e.g. {@link #DEMO_RESOURCE}. */
    public static RegistryHolder fromClasspath(String resource, Supplier<Set<String>> closedPeriods) {
        return new RegistryHolder("classpath:" + resource, () -> {
            try (InputStream in = RegistryHolder.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no such resource");
                }
                return in.readAllBytes();
            }
        }, closedPeriods);
    }

    /** The registry in use: always the last good one. */
    public Registry current() {
        return current;
    }

    /** Why the latest content of the file was refused, until a good file is loaded again. */
    public Optional<RegistryException> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Called with the new registry after every successful change (on the thread that reloads). */
    public void addListener(Consumer<Registry> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Loads the source again if its content changed.
     *
     * @return true when a new, different registry was installed (and the listeners were called)
     */
    public synchronized boolean reloadIfChanged() {
        byte[] bytes;
        try {
            bytes = readSource();
        } catch (RegistryException e) {
            return refuse(e.getMessage(), e);
        }
        String hash = sha256(bytes);
        if (hash.equals(lastSeen)) {
            return false;
        }
        Registry loaded;
        try {
            loaded = RegistryLoader.load(decode(bytes), current, closedPeriods.get());
        } catch (RegistryException e) {
            return refuse(hash, e);
        }
        lastSeen = hash;
        lastError = null;
        if (loaded.equals(current)) {
            return false;
        }
        current = loaded;
        LOG.info("Registry reloaded from {}: {} units, periods {}", description, loaded.units().size(),
                loaded.periodNames());
        listeners.forEach(listener -> notify(listener, loaded));
        return true;
    }

    /** Runs {@link #reloadIfChanged()} every {@code interval} on a daemon thread, until {@link #close()}. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "registry-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the periodic check (a check in progress finishes). */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdown();
            timer = null;
        }
    }

    private void reloadQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.error("Registry check of {} failed; will try again", description, e);
        }
    }

    private boolean refuse(String seen, RegistryException e) {
        lastError = e;
        if (!seen.equals(lastSeen)) {
            lastSeen = seen;
            logRefusal(e);
        }
        return false;
    }

    private void logRefusal(RegistryException e) {
        LOG.error("Registry {} refused ({} problem(s)); keeping the last good registry, if any", description,
                e.problems().size());
        e.problems().forEach(problem -> LOG.error("Registry problem: {}", problem));
    }

    private void notify(Consumer<Registry> listener, Registry registry) {
        try {
            listener.accept(registry);
        } catch (RuntimeException e) {
            LOG.error("Registry listener failed", e);
        }
    }

    private byte[] readSource() {
        try {
            return source.read();
        } catch (IOException e) {
            throw new RegistryException(List.of("registry: cannot read " + description + ": " + e));
        }
    }

    private String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new RegistryException(List.of("registry: " + description + " is not valid UTF-8"));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
