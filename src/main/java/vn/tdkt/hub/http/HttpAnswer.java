package vn.tdkt.hub.http;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import vn.tdkt.hub.domain.submission.Reason;
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
     * {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded} (RFC 6266 with RFC 5987). The
     * fallback, for old clients, is the name without diacritics ("đ" becomes "d"), spaces as "-", lower case, and
     * only letters, digits and {@code . _ -}. The whole value is ASCII.
     */
    public static String attachment(String fileName) {
        String nfc = Normalizer.normalize(fileName, Normalizer.Form.NFC);
        return "attachment; filename=\"" + asciiFallback(nfc) + "\"; filename*=UTF-8''" + rfc5987(nfc);
    }

    static String asciiFallback(String name) {
        String base = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        String safe = base.replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-(?=\\.)|-$", "");
        return safe.isEmpty() ? "download" : safe;
    }

    /** RFC 5987 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
    static String rfc5987(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
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
