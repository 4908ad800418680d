package vn.tdkt.hub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import vn.tdkt.hub.app.HubMain;

/**
 * A hub in a separate JVM (the real {@code HubMain}, with the test's settings as system properties), so a test
 * can kill it with SIGKILL at any point, as a crash would, or run several as separate instances.
 */
public final class HubProcess {

    /** The banner line HubMain prints once every part runs: it carries the HTTP base address. */
    private static final Pattern STARTED = Pattern.compile("Dashboard: (http://\\S+)/dashboard");

    private final Process process;
    private final Path log;

    private HubProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static HubProcess start(Map<String, String> settings, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HubMain.class.getName());
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new HubProcess(p, log);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the hub has started (its banner is in the log) and answers {@code /health/ready} with 200;
     * returns its HTTP base address. Fails with the log's tail if the process ends or the time runs out.
     */
    public String awaitReady(Duration timeout) {
        return awaitReady(timeout, HubHarness.OFFICE_TOKEN);
    }

    /** As {@link #awaitReady(Duration)}, asking {@code /health/ready} with this office (or metrics) token. */
    public String awaitReady(Duration timeout, String token) {
        String[] base = new String[1];
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the hub process ended (exit " + process.exitValue() + ")");
                }
                Matcher m = STARTED.matcher(logText());
                if (!m.find()) {
                    return false;
                }
                base[0] = m.group(1);
                return new Http(base[0], token).get("/health/ready").statusCode() == 200;
            });
        } catch (RuntimeException e) {
            throw new AssertionError("the hub process did not become ready:\n" + logTail(), e);
        }
        return base[0];
    }

    /** SIGTERM: the hub's shutdown hook stops it gracefully; SIGKILL if it has not ended within a minute. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, exactly like a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The whole log so far (stdout and stderr). */
    public String logText() {
        try {
            return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8); // lenient: a line may be half-written
        } catch (IOException e) {
            return "";
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
