package vn.tdkt.hub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The hub's settings: {@code application.properties} on the class path (the one place defaults live), then an
 * optional external file named by {@code TDKT_CONFIG_FILE} (for secrets kept outside the repository), then
 * environment variables, then system properties; later sources win. An environment variable overrides the key
 * spelt in upper case with dots and dashes as underscores: {@code tdkt.kafka.bootstrap} is
 * {@code TDKT_KAFKA_BOOTSTRAP}.
 */
public final class HubConfig {

    private final Properties props;

    private HubConfig(Properties props) {
        this.props = props;
    }

    /** Loads from the class path, the optional external file, the environment and system properties. */
    public static HubConfig load() {
        return load(System.getenv(), System.getProperties(), Map.of());
    }

    /** As {@link #load()} with explicit sources; {@code overrides} win over everything (tests, embedded mode). */
    public static HubConfig load(Map<String, String> env, Properties system, Map<String, String> overrides) {
        Properties p = new Properties();
        try (InputStream in = HubConfig.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is missing from the class path");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read application.properties", e);
        }
        String external = env.getOrDefault("TDKT_CONFIG_FILE", system.getProperty("tdkt.config.file"));
        if (external != null && !external.isBlank()) {
            try (Reader r = Files.newBufferedReader(Path.of(external), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read configuration file " + external, e);
            }
        }
        for (String key : p.stringPropertyNames()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                p.setProperty(key, fromEnv);
            }
            String fromSystem = system.getProperty(key);
            if (fromSystem != null) {
                p.setProperty(key, fromSystem);
            }
        }
        overrides.forEach(p::setProperty);
        return new HubConfig(p);
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with some keys replaced. */
    public HubConfig with(Map<String, String> changes) {
        Properties p = new Properties();
        p.putAll(props);
        changes.forEach(p::setProperty);
        return new HubConfig(p);
    }

    public String get(String key) {
        String v = props.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("missing setting " + key + " in application.properties");
        }
        return v.trim();
    }

    public boolean isSet(String key) {
        String v = props.getProperty(key);
        return v != null && !v.isBlank();
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public Topics topics() {
        return new Topics(get("tdkt.topic.results"), get("tdkt.topic.rejected"), get("tdkt.topic.scores"),
                get("tdkt.topic.standings"), get("tdkt.topic.commands"), get("tdkt.topic.awards"),
                get("tdkt.topic.letters"), get("tdkt.topic.parked"));
    }

    /** All settings, for handing to Camel's property placeholders. */
    public Properties asProperties() {
        Properties p = new Properties();
        p.putAll(props);
        return p;
    }
}
