package vn.tdkt.hub.domain.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class RejectionTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Rejection.Source SOURCE = new Rejection.Source("tdkt.results", 0, 1234);
    private static final List<Reason> REASONS = List.of(new Reason(ReasonCode.UNKNOWN_CRITERION,
            "results[2].criterion", "Tiêu chí TH9 không có trong bảng chấm điểm của khối KT-TH năm 2023"));
    // 02:30:01.5 UTC is 09:30:01.5 in Vietnam (+07:00)
    private static final Instant NOW = Instant.parse("2024-01-12T02:30:01.500Z");

    private static Rejection of(byte[] value) {
        return Rejection.of(value, "s-1", "SO-KHDT", REASONS, SOURCE, NOW);
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }

    @Test
    void serialisesToTheContractJson() throws Exception {
        String value = "{\"submissionId\": \"s-1\", \"x\": \"Nguyễn <b>\"}";
        JsonNode json = JSON.readTree(JSON.writeValueAsString(of(value.getBytes(StandardCharsets.UTF_8))));

        assertThat(json.get("rejectedAt").textValue()).isEqualTo("2024-01-12T09:30:01.5+07:00");
        assertThat(json.get("submissionId").textValue()).isEqualTo("s-1");
        assertThat(json.get("unitCode").textValue()).isEqualTo("SO-KHDT");
        assertThat(json.get("reasons")).hasSize(1);
        assertThat(json.get("reasons").get(0).get("code").textValue()).isEqualTo("UNKNOWN_CRITERION");
        assertThat(json.get("reasons").get(0).get("field").textValue()).isEqualTo("results[2].criterion");
        assertThat(json.get("reasons").get(0).get("message").textValue()).isEqualTo(REASONS.get(0).message());
        assertThat(json.get("source").get("topic").textValue()).isEqualTo("tdkt.results");
        assertThat(json.get("source").get("partition").intValue()).isZero();
        assertThat(json.get("source").get("offset").longValue()).isEqualTo(1234L);
        assertThat(json.get("original").textValue()).isEqualTo(value);
        assertThat(json.has("originalEncoding")).isFalse();
        assertThat(json.has("originalTruncated")).isFalse();
        assertThat(json.has("originalSha256")).isFalse();
    }

    @Test
    void unreadableIdsAreNull() throws Exception {
        Rejection r = Rejection.of(new byte[] {'x'}, null, null, REASONS, SOURCE, NOW);
        JsonNode json = JSON.readTree(JSON.writeValueAsString(r));
        assertThat(json.get("submissionId").isNull()).isTrue();
        assertThat(json.get("unitCode").isNull()).isTrue();
    }

    @Test
    void invalidUtf8IsKeptAsBase64() throws Exception {
        byte[] value = {'{', (byte) 0xC3, 0x28, '}'};
        Rejection r = of(value);
        assertThat(r.originalEncoding()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(r.original())).isEqualTo(value);
        assertThat(r.originalTruncated()).isNull();
        assertThat(JSON.readTree(JSON.writeValueAsString(r)).get("originalEncoding").textValue()).isEqualTo("base64");
    }

    @Test
    void aLongTextIsCutOnAWholeCharacter() throws Exception {
        // "ab" + 23,332 × "ệ" (3 bytes each) + "cd" = 2 + 69,996 + 2 = 70,000 bytes.
        // 65,536 − 2 = 65,534 = 3 × 21,844 + 2: byte 65,536 would split the 21,845th "ệ", so the cut keeps
        // "ab" + 21,844 × "ệ" = 2 + 65,532 = 65,534 bytes.
        String text = "ab" + "ệ".repeat(23_332) + "cd";
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        assertThat(value).hasSize(70_000);

        Rejection r = of(value);

        assertThat(r.original()).isEqualTo("ab" + "ệ".repeat(21_844));
        assertThat(r.original().getBytes(StandardCharsets.UTF_8)).hasSize(65_534);
        assertThat(r.originalTruncated()).isTrue();
        assertThat(r.originalSha256()).isEqualTo(sha256(value));
        assertThat(r.originalEncoding()).isNull();
        JsonNode json = JSON.readTree(JSON.writeValueAsString(r));
        assertThat(json.get("originalTruncated").booleanValue()).isTrue();
        assertThat(json.get("originalSha256").textValue()).isEqualTo(sha256(value));
    }

    @Test
    void exactly64KiBIsNotCut() {
        byte[] value = "x".repeat(65_536).getBytes(StandardCharsets.UTF_8);
        Rejection r = of(value);
        assertThat(r.original()).hasSize(65_536);
        assertThat(r.originalTruncated()).isNull();
        assertThat(r.originalSha256()).isNull();
    }

    @Test
    void aLongBinaryValueIsCutBeforeEncoding() throws Exception {
        byte[] value = new byte[70_000];
        Arrays.fill(value, (byte) 0xFF); // never valid in UTF-8
        Rejection r = of(value);
        assertThat(Base64.getDecoder().decode(r.original())).isEqualTo(Arrays.copyOf(value, 65_536));
        assertThat(r.originalEncoding()).isEqualTo("base64");
        assertThat(r.originalTruncated()).isTrue();
        assertThat(r.originalSha256()).isEqualTo(sha256(value));
    }

    @Test
    void aNullValueHasNoOriginal() {
        Rejection r = of(null);
        assertThat(r.original()).isNull();
        assertThat(r.originalEncoding()).isNull();
        assertThat(r.originalTruncated()).isNull();
    }
}
