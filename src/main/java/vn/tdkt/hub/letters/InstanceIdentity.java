package vn.tdkt.hub.letters;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who claims letters: a stable instance identity (the same after a restart) and this run of it. A claim is
 * recorded as {@code identity/run}; on start, an instance finds the claims of its own earlier runs (same identity,
 * another run) and knows they were interrupted by its restart, so they are checked and sent at once instead of
 * waiting for their lease to run out.
 *
 * <p>The identity is {@code tdkt.instance.id} when configured (it must then differ between instances running at the
 * same time); otherwise it is kept in {@code instance-id} in the data folder (created on first start from the host
 * name), and used only while this process holds the data folder's lock file: a second hub started on the same data
 * folder gets an identity of its own for this run, so two live instances never share one.
 */
public final class InstanceIdentity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceIdentity.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** claimed_by is VARCHAR(64): identity (at most 48) + '/' + run (12). */
    static final int MAX_IDENTITY = 48;

    private final String identity;
    private final String run;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private InstanceIdentity(String identity, FileChannel lockChannel, FileLock lock) {
        this.identity = identity;
        this.run = randomHex(6);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The configured identity, or the one kept in {@code dir} (see the class comment). */
    public static InstanceIdentity resolve(String configured, Path dir) {
        if (configured != null && !configured.isBlank()) {
            return new InstanceIdentity(clean(configured), null, null);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("instance.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                String oneOff = clean(shortHostName() + "-" + randomHex(4));
                LOG.warn("Another hub uses the data folder {}: this run's instance identity is {} (its letter claims "
                        + "are taken over after their lease when it stops; set tdkt.instance.id per instance)", dir,
                        oneOff);
                return new InstanceIdentity(oneOff, null, null);
            }
            Path file = dir.resolve("instance-id");
            String id = Files.exists(file) ? clean(Files.readString(file, StandardCharsets.UTF_8)) : "";
            if (id.isEmpty()) {
                id = clean(shortHostName() + "-" + randomHex(4));
                Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            }
            return new InstanceIdentity(id, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            String oneOff = clean(shortHostName() + "-" + randomHex(4));
            LOG.warn("Cannot keep an instance identity in {} ({}): this run's identity is {}", dir, e.toString(), oneOff);
            return new InstanceIdentity(oneOff, null, null);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another hub in this JVM
        }
    }

    /** The stable identity. */
    public String identity() {
        return identity;
    }

    /** The owner recorded on this run's claims: {@code identity/run}. */
    public String owner() {
        return identity + "/" + run;
    }

    /** The prefix of every claim made by any run of this identity. */
    public String claimPrefix() {
        return identity + "/";
    }

    /** Letters, digits, '.', '-' and '_' only (others become '-'), at most 48 characters. */
    static String clean(String raw) {
        String s = raw.trim().replaceAll("[^A-Za-z0-9._-]", "-");
        return s.length() > MAX_IDENTITY ? s.substring(0, MAX_IDENTITY) : s;
    }

    private static String shortHostName() {
        String host = clean(hostName());
        return host.length() > MAX_IDENTITY - 9 ? host.substring(0, MAX_IDENTITY - 9) : host;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "hub";
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Releases the data folder's lock (a killed process releases it too). */
    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // the channel is closed below
        }
        closeQuietly(lockChannel);
    }
}
