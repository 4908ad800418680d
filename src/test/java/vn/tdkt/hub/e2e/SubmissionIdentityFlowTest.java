package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.support.Http.json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.intake.SignatureCheck;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases.Kind;
import vn.tdkt.hub.support.TestKafka;

/**
 * Issue 18's attack on submission identity, end to end with signatures required (both databases): SO-KHDT
 * publishes on Kafka a signed record for its own unit under the id so-tc-2025-1; SO-TC's own so-tc-2025-1,
 * posted over HTTP, is answered 202 PUBLISHED (not DUPLICATE), signed by the hub as a trusted intake for SO-TC,
 * accepted by the intake and scored. The HTTP DUPLICATE answer is for the same unit's id only; a record that
 * claims the hub's intake without its key is rejected.
 */
class SubmissionIdentityFlowTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anotherDepartmentCanNeitherTakeNorBlockASubmissionOnKafkaOrHttp(Kind kind) throws Exception {
        String khdtToken = Credentials.newToken();
        String tcToken = Credentials.newToken();
        String khdtKey = Credentials.newToken();
        HubHarness harness = new HubHarness(dir, kind)
                .set("tdkt.intake.signatures-required", "true")
                .set("tdkt.intake.signing-key", Credentials.newToken())
                .set("tdkt.http.credentials", "org.so-khdt.token-sha256=" + Credentials.sha256(khdtToken)
                        + ";org.so-khdt.units=SO-KHDT;org.so-khdt.signing-key=" + khdtKey
                        + ";org.so-tc.token-sha256=" + Credentials.sha256(tcToken) + ";org.so-tc.units=SO-TC");
        String results = harness.topics().results();
        try (Hub hub = harness.start()) {
            Http http = new Http(hub.httpBase());
            String squatter = Records.submission("so-tc-2025-1", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00",
                    List.of(Records.actual("KT3", "10"), Records.actual("XH1", "true")));
            publish(results, "SO-KHDT", squatter, "so-khdt", SignatureCheck.sign(
                    khdtKey.getBytes(StandardCharsets.UTF_8), squatter.getBytes(StandardCharsets.UTF_8)), null);
            await().atMost(Duration.ofSeconds(60)).until(() -> Queries.scores(hub.database(), "2023")
                    .containsKey("SO-KHDT") || !rejections(hub).isEmpty());
            assertThat(rejections(hub)).isEmpty();

            String own = Records.submission("so-tc-2025-1", "SO-TC", "2023", "2024-01-11T09:00:00+07:00",
                    List.of(Records.actual("KT3", "20"), Records.actual("XH1", "false")));
            var posted = http.post("/api/submissions", tcToken, own);
            assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
            assertThat(json(posted).get("status").asText()).isEqualTo("PUBLISHED");
            await().atMost(Duration.ofSeconds(60)).until(() -> Queries.scores(hub.database(), "2023")
                    .containsKey("SO-TC") || !rejections(hub).isEmpty());
            assertThat(rejections(hub)).as("the hub's own record").isEmpty();
            assertThat(Queries.accepted(hub.database())).isEqualTo(2);

            var again = http.post("/api/submissions", tcToken, own);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again).get("status").asText()).isEqualTo("DUPLICATE");
            var khdtAgain = http.post("/api/submissions", khdtToken, squatter);
            assertThat(khdtAgain.statusCode()).isEqualTo(200);
            assertThat(json(khdtAgain).get("status").asText()).isEqualTo("DUPLICATE");

            // a record claiming the hub's intake, signed without its key: UNAUTHORIZED
            String forged = Records.submission("forged-1", "SO-TC", "2023", "2024-01-12T09:00:00+07:00",
                    List.of(Records.actual("KT3", "1")));
            publish(results, "SO-TC", forged, SignatureCheck.HUB_INTAKE, SignatureCheck.signAttested(
                    khdtKey.getBytes(StandardCharsets.UTF_8), "so-tc", forged.getBytes(StandardCharsets.UTF_8)),
                    "so-tc");
            await().atMost(Duration.ofSeconds(60)).until(() -> Queries.count(hub.database(),
                    "SELECT COUNT(*) FROM rejection WHERE reason_codes = 'UNAUTHORIZED'") == 1);
            assertThat(Queries.accepted(hub.database())).isEqualTo(2);
        }
    }

    /**
     * Embedded mode with signatures required and no key configured: the hub generates its intake key (0600) and
     * a department's HTTP submission is published signed, accepted and scored.
     */
    @org.junit.jupiter.api.Test
    void inEmbeddedModeTheHttpIntakeSignsWithAGeneratedKey() throws Exception {
        String tcToken = Credentials.newToken();
        HubHarness harness = new HubHarness(dir, Kind.H2)
                .set("tdkt.kafka.bootstrap", "")
                .set("tdkt.embedded.kafka-port", "0")
                .set("tdkt.intake.signatures-required", "true")
                .set("tdkt.http.credentials", "org.so-tc.token-sha256=" + Credentials.sha256(tcToken)
                        + ";org.so-tc.units=SO-TC");
        try (Hub hub = harness.start()) {
            Path key = dir.resolve("intake.key");
            assertThat(java.nio.file.Files.readString(key).trim()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            String own = Records.submission("so-tc-2025-1", "SO-TC", "2023", "2024-01-11T09:00:00+07:00",
                    List.of(Records.actual("KT3", "20")));
            var posted = new Http(hub.httpBase()).post("/api/submissions", tcToken, own);
            assertThat(posted.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> Queries.scores(hub.database(), "2023")
                    .containsKey("SO-TC") || !rejections(hub).isEmpty());
            assertThat(rejections(hub)).isEmpty();
            assertThat(Queries.scores(hub.database(), "2023")).containsOnlyKeys("SO-TC");
        }
    }

    private static List<String> rejections(Hub hub) {
        return Queries.column(hub.database(), "SELECT body FROM rejection");
    }

    private static void publish(String topic, String key, String json, String org, String signature,
                                String attested) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
            r.headers().add(SignatureCheck.ORG_HEADER, org.getBytes(StandardCharsets.UTF_8));
            r.headers().add(SignatureCheck.SIGNATURE_HEADER, signature.getBytes(StandardCharsets.US_ASCII));
            if (attested != null) {
                r.headers().add(SignatureCheck.ATTESTED_ORG_HEADER, attested.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(r).get();
        }
    }
}
