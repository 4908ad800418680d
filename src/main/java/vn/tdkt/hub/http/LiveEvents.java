package vn.tdkt.hub.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.http.Credentials.Caller;
import vn.tdkt.hub.http.Credentials.Role;

/**
 * Server-sent events for the live dashboard ({@code GET /api/events}), on Camel's platform-http Vert.x server.
 * Every hub instance reads the output topics itself (route {@code live-events}), so a dashboard connected to any
 * instance sees every change.
 *
 * <p>Bounded in every way: credentials are required ({@link HttpPolicy}, route {@code api-events}); at most
 * {@code maxClients} streams are open (then 503); each frame is encoded once into one buffer shared by every
 * client; each client may have at most {@code maxQueuedBytes} written but not yet sent, and a client that would
 * exceed it (one that does not read) is disconnected (its browser reconnects). A rejection is sent without its
 * {@code original} (and with at most {@value #MAX_REASONS} reasons), and only to the office and to the
 * departments of its unit; a letter only to the office and its unit's department; standings and awards to every
 * reader (office, departments, viewer).
 */
public final class LiveEvents {

    static final int MAX_REASONS = 50;
    /** A frame larger than this (an unusually large standings snapshot or award) is not streamed. */
    static final int MAX_FRAME_BYTES = 256 * 1024;

    private record Client(HttpServerResponse response, Caller caller, AtomicLong queued) {
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, String> eventByTopic;
    private final HttpPolicy policy;
    private final AuditTrail audit;
    private final int maxClients;
    private final long maxQueuedBytes;
    private final AtomicLong disconnectedSlow = new AtomicLong();
    private final AtomicLong refusedFull = new AtomicLong();

    public LiveEvents(Topics topics, HttpPolicy policy, AuditTrail audit, int maxClients, long maxQueuedBytes) {
        this.audit = audit;
        eventByTopic = Map.of(topics.standings(), "standings", topics.rejected(), "rejection",
                topics.awards(), "award", topics.letters(), "letter");
        this.policy = policy;
        this.maxClients = maxClients;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Mounts the SSE endpoint on the platform-http router. */
    public void mount(Router router) {
        router.route(HttpMethod.GET, "/api/events").order(-1).handler(ctx -> {
            HttpServerRequest req = ctx.request();
            HttpServerResponse resp = ctx.response();
            HttpPolicy.Decision d = policy.decide(new HttpPolicy.Request("api-events", req.getHeader("Authorization"),
                    req.getHeader("Cookie"), null, req.remoteAddress() == null ? null
                    : req.remoteAddress().hostAddress(), Map.of()));
            if (!d.allowed()) {
                if (audit != null) {
                    audit.recordLater(new AuditTrail.Entry(d.caller() == null ? null : d.caller().principal(),
                            req.remoteAddress() == null ? null : req.remoteAddress().hostAddress(), "LIVE_EVENTS",
                            "/api/events", d.refusal().status(), null));
                }
                end(resp, d.refusal());
                return;
            }
            if (open.incrementAndGet() > maxClients) {
                open.decrementAndGet();
                refusedFull.incrementAndGet();
                resp.putHeader("Retry-After", "30");
                end(resp, HttpAnswer.json(503, Map.of("status", "BUSY",
                        "message", "Máy chủ đang phục vụ quá nhiều màn hình trực tiếp; vui lòng thử lại sau")));
                return;
            }
            Client client = new Client(resp, d.caller(), new AtomicLong());
            resp.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=UTF-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
            resp.setWriteQueueMaxSize((int) Math.min(Integer.MAX_VALUE, maxQueuedBytes));
            clients.add(client);
            resp.closeHandler(v -> drop(client));
            resp.exceptionHandler(e -> drop(client));
            if (resp.closed()) {
                drop(client);
                return;
            }
            send(client, Buffer.buffer(": connected\n\n"));
        });
    }

    private static void end(HttpServerResponse resp, HttpAnswer answer) {
        resp.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType())
                .end(answer.body() instanceof String s ? s
                        : new String((byte[]) answer.body(), StandardCharsets.UTF_8));
    }

