package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.HubProcess;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.SecureKafka;
import vn.tdkt.hub.support.TestDatabases;

/**
 * Secrets (issue 18): none in any log line of a hub started with every secret set, in the production logging
 * configuration; the generated verification key readable by its owner only; a short verification secret or
 * intake signing key refused at start with a clear message.
 */
class SecretsTest {

    @TempDir
    Path dir;

    /**
     * A hub in its own JVM (the real main class, production log4j2.xml) with an SMTP password, a database
     * password, HTTP tokens, a verification secret, an intake signing key, an IMAP password and a Kafka SASL
     * password: it starts, takes a submission over HTTP (and refuses a wrong token), scores it and stops; its
     * whole log holds none of the secrets.
     */
    @Test
    void noSecretIsEverLogged() throws Exception {
        String hubUser = "tdkt-hub";
        Map<String, String> kafkaPasswords = Map.of(hubUser, SecureKafka.randomSecret());
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("SMTP password", Credentials.newToken());
        secrets.put("IMAP password", Credentials.newToken());
        secrets.put("database password", Credentials.newToken());
        secrets.put("office token", Credentials.newToken());
        secrets.put("department token", Credentials.newToken());
        secrets.put("verification secret", Credentials.newToken());
        secrets.put("intake signing key", Credentials.newToken());
        secrets.put("workbook mailbox password", Credentials.newToken());
        secrets.put("Kafka SASL password", kafkaPasswords.get(hubUser));

        GreenMail mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser("tdkt@hanam.example", "tdkt-hub", secrets.get("SMTP password"));
        try (SecureKafka kafka = SecureKafka.start(dir.resolve("kafka"))) {
            kafka.createUsers(kafkaPasswords);
            kafka.addAcls(KafkaSecurityTest.readmeAcls(KafkaSecurityTest.ACL_DOC));
            String dbUrl = TestDatabases.freshUrl(TestDatabases.Kind.POSTGRES, dir);
            HubHarness harness = new HubHarness(dir.resolve("hub"), TestDatabases.Kind.POSTGRES,
                    kafka.saslSslBootstrap())
                    .set("tdkt.kafka.security-protocol", "SASL_SSL")
                    .set("tdkt.kafka.sasl-mechanism", SecureKafka.MECHANISM)
                    .set("tdkt.kafka.sasl-username", hubUser)
                    .set("tdkt.kafka.sasl-password", secrets.get("Kafka SASL password"))
                    .set("tdkt.kafka.ssl-truststore-location", kafka.truststore().toString())
                    .set("tdkt.kafka.ssl-truststore-password", kafka.truststorePassword())
                    .set("tdkt.kafka.group", "tdkt-hub")
                    .set("tdkt.db.url", dbUrl)
                    .set("tdkt.db.password", secrets.get("database password"))
                    .set("tdkt.smtp.host", "127.0.0.1")
                    .set("tdkt.smtp.port", String.valueOf(mail.getSmtp().getPort()))
                    .set("tdkt.smtp.username", "tdkt-hub")
                    .set("tdkt.smtp.password", secrets.get("SMTP password"))
                    .set("tdkt.imap.host", "127.0.0.1")
                    .set("tdkt.imap.port", String.valueOf(mail.getImap().getPort()))
                    .set("tdkt.imap.protocol", "imap")
                    .set("tdkt.imap.user", "tdkt-hub")
                    .set("tdkt.imap.password", secrets.get("IMAP password"))
                    .set("tdkt.letters.verification-secret", secrets.get("verification secret"))
                    .set("tdkt.intake.signatures-required", "true")
                    .set("tdkt.intake.signing-key", secrets.get("intake signing key"))
                    // the workbooks' mailbox (e-mail intake) on, at the same IMAP server
                    .set("tdkt.intake.mail.host", "127.0.0.1").set("tdkt.intake.mail.protocol", "imap")
                    .set("tdkt.intake.mail.port", "1").set("tdkt.intake.mail.user", "ketqua")
                    .set("tdkt.intake.mail.password", secrets.get("workbook mailbox password"))
                    .set("tdkt.http.credentials", "office.token-sha256=" + Credentials.sha256(secrets.get(
                            "office token")) + ";org.so-khdt.token-sha256=" + Credentials.sha256(secrets.get(
                            "department token")) + ";org.so-khdt.units=SO-KHDT");
            Topics.DEFAULTS.byName().forEach((name, topic) -> harness.set("tdkt.topic." + name, topic));
            Map<String, String> settings = new HashMap<>(harness.settings());
            settings.put("log4j2.configurationFile", "log4j2.xml"); // the production configuration, INFO
            HubProcess process = HubProcess.start(settings, dir.resolve("hub.log"));
            try {
                Http http = new Http(process.awaitReady(Duration.ofMinutes(3), secrets.get("office token")));
                String sub = Records.submission("secret-1", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00",
                        List.of(Records.actual("KT3", "10")));
                assertThat(http.post("/api/submissions", secrets.get("office token") + "x", sub).statusCode())
                        .isEqualTo(401);
                assertThat(http.post("/api/submissions", secrets.get("department token"), sub).statusCode())
                        .isEqualTo(202);
                await().atMost(Duration.ofSeconds(60)).until(() -> scored(dbUrl) == 1);
            } finally {
                process.stop();
            }
            String log = process.logText();
            assertThat(log).as("the production log at INFO, with Camel's summary of its properties")
                    .contains("Property-placeholders summary", "tdkt.smtp.uri = smtp://127.0.0.1:");
            secrets.forEach((what, secret) -> assertThat(log).as(what).doesNotContain(secret));
        } finally {
            mail.stop();
        }
    }

