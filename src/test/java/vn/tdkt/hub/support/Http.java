package vn.tdkt.hub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.feeds.Json;

/** A small HTTP client for the hub's API in tests. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** A client without credentials. */
    public Http(String base) {
        this(base, null);
    }

    /** A client whose GETs carry {@code Authorization: Bearer <token>}. */
    public Http(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same server, reading with another token (null: none). */
    public Http as(String otherToken) {
        return new Http(base, otherToken);
    }

    public HttpResponse<byte[]> get(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** Any request: method, headers (name, value pairs), body (null: none). */
    public HttpResponse<byte[]> request(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    public HttpResponse<byte[]> post(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    public static JsonNode json(HttpResponse<byte[]> r) {
        return Json.read(new String(r.body(), StandardCharsets.UTF_8), JsonNode.class);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b) {
        try {
            return client.send(b.timeout(Duration.ofSeconds(180)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
