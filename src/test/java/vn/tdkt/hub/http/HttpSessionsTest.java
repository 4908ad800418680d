package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The dashboard's sessions: expiry, logout, the bound on their number, the cookie's flags. */
class HttpSessionsTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-08T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final Credentials.Caller KHDT = new Credentials.Caller("so-khdt", false, Set.of("SO-KHDT"));

    @Test
    void aSessionExpiresAndEndsAtLogout() {
        MovingClock clock = new MovingClock();
        HttpSessions sessions = new HttpSessions(clock, Duration.ofMinutes(30), 100, false);
        String id = sessions.open(KHDT);
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(sessions.caller(id)).isEqualTo(KHDT);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(sessions.caller(id)).isEqualTo(KHDT);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(sessions.caller(id)).as("expired").isNull();

        String other = sessions.open(KHDT);
        sessions.close(other);
        assertThat(sessions.caller(other)).as("logged out").isNull();
        assertThat(sessions.caller(null)).isNull();
        assertThat(sessions.caller("0".repeat(64))).isNull();
    }

    @Test
    void theNumberOfSessionsIsBoundedTheOldestGoFirst() {
        MovingClock clock = new MovingClock();
        HttpSessions sessions = new HttpSessions(clock, Duration.ofMinutes(30), 3, false);
        String first = sessions.open(KHDT);
        clock.now = clock.now.plusSeconds(1);
        String second = sessions.open(KHDT);
        clock.now = clock.now.plusSeconds(1);
        String third = sessions.open(KHDT);
        clock.now = clock.now.plusSeconds(1);
        String fourth = sessions.open(KHDT);
        assertThat(sessions.caller(first)).isNull();
        assertThat(sessions.caller(second)).isEqualTo(KHDT);
        assertThat(sessions.caller(third)).isEqualTo(KHDT);
        assertThat(sessions.caller(fourth)).isEqualTo(KHDT);
    }

    @Test
    void theCookieIsHttpOnlyStrictAndOnlyAWellFormedIdIsRead() {
        HttpSessions sessions = new HttpSessions(Clock.systemUTC(), Duration.ofHours(8), 10, true);
        String id = sessions.open(KHDT);
        assertThat(sessions.setCookie(id)).isEqualTo(HttpSessions.COOKIE + "=" + id
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800; Secure");
        assertThat(sessions.clearCookie()).contains("Max-Age=0", "HttpOnly");
        assertThat(HttpSessions.fromCookieHeader("a=1; " + HttpSessions.COOKIE + "=" + id + "; b=2")).isEqualTo(id);
        assertThat(HttpSessions.fromCookieHeader(HttpSessions.COOKIE + "=../../etc")).isNull();
        assertThat(HttpSessions.fromCookieHeader(null)).isNull();
    }
}
