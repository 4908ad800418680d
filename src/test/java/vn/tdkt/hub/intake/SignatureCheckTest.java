package vn.tdkt.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestRegistry;

/** Per-organisation HMAC signatures on tdkt.results, when required. */
class SignatureCheckTest {

    static final byte[] KEY = "khoa-bi-mat-cua-so-khdt".getBytes(StandardCharsets.UTF_8);
    static final byte[] VALUE = Records.submission("sig-1", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00",
            List.of(Records.actual("KT3", "10"))).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    static SignatureCheck check(boolean required) {
        Properties p = new Properties();
        p.setProperty("org.so-khdt.signing-key", new String(KEY, StandardCharsets.UTF_8));
        p.setProperty("org.so-khdt.units", "SO-KHDT");
        return SignatureCheck.of(required, p);
    }

    static Map<String, byte[]> headers(String org, String signature) {
        return Map.of(SignatureCheck.ORG_HEADER, org.getBytes(StandardCharsets.UTF_8),
                SignatureCheck.SIGNATURE_HEADER, signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aGoodSignaturePassesAndMissingForgedOrForeignOnesDoNot() {
        SignatureCheck c = check(true);
        String good = SignatureCheck.sign(KEY, VALUE);
        assertThat(c.check(headers("so-khdt", good), VALUE, "SO-KHDT")).isEmpty();
        assertThat(c.check(Map.of(), VALUE, "SO-KHDT")).hasValueSatisfying(r ->
                assertThat(r.code()).isEqualTo(ReasonCode.UNAUTHORIZED));
        // one changed byte of the value: the signature no longer matches
        byte[] tampered = VALUE.clone();
        tampered[tampered.length - 5] = '9';
        assertThat(c.check(headers("so-khdt", good), tampered, "SO-KHDT")).isPresent();
        assertThat(c.check(headers("so-tc", good), VALUE, "SO-KHDT")).isPresent();
        assertThat(c.check(headers("so-khdt", good), VALUE, "SO-TC")).hasValueSatisfying(r ->
                assertThat(r.field()).isEqualTo("unitCode"));
        assertThat(check(false).check(Map.of(), VALUE, "SO-KHDT")).as("not required").isEmpty();
    }

    @Test
    void theIntakeRejectsUnsignedRecordsWhenSignaturesAreRequired() {
        try (Database db = TestDatabases.open(TestDatabases.Kind.H2, dir)) {
            var registry = TestRegistry.load();
            IntakeService intake = new IntakeService(db, new IntakeStore(db), new OutboxStore(db), () -> registry,
                    new SubmissionValidator(), Topics.DEFAULTS, Clock.systemUTC(), IntakeMetrics.NONE, check(true),
                    new BlockCache(true), ParallelMap.SERIAL);
            InboundRecord unsigned = new InboundRecord("tdkt.results", 0, 1, "SO-KHDT", VALUE, Map.of());
            byte[] other = new String(VALUE, StandardCharsets.UTF_8).replace("sig-1", "sig-2")
                    .getBytes(StandardCharsets.UTF_8);
            InboundRecord signed = new InboundRecord("tdkt.results", 0, 2, "SO-KHDT", other,
                    headers("so-khdt", SignatureCheck.sign(KEY, other)));
            OutboxBatch out = intake.process(List.of(unsigned, signed));
            var rejected = out.messages().stream().filter(m -> m.topic().equals(Topics.DEFAULTS.rejected()))
                    .map(m -> Json.read(m.payload(), com.fasterxml.jackson.databind.JsonNode.class)).toList();
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).get("reasons").get(0).get("code").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(rejected.get(0).get("submissionId").asText()).isEqualTo("sig-1");
            assertThat(out.messages()).anyMatch(m -> m.topic().equals(Topics.DEFAULTS.scores()));
        }
    }

    /** The hub's HTTP intake: its signature binds the attested organisation and the value; without its key, none. */
    @Test
    void theHubsIntakeAttestsTheOrganisationItAuthenticated() {
        byte[] intakeKey = vn.tdkt.hub.http.Credentials.newToken().getBytes(StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.setProperty("org.so-khdt.signing-key", new String(KEY, StandardCharsets.UTF_8));
        p.setProperty("org.so-khdt.units", "SO-KHDT");
        SignatureCheck withIntake = SignatureCheck.of(true, p, intakeKey);
        String good = SignatureCheck.signAttested(intakeKey, "so-tc", VALUE);
        assertThat(withIntake.check(attested("so-tc", good), VALUE, "SO-TC")).isEmpty();
        assertThat(withIntake.check(attested("so-khdt", good), VALUE, "SO-TC")).as("another attested organisation")
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(ReasonCode.UNAUTHORIZED));
        byte[] tampered = VALUE.clone();
        tampered[tampered.length - 5] = '9';
        assertThat(withIntake.check(attested("so-tc", good), tampered, "SO-TC")).isPresent();
        assertThat(withIntake.check(headers(SignatureCheck.HUB_INTAKE, good), VALUE, "SO-TC"))
                .as("no attested organisation").isPresent();
        assertThat(withIntake.check(attested("so-tc", SignatureCheck.signAttested(KEY, "so-tc", VALUE)), VALUE,
                "SO-TC")).as("signed with a department's key").isPresent();
        assertThat(check(true).check(attested("so-tc", good), VALUE, "SO-TC")).as("a hub without the intake key")
                .isPresent();
        p.setProperty("org." + SignatureCheck.HUB_INTAKE + ".signing-key", "a-department-using-the-name");
        p.setProperty("org." + SignatureCheck.HUB_INTAKE + ".units", "*");
        assertThat(SignatureCheck.of(true, p).check(headers(SignatureCheck.HUB_INTAKE, SignatureCheck.sign(
                "a-department-using-the-name".getBytes(StandardCharsets.UTF_8), VALUE)), VALUE, "SO-TC"))
                .as("the name is reserved").isPresent();
    }

    static Map<String, byte[]> attested(String org, String signature) {
        return Map.of(SignatureCheck.ORG_HEADER, SignatureCheck.HUB_INTAKE.getBytes(StandardCharsets.UTF_8),
                SignatureCheck.ATTESTED_ORG_HEADER, org.getBytes(StandardCharsets.UTF_8),
                SignatureCheck.SIGNATURE_HEADER, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
