package vn.tdkt.hub.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;

/**
 * The raw bytes of a posted JSON body. The HTTP server decodes form posts into maps; such a body (or anything
 * but raw bytes or text) is refused with 415, since the API takes JSON only.
 */
final class RequestBody {

    static final HttpAnswer NOT_JSON = HttpAnswer.refused(415, List.of(new Reason(ReasonCode.SCHEMA, null,
            "Nội dung phải là JSON (Content-Type: application/json; charset=UTF-8)")));

    private RequestBody() {
    }

    /** The body's bytes, or null when it is not a raw body. */
    static byte[] bytes(Object body) {
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (body instanceof InputStream in) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }
}
