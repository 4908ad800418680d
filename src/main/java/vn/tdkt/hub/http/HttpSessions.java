package vn.tdkt.hub.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's login sessions: a token presented once (POST /api/session) is exchanged for a random session id
 * kept in an HttpOnly, SameSite=Strict cookie. Sessions live in this instance's memory, expire after a fixed time,
 * and are bounded in number (the oldest go first); only the caller is kept, never the token.
 */
public final class HttpSessions {

    public static final String COOKIE = "tdkt_session";

    private record Session(Credentials.Caller caller, long expiresAt) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;
    private final int max;
    private final boolean secure;

    public HttpSessions(Clock clock, Duration ttl, int max, boolean secure) {
        this.clock = clock;
        this.ttl = ttl;
        this.max = max;
        this.secure = secure;
    }

    /** A new session of the caller; returns its id. */
    public String open(Credentials.Caller caller) {
        long now = clock.millis();
        if (sessions.size() >= max) {
            sessions.values().removeIf(s -> s.expiresAt() <= now);
            while (sessions.size() >= max) {
                sessions.entrySet().stream().min(Map.Entry.comparingByValue(
                                java.util.Comparator.comparingLong(Session::expiresAt)))
                        .ifPresent(e -> sessions.remove(e.getKey()));
            }
        }
        byte[] b = new byte[32];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        sessions.put(id, new Session(caller, now + ttl.toMillis()));
        return id;
    }

    /** The caller of a live session, or null. */
    public Credentials.Caller caller(String id) {
        if (id == null) {
            return null;
        }
        Session s = sessions.get(id);
        if (s == null) {
            return null;
        }
        if (s.expiresAt() <= clock.millis()) {
            sessions.remove(id);
            return null;
        }
        return s.caller();
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The session id in a {@code Cookie} request header, or null. */
    public static String fromCookieHeader(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                String v = p.substring(COOKIE.length() + 1);
                return v.matches("[0-9a-f]{64}") ? v : null;
            }
        }
        return null;
    }

    public String setCookie(String id) {
        return COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + ttl.toSeconds()
                + (secure ? "; Secure" : "");
    }

    public String clearCookie() {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
    }

    public Duration ttl() {
        return ttl;
    }
}
