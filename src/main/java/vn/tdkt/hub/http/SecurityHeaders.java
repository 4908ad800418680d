package vn.tdkt.hub.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;

/**
 * The security headers of every answer of the HTTP server (the API, the dashboard, the live stream, the server's
 * own 404s and errors), set by the server in one place: no caching, a strict Content-Security-Policy that also
 * forbids framing ({@code frame-ancestors 'none'}), no MIME sniffing, no referrer; and
 * {@code WWW-Authenticate: Bearer} on every 401.
 */
public final class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** Mounts the handler before every other route of the router. */
    public static void mount(Router router) {
        router.route().order(-100).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                MultiMap h = ctx.response().headers();
                h.set("Cache-Control", "no-store");
                h.set("Content-Security-Policy", CSP);
                h.set("X-Content-Type-Options", "nosniff");
                h.set("X-Frame-Options", "DENY");
                h.set("Referrer-Policy", "no-referrer");
                if (ctx.response().getStatusCode() == 401 && !h.contains("WWW-Authenticate")) {
                    h.set("WWW-Authenticate", "Bearer realm=\"tdkt\"");
                }
            });
            ctx.next();
        });
    }
}
