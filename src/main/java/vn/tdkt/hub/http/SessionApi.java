package vn.tdkt.hub.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.http.Credentials.Caller;
import vn.tdkt.hub.http.Credentials.Role;

/**
 * The dashboard's login: {@code POST /api/session} with {@code {"token": "..."}} exchanges a token for a session
 * cookie (HttpOnly, SameSite=Strict, expiring); {@code DELETE /api/session} logs out; {@code GET /api/session}
 * says who is logged in. Only the office, departments and viewers may log in.
 */
public final class SessionApi {

    private final Credentials credentials;
    private final HttpSessions sessions;

    public SessionApi(Credentials credentials, HttpSessions sessions) {
        this.credentials = credentials;
        this.sessions = sessions;
    }

    public HttpAnswer login(Exchange exchange) {
        byte[] body = RequestBody.bytes(exchange.getMessage().getBody());
        if (body == null) {
            return RequestBody.NOT_JSON;
        }
        String token = null;
        try {
            JsonNode n = Json.read(new String(body, StandardCharsets.UTF_8), JsonNode.class);
            token = n.path("token").isTextual() ? n.path("token").asText().trim() : null;
        } catch (RuntimeException e) {
            // not JSON: refused below
        }
        if (token == null || token.isEmpty()) {
            return HttpPolicy.refuse(400, "token", "Hãy nhập mã truy cập");
        }
        Caller caller = credentials.authenticate("Bearer " + token).orElse(null);
        if (caller == null) {
            return HttpPolicy.refuse(401, "token", "Mã truy cập không đúng");
        }
        exchange.setProperty(HttpGuard.CALLER, caller);
        if (caller.role() == Role.METRICS) {
            return HttpPolicy.refuse(403, "token", "Mã truy cập này không dùng để đăng nhập bảng điều hành");
        }
        String id = sessions.open(caller);
        exchange.setProperty(HttpGuard.SET_COOKIE, sessions.setCookie(id));
        Map<String, Object> m = describe(caller);
        m.put("status", "LOGGED_IN");
        m.put("expiresInSeconds", sessions.ttl().toSeconds());
        return HttpAnswer.ok(m);
    }

    public HttpAnswer logout(Exchange exchange) {
        String cookie = exchange.getMessage() instanceof HttpMessage hm ? hm.getRequest().getHeader("Cookie") : null;
        String id = HttpSessions.fromCookieHeader(cookie);
        Caller caller = sessions.caller(id);
        if (caller != null) {
            exchange.setProperty(HttpGuard.CALLER, caller);
        }
        sessions.close(id);
        exchange.setProperty(HttpGuard.SET_COOKIE, sessions.clearCookie());
        return HttpAnswer.ok(Map.of("status", "LOGGED_OUT"));
    }

    public HttpAnswer whoami(Exchange exchange) {
        return HttpAnswer.ok(describe(exchange.getProperty(HttpGuard.CALLER, Caller.class)));
    }

    private static Map<String, Object> describe(Caller caller) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("principal", caller.principal());
        m.put("role", caller.role().name());
        m.put("units", caller.units());
        return m;
    }
}
