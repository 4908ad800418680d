package vn.tdkt.hub.http;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;

import vn.tdkt.hub.config.Topics;

/**
 * Server-sent events for the live dashboard ({@code GET /api/events}), on Camel's platform-http Vert.x server.
 * Every hub instance reads the output topics itself (route {@code live-events}), so a dashboard connected to any
 * instance sees every change. Memory stays bounded: a client that cannot keep up (its write queue is full) is
 * disconnected, and its browser reconnects.
 */
public final class LiveEvents {

    private final Set<HttpServerResponse> clients = ConcurrentHashMap.newKeySet();
    private final Map<String, String> eventByTopic;

    public LiveEvents(Topics topics) {
        eventByTopic = Map.of(topics.standings(), "standings", topics.rejected(), "rejection",
                topics.awards(), "award", topics.letters(), "letter");
    }

    /** Mounts the SSE endpoint on the platform-http router. */
    public void mount(Router router) {
        router.route(HttpMethod.GET, "/api/events").order(-1).handler(ctx -> {
            HttpServerResponse resp = ctx.response();
            resp.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=UTF-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            resp.setWriteQueueMaxSize(256 * 1024);
            resp.write(": connected\n\n");
            clients.add(resp);
            resp.closeHandler(v -> clients.remove(resp));
            resp.exceptionHandler(e -> clients.remove(resp));
        });
    }

    /** Sends a record of one of the output topics to every client, as the event of that topic. */
    public void broadcastRecord(String topic, String json) {
        String event = eventByTopic.get(topic);
        if (event != null && json != null) {
            broadcast(event, json);
        }
    }

    /** Sends one event ({@code standings}, {@code rejection}, {@code award} or {@code letter}) to every client. */
    public void broadcast(String event, String json) {
        String frame = "event: " + event + "\ndata: " + json.replace("\n", "") + "\n\n";
        for (HttpServerResponse r : clients) {
            if (r.writeQueueFull()) {
                clients.remove(r);
                r.close();
            } else {
                r.write(frame);
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }
}
