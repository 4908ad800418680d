package vn.tdkt.hub.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.feeds.Json;

/** An HTTP response decided by the hub's HTTP beans; the routes turn it into status, content type and body. */
public record HttpAnswer(int status, String contentType, Object body) {

    public static final String JSON = "application/json; charset=UTF-8";

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
