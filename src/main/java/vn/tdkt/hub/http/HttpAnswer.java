package vn.tdkt.hub.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.feeds.FileNames;
import vn.tdkt.hub.feeds.Json;

/**
 * An HTTP response decided by the hub's HTTP beans; the routes turn it into status, content type, body and, for a
 * file to download, {@code Content-Disposition} ({@code disposition}, null for none).
 */
public record HttpAnswer(int status, String contentType, Object body, String disposition) {

    public static final String JSON = "application/json; charset=UTF-8";

    public HttpAnswer(int status, String contentType, Object body) {
        this(status, contentType, body, null);
    }

    /** The same answer as a file to save under {@code fileName} ({@link #attachment(String)}). */
    public HttpAnswer asAttachment(String fileName) {
        return new HttpAnswer(status, contentType, body, attachment(fileName));
    }

    /**
     * A {@code Content-Disposition} value for a download named {@code fileName}, which may hold Vietnamese letters:
     * {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded} (RFC 6266 with RFC 5987); see
     * {@link FileNames#attachment}.
     */
    public static String attachment(String fileName) {
        return FileNames.attachment(fileName);
    }

    public static HttpAnswer json(int status, Object value) {
        return new HttpAnswer(status, JSON, Json.write(value));
    }

    public static HttpAnswer ok(Object value) {
        return json(200, value);
    }

    /** A refusal with reasons in the rejection format (code, field, Vietnamese message). */
    public static HttpAnswer refused(int status, List<Reason> reasons) {
        return json(status, Map.of("status", "REJECTED", "reasons", reasons));
    }

    /** A refusal of a bad query parameter: 400 with a Vietnamese message. */
    public static HttpAnswer badRequest(String message) {
        return json(400, Map.of("status", "BAD_REQUEST", "message", message));
    }

    public static HttpAnswer notFound(String message) {
        return json(404, Map.of("status", "NOT_FOUND", "message", message));
    }

    public static HttpAnswer bytes(String contentType, byte[] body) {
        return new HttpAnswer(200, contentType, body);
    }

    public static HttpAnswer text(String contentType, String body) {
        return new HttpAnswer(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
