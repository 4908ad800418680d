package vn.tdkt.hub.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpServerRequest;

import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.http.Credentials.Caller;

/**
 * The Camel side of {@link HttpPolicy}: runs first on every REST route ({@code interceptFrom} in
 * {@code routes/http.camel.yaml}) and last in {@code direct:respond}.
 *
 * <p>First it reads the request itself (not Camel's headers, which mix in query parameters and form fields): the
 * {@code Authorization}, {@code Cookie} and {@code Content-Type} headers and the client address. It then drops
 * every Camel header of the request and puts back only the route's validated parameters and the real
 * {@code Authorization} header, so no query parameter or form field can become a header a route trusts. The
 * caller goes into the exchange property {@value #CALLER}. A refusal is answered at once.
 *
 * <p>Last it records the audit entry (every command, resend, login, logout, and every refusal) and sets the
 * session cookie of a login or logout.
 */
public final class HttpGuard implements Processor {

    public static final String CALLER = "tdktCaller";
    public static final String REFUSED = "tdktRefused";
    static final String RULE = "tdktRule";
    static final String CLIENT = "tdktClient";
    static final String TARGET = "tdktTarget";
    static final String SET_COOKIE = "tdktSetCookie";

    private final HttpPolicy policy;
    private final AuditTrail audit;
    private final StaticFiles files;

    public HttpGuard(HttpPolicy policy, AuditTrail audit, StaticFiles files) {
        this.policy = policy;
        this.audit = audit;
        this.files = files;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        HttpServerRequest request = in instanceof HttpMessage hm ? hm.getRequest() : null;
        String authorization = request == null ? null : request.getHeader("Authorization");
        String cookie = request == null ? null : request.getHeader("Cookie");
        String contentType = request == null ? null : request.getHeader("Content-Type");
        String client = request == null || request.remoteAddress() == null ? null
                : request.remoteAddress().hostAddress();
        String routeId = exchange.getFromRouteId();
        String origin = request == null ? null : request.getHeader("Origin");
        String host = request == null ? null : request.getHeader("Host");
        HttpPolicy.Decision d = policy.decide(new HttpPolicy.Request(routeId, authorization, cookie, contentType,
                client, in.getHeaders(), origin, host));
        in.removeHeaders("*");
        d.params().forEach(in::setHeader);
        if (authorization != null) {
            in.setHeader("Authorization", authorization);
        }
        if (contentType != null) {
            in.setHeader("Content-Type", contentType); // the request's own (a workbook upload reads its parts by it)
        }
        exchange.setProperty(CLIENT, client);
        exchange.setProperty(RULE, d.rule());
        if (d.caller() != null) {
            exchange.setProperty(CALLER, d.caller());
        }
        String path = request == null ? routeId : request.path();
        exchange.setProperty(TARGET, path == null ? null : path.length() > 300 ? path.substring(0, 300) : path);
        if (!d.allowed()) {
            HttpAnswer refusal = d.refusal();
            if (refusal.status() == 401 && d.rule() != null && d.rule().action().equals("DASHBOARD")) {
                HttpAnswer login = files.get("login.html");
                refusal = new HttpAnswer(401, login.contentType(), login.body());
            }
            in.setBody(refusal);
            exchange.setProperty(REFUSED, true);
            return;
        }
        if ("COMMAND".equals(d.rule().action())) {
            byte[] body = RequestBody.bytes(in.getBody());
            if (body != null) {
                in.setBody(body);
                exchange.setProperty(TARGET, commandSummary(body));
            }
        }
    }

    /** {@code direct:respond}: the audit entry and the session cookie, once the answer is known. */
    public void answered(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof HttpAnswer answer)) {
            return;
        }
        String cookie = exchange.getProperty(SET_COOKIE, String.class);
        if (cookie != null) {
            exchange.getMessage().setHeader("Set-Cookie", cookie);
        }
        HttpPolicy.Rule rule = exchange.getProperty(RULE, HttpPolicy.Rule.class);
        int status = answer.status();
        boolean refused = status == 400 || status == 401 || status == 403 || status == 415;
        if (rule != null && (rule.audit() || refused)) {
            Caller caller = exchange.getProperty(CALLER, Caller.class);
            AuditTrail.Entry entry = new AuditTrail.Entry(caller == null ? null : caller.principal(),
                    exchange.getProperty(CLIENT, String.class), rule.action(),
                    exchange.getProperty(TARGET, String.class), status, refused ? reasonOf(answer) : null);
            if (rule.audit()) {
                audit.record(entry);
            } else {
                audit.recordLater(entry);
            }
        }
    }

    /** The first reason's message of a refusal, for the audit trail. */
    private static String reasonOf(HttpAnswer answer) {
        if (!(answer.body() instanceof String s) || !answer.contentType().startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode n = Json.read(s, JsonNode.class);
            JsonNode r = n.path("reasons").path(0);
            return r.isMissingNode() ? n.path("message").asText(null) : r.path("code").asText() + ": "
                    + r.path("message").asText();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What a command is about, read from its body for the audit trail (the command itself decides the rest). */
    private static String commandSummary(byte[] body) {
        try {
            JsonNode n = Json.read(new String(body, java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
            StringBuilder b = new StringBuilder();
            for (String f : new String[] {"type", "period", "unitCode", "staffCode", "commandId"}) {
                if (n.path(f).isTextual()) {
                    b.append(b.length() == 0 ? "" : " ").append(f).append('=').append(n.path(f).asText());
                }
            }
            return b.length() == 0 ? "(command)" : b.toString();
        } catch (RuntimeException e) {
            return "(unreadable command)";
        }
    }
}
