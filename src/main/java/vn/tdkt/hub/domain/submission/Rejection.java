package vn.tdkt.hub.domain.submission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import vn.tdkt.hub.domain.VietnamTime;

/**
 * A record of {@code tdkt.results.rejected} (contracts.md, "Rejection"), for a submission or a command that the hub
 * could not use. Serialised by Jackson (with the {@code java.time} module) to the JSON of the contract.
 *
 * <p>Choices where the spec is silent:
 * <ul>
 *   <li>{@code rejectedAt} is in Vietnam time (+07:00), to the millisecond.</li>
 *   <li>{@code original} is the value as text when it is valid UTF-8; otherwise it is the base64 (RFC 4648, with
 *       padding) of the raw bytes, and {@code originalEncoding} is {@code "base64"}. {@code originalEncoding} is
 *       absent for text, so a consumer that ignores it sees the contract's fields only.</li>
 *   <li>A value over 65,536 bytes is cut: text to its longest prefix of at most 65,536 bytes that ends on a whole
 *       UTF-8 character; a base64 original to its first 65,536 raw bytes, then encoded. {@code originalTruncated}
 *       ({@code true}) and {@code originalSha256} (lower-case hex of the whole value) are present only then.</li>
 *   <li>A null value (Kafka tombstone) has a null {@code original}.</li>
 * </ul>
 */
public record Rejection(
        @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime rejectedAt,
        String submissionId,
        String unitCode,
        List<Reason> reasons,
        Source source,
        String original,
        @JsonInclude(JsonInclude.Include.NON_NULL) String originalEncoding,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean originalTruncated,
        @JsonInclude(JsonInclude.Include.NON_NULL) String originalSha256) {

    /** Most bytes of the value kept in {@code original}: 64 KiB. */
    public static final int MAX_ORIGINAL_BYTES = 65_536;
    public static final String BASE64 = "base64";

    /** Where the rejected record was read. */
    public record Source(String topic, int partition, long offset) {
    }

    public Rejection {
        reasons = List.copyOf(reasons);
    }

    /**
     * The rejection of the record {@code value} read at {@code source}.
     *
     * @param submissionId the record's well-formed submission id, or null (always null for a command)
     * @param unitCode     the record's unit code, else the record key, or null
     * @param now          the time of rejection
     */
    public static Rejection of(byte[] value, String submissionId, String unitCode, List<Reason> reasons,
                               Source source, Instant now) {
        OffsetDateTime rejectedAt = now.truncatedTo(ChronoUnit.MILLIS).atOffset(VietnamTime.OFFSET);
        if (value == null) {
            return new Rejection(rejectedAt, submissionId, unitCode, reasons, source, null, null, null, null);
        }
        boolean truncated = value.length > MAX_ORIGINAL_BYTES;
        String text = RecordReader.decodeUtf8(value);
        String original;
        if (text != null) {
            original = truncated ? new String(value, 0, utf8Prefix(value), StandardCharsets.UTF_8) : text;
        } else {
            original = Base64.getEncoder().encodeToString(truncated ? Arrays.copyOf(value, MAX_ORIGINAL_BYTES) : value);
        }
        return new Rejection(rejectedAt, submissionId, unitCode, reasons, source, original,
                text == null ? BASE64 : null, truncated ? Boolean.TRUE : null, truncated ? sha256Hex(value) : null);
    }

    /** Length of the longest prefix of valid UTF-8 {@code value} of at most 65,536 bytes ending on a whole character. */
    private static int utf8Prefix(byte[] value) {
        int end = MAX_ORIGINAL_BYTES;
        while (end > 0 && (value[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }

    private static String sha256Hex(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
