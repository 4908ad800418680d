package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The one place of HTTP access decisions, rule by rule, without a server. */
class HttpPolicyTest {

    static final String OFFICE = "o-token";
    static final String KHDT = "k-token";
    static final String VIEWER = "v-token";
    static final String METRICS = "m-token";

    static HttpPolicy policy() {
        Properties p = new Properties();
        p.setProperty("office.token-sha256", Credentials.sha256(OFFICE));
        p.setProperty("org.so-khdt.token-sha256", Credentials.sha256(KHDT));
        p.setProperty("org.so-khdt.units", "SO-KHDT");
        p.setProperty("viewer.token-sha256", Credentials.sha256(VIEWER));
        p.setProperty("metrics.token-sha256", Credentials.sha256(METRICS));
        Clock clock = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);
        return new HttpPolicy(Credentials.parse(p), new HttpSessions(clock, Duration.ofHours(1), 10, false), clock, 3);
    }

    static int status(HttpPolicy policy, String routeId, String token, Map<String, Object> params, String type) {
        HttpPolicy.Decision d = policy.decide(new HttpPolicy.Request(routeId, token == null ? null : "Bearer " + token,
                null, type, "127.0.0.1", params));
        return d.allowed() ? 200 : d.refusal().status();
    }

    static int status(HttpPolicy policy, String routeId, String token) {
        return status(policy, routeId, token, Map.of(), "application/json");
    }

    @Test
    void everyRouteButThePublicOnesNeedsACredential() {
        HttpPolicy policy = policy();
        List<String> publicRoutes = List.of("api-login", "api-logout", "api-verify", "verify-page", "web-file",
                "health-live");
        for (String id : HttpPolicy.routeIds()) {
            int anonymous = status(policy, id, null);
            if (publicRoutes.contains(id)) {
                assertThat(anonymous).as(id).isEqualTo(200);
            } else {
                assertThat(anonymous).as(id).isEqualTo(401);
                assertThat(status(policy, id, "wrong")).as(id).isEqualTo(401);
            }
        }
        assertThat(status(policy, "no-such-route", OFFICE)).isEqualTo(403);
    }

    @Test
    void eachRoleHasItsRoutes() {
        HttpPolicy policy = policy();
        Map<String, List<Integer>> expected = new HashMap<>(); // office, department, viewer, metrics
        expected.put("api-periods", List.of(200, 200, 200, 403));
        expected.put("api-standings", List.of(200, 200, 200, 403));
        expected.put("api-awards", List.of(200, 200, 200, 403));
        expected.put("api-scorecard", List.of(200, 200, 403, 403));
        expected.put("api-rejections", List.of(200, 200, 403, 403));
        expected.put("api-letters", List.of(200, 200, 403, 403));
        expected.put("api-audit", List.of(200, 403, 403, 403));
        expected.put("http-command", List.of(200, 403, 403, 403));
        expected.put("api-resend", List.of(200, 403, 403, 403));
        expected.put("http-submission", List.of(200, 200, 403, 403));
        expected.put("metrics", List.of(200, 403, 403, 200));
        expected.put("health-ready", List.of(200, 403, 403, 200));
        expected.put("api-events", List.of(200, 200, 200, 403));
        expected.forEach((id, statuses) -> assertThat(List.of(status(policy, id, OFFICE), status(policy, id, KHDT),
                status(policy, id, VIEWER), status(policy, id, METRICS))).as(id).isEqualTo(statuses));
    }

    @Test
    void aDepartmentReadsOnlyItsOwnUnits() {
        HttpPolicy policy = policy();
        assertThat(status(policy, "api-scorecard", KHDT, Map.of("period", "2023", "unit", "SO-KHDT"), null))
                .isEqualTo(200);
        assertThat(status(policy, "api-scorecard", KHDT, Map.of("period", "2023", "unit", "SO-TC"), null))
                .isEqualTo(403);
        assertThat(status(policy, "api-rejections", KHDT, Map.of("unit", "SO-TC"), null)).isEqualTo(403);
        assertThat(status(policy, "api-scorecard", OFFICE, Map.of("period", "2023", "unit", "SO-TC"), null))
                .isEqualTo(200);
    }

    @Test
    void parametersAreCheckedAndOnlyDeclaredOnesKept() {
        HttpPolicy policy = policy();
        for (Object bad : List.of("abc", "0", "501", "-1", "1.5", List.of("1", "2"))) {
            assertThat(status(policy, "api-rejections", OFFICE, Map.of("limit", bad), null)).as("%s", bad)
                    .isEqualTo(400);
        }
        HttpPolicy.Decision d = policy.decide(new HttpPolicy.Request("api-rejections", "Bearer " + OFFICE, null, null,
                null, Map.of("limit", "500", "Authorization", "Bearer x", "tdktCaller", "office", "period", "2023")));
        assertThat(d.allowed()).isTrue();
        assertThat(d.params()).isEqualTo(Map.of("limit", "500"));
    }

    @Test
    void jsonBodiesOnlyAndTheCookieForReadsAndTheOfficesCommands() {
        HttpPolicy policy = policy();
        assertThat(status(policy, "http-command", OFFICE, Map.of(), "text/plain")).isEqualTo(415);
        assertThat(status(policy, "http-command", OFFICE, Map.of(), null)).isEqualTo(415);
        assertThat(status(policy, "http-command", OFFICE, Map.of(), "application/json; charset=UTF-8"))
                .isEqualTo(200);
        String session = policy.sessions().open(policy.credentials().authenticate("Bearer " + OFFICE).orElseThrow());
        String cookie = HttpSessions.COOKIE + "=" + session;
        assertThat(policy.decide(new HttpPolicy.Request("api-periods", null, cookie, null, null, Map.of()))
                .allowed()).isTrue();
        // the office's session may command and resend (the dashboard's actions): JSON only, from this host only
        assertThat(policy.decide(new HttpPolicy.Request("http-command", null, cookie, "application/json", null,
                Map.of(), "http://127.0.0.1:8080", "127.0.0.1:8080")).allowed()).isTrue();
        assertThat(policy.decide(new HttpPolicy.Request("http-command", null, cookie, "text/plain", null,
                Map.of(), null, "127.0.0.1:8080")).refusal().status()).isEqualTo(415);
        assertThat(policy.decide(new HttpPolicy.Request("http-command", null, cookie, "application/json", null,
                Map.of(), "https://evil.example", "127.0.0.1:8080")).refusal().status()).isEqualTo(403);
        assertThat(policy.decide(new HttpPolicy.Request("api-resend", null, cookie, "application/json", null,
                Map.of("awardId", "2023:CO_THI_DUA_TINH:SO-TC"), "http://127.0.0.1:8080", "127.0.0.1:8080"))
                .allowed()).isTrue();
        assertThat(policy.decide(new HttpPolicy.Request("api-resend", null, cookie, null, null,
                Map.of("awardId", "2023:CO_THI_DUA_TINH:SO-TC"), null, "127.0.0.1:8080")).refusal().status())
                .isEqualTo(415);
        // a submission never comes from a session; a department's session never commands
        assertThat(policy.decide(new HttpPolicy.Request("http-submission", null, cookie, "application/json", null,
                Map.of())).refusal().status()).isEqualTo(401);
        String department = HttpSessions.COOKIE + "=" + policy.sessions().open(
                policy.credentials().authenticate("Bearer " + KHDT).orElseThrow());
        assertThat(policy.decide(new HttpPolicy.Request("http-command", null, department, "application/json", null,
                Map.of())).refusal().status()).isEqualTo(403);
    }

    @Test
    void progressIsReadByEveryReader() {
        HttpPolicy policy = policy();
        Map<String, Object> p = Map.of("period", "2024");
        assertThat(List.of(status(policy, "api-progress", OFFICE, p, null), status(policy, "api-progress", KHDT, p,
                null), status(policy, "api-progress", VIEWER, p, null), status(policy, "api-progress", METRICS, p,
                null), status(policy, "api-progress", null, p, null))).containsExactly(200, 200, 200, 403, 401);
        assertThat(status(policy, "api-progress", OFFICE, Map.of("period", "24"), null)).isEqualTo(400);
    }

    @Test
    void theCertificateCheckIsRateLimitedPerClientAddress() {
        HttpPolicy policy = policy();
        List<Integer> a = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpPolicy.Decision d = policy.decide(new HttpPolicy.Request("api-verify", null, null, null, "10.0.0.1",
                    Map.of("code", "AAAA")));
            a.add(d.allowed() ? 200 : d.refusal().status());
        }
        assertThat(a).containsExactly(200, 200, 200, 429, 429);
        assertThat(policy.decide(new HttpPolicy.Request("api-verify", null, null, null, "10.0.0.2",
                Map.of("code", "AAAA"))).allowed()).as("another address").isTrue();
    }
}