    private void drop(Client client) {
        if (clients.remove(client)) {
            open.decrementAndGet();
        }
    }

    /** Sends a record of one of the output topics to every client that may read it, as the event of that topic. */
    public void broadcastRecord(String topic, String json) {
        String event = eventByTopic.get(topic);
        if (event == null || json == null || clients.isEmpty()) {
            return;
        }
        String unit = null;
        if (event.equals("rejection")) {
            JsonNode node;
            try {
                node = Json.read(json, JsonNode.class);
            } catch (RuntimeException e) {
                return;
            }
            if (!(node instanceof ObjectNode o)) {
                return;
            }
            o.remove("original");
            if (o.path("reasons") instanceof ArrayNode reasons && reasons.size() > MAX_REASONS) {
                while (reasons.size() > MAX_REASONS) {
                    reasons.remove(reasons.size() - 1);
                }
                o.put("reasonsTruncated", true);
            }
            unit = o.path("unitCode").isTextual() ? o.path("unitCode").asText() : null;
            json = Json.write(o);
        } else if (event.equals("letter")) {
            try {
                unit = unitOfAward(Json.read(json, JsonNode.class).path("awardId").asText(null));
            } catch (RuntimeException e) {
                return;
            }
        }
        broadcast(event, unit, json);
    }

    /** The unit of an awardId ({@code period:CODE:UNIT} or {@code period:CODE:UNIT/STAFF}), or null. */
    static String unitOfAward(String awardId) {
        if (awardId == null) {
            return null;
        }
        String[] parts = awardId.split(":", 3);
        if (parts.length < 3) {
            return null;
        }
        int slash = parts[2].indexOf('/');
        return slash < 0 ? parts[2] : parts[2].substring(0, slash);
    }

    /**
     * Sends one event ({@code standings}, {@code rejection}, {@code award} or {@code letter}; {@code unit}: the
     * unit a rejection or letter belongs to) to every client whose role may read it. The frame is encoded once.
     */
    public void broadcast(String event, String unit, String json) {
        byte[] bytes = ("event: " + event + "\ndata: " + json.replace("\n", "") + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FRAME_BYTES) {
            return;
        }
        Buffer frame = Buffer.buffer(bytes);
        boolean unitRecord = event.equals("rejection") || event.equals("letter");
        for (Client c : clients) {
            Caller caller = c.caller();
            boolean may = caller.role() == Role.OFFICE
                    || (!unitRecord && (caller.role() == Role.DEPARTMENT || caller.role() == Role.VIEWER))
                    || (unitRecord && unit != null && caller.role() == Role.DEPARTMENT && caller.mayReadUnit(unit));
            if (may) {
                send(c, frame);
            }
        }
    }

    /** Writes a frame unless the client's unsent bytes would pass the bound: then the client is disconnected. */
    private void send(Client c, Buffer frame) {
        int len = frame.length();
        if (c.queued().addAndGet(len) > maxQueuedBytes || c.response().writeQueueFull()) {
            c.queued().addAndGet(-len);
            if (clients.contains(c)) {
                disconnectedSlow.incrementAndGet();
            }
            drop(c);
            try {
                c.response().reset();
            } catch (RuntimeException e) {
                c.response().close();
            }
            return;
        }
        try {
            c.response().write(frame, ar -> c.queued().addAndGet(-len));
        } catch (RuntimeException e) {
            drop(c);
        }
    }

    public int clientCount() {
        return clients.size();
    }

    /** Clients disconnected because they did not read; streams refused because {@code maxClients} were open. */
    public long disconnectedSlow() {
        return disconnectedSlow.get();
    }

    public long refusedFull() {
        return refusedFull.get();
    }
}
