package vn.tdkt.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * Every route file is written in the canonical YAML DSL notation: loading it logs no "compact notation" warning
 * (Camel 4.22 warns once per file at start-up for the compact forms, e.g. {@code to: direct:x} or
 * {@code simple: "${body}"}, instead of {@code to: {uri: direct:x}} and {@code simple: {expression: ...}}).
 */
class RoutesNotationTest {

    @Test
    void everyRouteFileLoadsWithoutACompactNotationWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        Logger logger = (Logger) LogManager.getLogger("org.apache.camel.dsl.yaml.common.YamlDeserializerBase");
        AbstractAppender appender = new AbstractAppender("notation", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                warnings.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            // the settings the routes' endpoints name: the defaults, and those the hub computes at start
            Properties settings = new Properties();
            try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
                settings.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            settings.setProperty("tdkt.live.group", "test-live");
            settings.setProperty("tdkt.smtp.uri", "smtp://127.0.0.1:25");
            settings.setProperty("tdkt.letters.renew-period-ms", "5000");
            settings.setProperty("tdkt.intake.mail.uri", "imap://127.0.0.1:1");
            settings.setProperty("tdkt.intake.mail.auto-startup", "false");
            camel.getPropertiesComponent().setOverrideProperties(settings);
            List<Path> files = routeFiles();
            assertThat(files).hasSizeGreaterThanOrEqualTo(5);
            for (Path file : files) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(
                        ResourceHelper.fromString(file.getFileName().toString(), Files.readString(file)));
            }
            assertThat(camel.getRouteDefinitions()).isNotEmpty();
        } finally {
            logger.removeAppender(appender);
        }
        assertThat(warnings).filteredOn(w -> w.contains("compact notation")).isEmpty();
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