    private static long scored(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM unit_score")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException notYetMigrated) {
            return -1;
        }
    }

    /** A hub on the test broker: embedded mail and H2, generated verification secret. */
    private HubHarness harness(Path hubDir) {
        return new HubHarness(hubDir, TestDatabases.Kind.H2);
    }

    @Test
    void theGeneratedVerificationKeyIsReadableByItsOwnerOnly() throws Exception {
        Path hubDir = dir.resolve("hub");
        Files.createDirectories(hubDir);
        Path old = hubDir.resolve("verification.key");
        Files.writeString(old, Credentials.newToken());
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        try (Hub hub = harness(hubDir).start()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old)))
                    .as("a key written by an earlier version is narrowed").isEqualTo("rw-------");
        }
        Files.delete(old);
        try (Hub hub = harness(hubDir).start()) {
            assertThat(Files.readString(old).trim()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-------");
        }
    }

    @Test
    void aShortVerificationSecretOrSigningKeyStopsTheStartWithAClearMessage() {
        HubHarness shortSecret = new HubHarness(dir.resolve("a"), TestDatabases.Kind.H2, "127.0.0.1:9")
                .set("tdkt.letters.verification-secret", "abcde");
        assertThatThrownBy(shortSecret::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tdkt.letters.verification-secret").hasMessageContaining("5 characters")
                .hasMessageContaining("at least 16").hasMessageNotContaining("abcde");
        HubHarness fifteen = new HubHarness(dir.resolve("b"), TestDatabases.Kind.H2, "127.0.0.1:9")
                .set("tdkt.letters.verification-secret", "0123456789abcde");
        assertThatThrownBy(fifteen::start).hasMessageContaining("15 characters");
        HubHarness shortKey = new HubHarness(dir.resolve("c"), TestDatabases.Kind.H2, "127.0.0.1:9")
                .set("tdkt.intake.signing-key", "short");
        assertThatThrownBy(shortKey::start).hasMessageContaining("tdkt.intake.signing-key")
                .hasMessageContaining("at least 16");
        HubHarness noKey = new HubHarness(dir.resolve("d"), TestDatabases.Kind.H2, "127.0.0.1:9")
                .set("tdkt.intake.signatures-required", "true");
        assertThatThrownBy(noKey::start).hasMessageContaining("tdkt.intake.signatures-required=true needs "
                + "tdkt.intake.signing-key");
    }
}
