package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.support.Http.json;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Records;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * Issue 18, the HTTP attacks: each one re-run against a running hub (real broker, real HTTP server) with the safe
 * outcome asserted. Roles: the office, department SO-KHDT (its unit only), department SO-TC, a viewer, a metrics
 * scraper.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityTest {

    static final String OFFICE = "sec-office-token-0123456789abcdef";
    static final String KHDT = "sec-khdt-token-0123456789abcdef";
    static final String TC = "sec-tc-token-0123456789abcdef";
    static final String VIEWER = "sec-viewer-token-0123456789abcdef";
    static final String METRICS = "sec-metrics-token-0123456789abcdef";
    static final int MAX_STREAMS = 3;

    /** Every read of the API (and the operational ones), each of which needs credentials. */
    static final List<String> READS = List.of("/api/periods", "/api/periods/2023/standings",
            "/api/periods/2023/units/SO-KHDT", "/api/periods/2023/awards", "/api/periods/2023/export.xlsx",
            "/api/periods/2023/export.csv", "/api/rejections", "/api/letters", "/api/openapi.json", "/api/audit",
            "/api/audit/export.xlsx", "/api/session", "/metrics", "/health/ready", "/api/events");

    @TempDir
    static Path dir;
    static Hub hub;
    static Http anonymous;
    static Topics topics;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2)
                .set("tdkt.http.credentials", "office.token-sha256=" + Credentials.sha256(OFFICE)
                        + ";org.so-khdt.token-sha256=" + Credentials.sha256(KHDT) + ";org.so-khdt.units=SO-KHDT"
                        + ";org.so-tc.token-sha256=" + Credentials.sha256(TC) + ";org.so-tc.units=SO-TC"
                        + ";viewer.token-sha256=" + Credentials.sha256(VIEWER)
                        + ";metrics.token-sha256=" + Credentials.sha256(METRICS))
                .set("tdkt.http.live-max-clients", String.valueOf(MAX_STREAMS))
                .set("tdkt.http.public-per-minute", "5");
        topics = harness.topics();
        hub = harness.start();
        anonymous = new Http(hub.httpBase());
        // a rejection of each department's unit, and a scored submission of SO-KHDT
        TestKafka.publish(topics.results(), List.of(
                Map.entry("SO-KHDT", bad("sec-bad-khdt", "SO-KHDT")), Map.entry("SO-TC", bad("sec-bad-tc", "SO-TC")),
                Map.entry("SO-KHDT", Records.submission("sec-ok-1", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00",
                        List.of(Records.target("KT1", "6", "5.3"))).getBytes(StandardCharsets.UTF_8))));
        Http office = anonymous.as(OFFICE);
        await().atMost(Duration.ofSeconds(30)).until(() -> json(office.get("/api/rejections")).size() == 2
                && office.get("/api/periods/2023/units/SO-KHDT").statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    static byte[] bad(String id, String unit) {
        return Records.submission(id, unit, "2023", "2024-01-10T09:00:00+07:00",
                List.of(Records.actual("TH9", "1"))).getBytes(StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(hub.httpBase() + path));
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void everyReadWithoutCredentialsIs401WithWwwAuthenticate() {
        for (String path : READS) {
            var r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).as(path).startsWith("Bearer");
            var wrong = anonymous.as("not-a-token").get(path);
            assertThat(wrong.statusCode()).as(path + " with a wrong token").isEqualTo(401);
        }
        // the dashboard without a session: the login page, no data
        var dashboard = anonymous.get("/dashboard/2023");
        assertThat(dashboard.statusCode()).isEqualTo(401);
        assertThat(text(dashboard)).contains("login-form", "Mã truy cập").doesNotContain("block-ranking");
        // public: liveness, the certificate check, the static files (no data)
        assertThat(anonymous.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/api/verify/AAAA-BBBB-CCCC-DDDD").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/web/login.js").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aBearerTokenInTheQueryStringOrAFormFieldIsNotACredential() throws Exception {
        String hold = "{\"commandId\":\"sec-q1\",\"type\":\"HOLD\",\"period\":\"2023\",\"unitCode\":\"SO-TC\"}";
        String query = "?Authorization=" + java.net.URLEncoder.encode("Bearer " + OFFICE, StandardCharsets.UTF_8);
        var viaQuery = anonymous.request("POST", "/api/commands" + query, hold,
                "Content-Type", "application/json");
        assertThat(viaQuery.statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/periods" + query).statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/rejections" + query).statusCode()).isEqualTo(401);
        var viaForm = anonymous.request("POST", "/api/commands", "Authorization="
                        + java.net.URLEncoder.encode("Bearer " + OFFICE, StandardCharsets.UTF_8) + "&commandId=sec-q2",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(viaForm.statusCode()).isEqualTo(401);
        // a department token in the header and the office's in the query: the header decides (403, not accepted)
        var mixed = anonymous.request("POST", "/api/commands" + query, hold, "Content-Type", "application/json",
                "Authorization", "Bearer " + KHDT);
        assertThat(mixed.statusCode()).isEqualTo(403);
        // a query parameter named like a trusted exchange property or header changes nothing
        assertThat(anonymous.get("/api/rejections?tdktCaller=office&CamelHttpResponseCode=200").statusCode())
                .isEqualTo(401);
        assertThat(json(anonymous.as(OFFICE).get("/api/periods/2023/awards"))).isEmpty();
    }

    @Test
    @Order(3)
    void aBodyThatIsNotDeclaredJsonIs415() {
        String hold = "{\"commandId\":\"sec-t1\",\"type\":\"HOLD\",\"period\":\"2023\",\"unitCode\":\"SO-TC\"}";
        var plain = anonymous.request("POST", "/api/commands", hold, "Content-Type", "text/plain",
                "Authorization", "Bearer " + OFFICE);
        assertThat(plain.statusCode()).isEqualTo(415);
        var none = anonymous.request("POST", "/api/commands", hold, "Authorization", "Bearer " + OFFICE);
        assertThat(none.statusCode()).isEqualTo(415);
        var submission = anonymous.request("POST", "/api/submissions", Records.submission("sec-t2", "SO-KHDT",
                "2023", "2024-01-10T09:00:00+07:00", List.of(Records.target("KT1", "6", "5"))),
                "Content-Type", "text/plain; charset=UTF-8", "Authorization", "Bearer " + KHDT);
        assertThat(submission.statusCode()).isEqualTo(415);
        // the same command as JSON is accepted: the 415 was for the content type alone
        var json = anonymous.request("POST", "/api/commands", hold, "Content-Type", "application/json; charset=UTF-8",
                "Authorization", "Bearer " + OFFICE);
        assertThat(json.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void badQueryParametersAre400WithAReasonNever500() {
        Http office = anonymous.as(OFFICE);
        for (String path : List.of("/api/rejections?limit=abc", "/api/rejections?limit=0",
                "/api/rejections?limit=501", "/api/rejections?limit=-1", "/api/rejections?limit=1&limit=2",
                "/api/rejections?unit=%3Cscript%3E", "/api/periods/20x3/standings", "/api/audit?before=x",
                "/api/letters?period=abcd")) {
            var r = office.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            JsonNode reason = json(r).get("reasons").get(0);
            assertThat(reason.get("code").asText()).as(path).isEqualTo("INVALID_VALUE");
            assertThat(reason.get("message").asText()).as(path).isNotBlank();
        }
        assertThat(json(office.get("/api/rejections?limit=abc")).get("reasons").get(0).get("message").asText())
                .contains("limit", "số nguyên");
        assertThat(json(office.get("/api/rejections?limit=1"))).hasSize(1);
    }

    @Test
    @Order(5)
    void securityHeadersOnEveryAnswer() {
        Http office = anonymous.as(OFFICE);
        for (var r : List.of(office.get("/api/periods"), office.get("/dashboard/2023"), anonymous.get("/api/periods"),
                anonymous.get("/no-such-page"), office.get("/api/rejections?limit=abc"), anonymous.get("/health/live"),
                office.get("/api/periods/2023/export.csv"))) {
            String what = r.uri() + " " + r.statusCode();
            assertThat(r.headers().firstValue("Cache-Control")).as(what).contains("no-store");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(what)
                    .contains("frame-ancestors 'none'").contains("default-src 'self'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(r.headers().firstValue("Authorization")).as(what).isEmpty();
        }
    }

    @Test
    @Order(6)
    void eachRoleReadsOnlyWhatItMay() {
        Http khdt = anonymous.as(KHDT);
        Http tc = anonymous.as(TC);
        Http viewer = anonymous.as(VIEWER);
        Http metrics = anonymous.as(METRICS);
        // a department: its own unit's scorecard and rejections, not another's
        assertThat(khdt.get("/api/periods/2023/units/SO-KHDT").statusCode()).isEqualTo(200);
        assertThat(tc.get("/api/periods/2023/units/SO-KHDT").statusCode()).isEqualTo(403);
        assertThat(khdt.get("/api/rejections?unit=SO-TC").statusCode()).isEqualTo(403);
        assertThat(json(khdt.get("/api/rejections"))).extracting(n -> n.get("unitCode").asText())
                .containsExactly("SO-KHDT");
        assertThat(json(tc.get("/api/rejections"))).extracting(n -> n.get("unitCode").asText())
                .containsExactly("SO-TC");
        // the published standings and awards: every reader
        for (Http reader : List.of(khdt, tc, viewer)) {
            assertThat(reader.get("/api/periods/2023/standings").statusCode()).isEqualTo(200);
            assertThat(reader.get("/api/periods/2023/awards").statusCode()).isEqualTo(200);
        }
        // the viewer: nothing of a unit's own
        assertThat(viewer.get("/api/rejections").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/api/periods/2023/units/SO-KHDT").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/api/letters").statusCode()).isEqualTo(403);
        // office only: audit, metrics (and the scraper); the scraper reads nothing else
        for (Http notOffice : List.of(khdt, viewer)) {
            assertThat(notOffice.get("/api/audit").statusCode()).isEqualTo(403);
            assertThat(notOffice.get("/metrics").statusCode()).isEqualTo(403);
            assertThat(notOffice.get("/health/ready").statusCode()).isEqualTo(403);
        }
        assertThat(metrics.get("/metrics").statusCode()).isEqualTo(200);
        assertThat(metrics.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(metrics.get("/api/periods").statusCode()).isEqualTo(403);
        // commands are the office's
        var byDepartment = khdt.post("/api/commands", KHDT,
                "{\"commandId\":\"sec-d1\",\"type\":\"HOLD\",\"period\":\"2023\",\"unitCode\":\"SO-TC\"}");
        assertThat(byDepartment.statusCode()).isEqualTo(403);
        assertThat(json(anonymous.as(OFFICE).get("/api/rejections"))).hasSize(2);
    }

    @Test
    @Order(7)
    void everyRestRouteHasARule() {
        List<String> restRoutes = new ArrayList<>();
        for (Route route : hub.camelContext().getRoutes()) {
            if (route.getEndpoint().getEndpointUri().startsWith("rest:")) {
                restRoutes.add(route.getRouteId());
            }
        }
        assertThat(restRoutes).hasSizeGreaterThan(20);
        assertThat(restRoutes).allSatisfy(id -> assertThat(HttpPolicy.rule(id)).as(id).isPresent());
        // an unexpected exception is answered as a bare 500, without its stack trace
        List<PlatformHttpEndpoint> endpoints = hub.camelContext().getEndpoints().stream()
                .filter(e -> e instanceof PlatformHttpEndpoint).map(e -> (PlatformHttpEndpoint) e).toList();
        assertThat(endpoints).hasSizeGreaterThan(20)
                .allSatisfy(e -> assertThat(e.isMuteException()).as(e.getEndpointUri()).isTrue());
    }

    @Test
    @Order(8)
    void theLiveStreamNeedsCredentialsIsLimitedAndShowsEachRoleOnlyItsOwn() throws Exception {
        assertThat(anonymous.get("/api/events").statusCode()).isEqualTo(401);
        List<CompletableFuture<HttpResponse<Stream<String>>>> open = new ArrayList<>();
        LinkedBlockingQueue<String> khdtLines = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> officeLines = new LinkedBlockingQueue<>();
        try {
            open.add(stream(KHDT, khdtLines));
            open.add(stream(OFFICE, officeLines));
            open.add(stream(VIEWER, new LinkedBlockingQueue<>()));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.liveEvents().clientCount() == MAX_STREAMS);
            var refused = anonymous.as(OFFICE).get("/api/events");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(json(refused).get("message").asText()).contains("quá nhiều");

            TestKafka.publish(topics.results(), List.of(Map.entry("SO-TC", bad("sec-live-tc", "SO-TC")),
                    Map.entry("SO-KHDT", bad("sec-live-khdt", "SO-KHDT"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> String.join("\n", officeLines).contains("sec-live-tc")
                    && String.join("\n", officeLines).contains("sec-live-khdt")
                    && String.join("\n", khdtLines).contains("sec-live-khdt"));
            String officeSaw = String.join("\n", officeLines);
            assertThat(officeSaw).doesNotContain("\"original\"").contains("event: rejection");
            assertThat(String.join("\n", khdtLines)).doesNotContain("sec-live-tc").doesNotContain("\"original\"");
        } finally {
            open.forEach(f -> f.cancel(true));
            for (var f : open) {
                if (f.isDone() && !f.isCompletedExceptionally() && !f.isCancelled()) {
                    f.join().body().close();
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.liveEvents().clientCount() == 0);
        var again = stream(VIEWER, new LinkedBlockingQueue<>());
        try {
            assertThat(again.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).as("open again")
                    .isEqualTo(200);
        } finally {
            again.join().body().close();
        }
    }

    @Test
    @Order(9)
    void aStreamThatDoesNotReadIsDisconnectedNotBuffered() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.liveEvents().clientCount() == 0);
        URI uri = URI.create(hub.httpBase());
        long before = hub.liveEvents().disconnectedSlow();
        try (java.net.Socket idle = new java.net.Socket()) {
            idle.setReceiveBufferSize(4096);
            idle.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            idle.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + VIEWER
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.liveEvents().clientCount() == 1);
            String big = "{\"blockCode\":\"X\",\"pad\":\"" + "x".repeat(10_000) + "\"}";
            // at most 2,000 frames of 10 KB (20 MB), far more than the socket buffers and the 64 KB bound hold
            for (int i = 0; i < 2_000 && hub.liveEvents().clientCount() > 0; i++) {
                hub.liveEvents().broadcast("standings", null, big);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.liveEvents().clientCount() == 0);
            assertThat(hub.liveEvents().disconnectedSlow()).isGreaterThan(before);
            String metrics = text(anonymous.as(METRICS).get("/metrics"));
            assertThat(metrics).contains("tdkt_live_clients 0.0").containsPattern(
                    "tdkt_live_disconnected_slow_total [1-9]").containsPattern("tdkt_live_refused_full_total [1-9]");
        }
    }

    static CompletableFuture<HttpResponse<Stream<String>>> stream(String token, LinkedBlockingQueue<String> lines) {
        var f = CLIENT.sendAsync(request("/api/events").header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        f.thenAccept(r -> {
            Thread t = new Thread(() -> {
                try {
                    r.body().forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed
                }
            });
            t.setDaemon(true);
            t.start();
        });
        return f;
    }

    @Test
    @Order(10)
    void theDashboardLoginIsASessionCookieWithLogoutAndOnlyForReads() throws Exception {
        var wrong = send(request("/api/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"nope\"}")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        var notJson = send(request("/api/session").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + KHDT + "\"}")));
        assertThat(notJson.statusCode()).isEqualTo(415);

        var login = send(request("/api/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + KHDT + "\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(HttpSessions.COOKIE + "=").contains("HttpOnly", "SameSite=Strict",
                "Max-Age=", "Path=/");
        assertThat(text(login)).doesNotContain(KHDT);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        var who = send(request("/api/session").header("Cookie", cookie).GET());
        assertThat(json(who).get("principal").asText()).isEqualTo("org:so-khdt");
        assertThat(send(request("/dashboard/2023").header("Cookie", cookie).GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/periods/2023/units/SO-TC").header("Cookie", cookie).GET()).statusCode())
                .isEqualTo(403);
        // a session reads; it never submits or commands (those need the Authorization header)
        var submit = send(request("/api/submissions").header("Cookie", cookie).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(Records.submission("sec-c1", "SO-KHDT",
                "2023", "2024-01-10T09:00:00+07:00", List.of(Records.target("KT1", "6", "5"))))));
        assertThat(submit.statusCode()).isEqualTo(401);

        var logout = send(request("/api/session").header("Cookie", cookie).DELETE());
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.headers().firstValue("Set-Cookie").orElse("")).contains("Max-Age=0");
        assertThat(send(request("/api/periods").header("Cookie", cookie).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(11)
    void theCertificateCheckIsRateLimitedPerClient() {
        int limited = 0;
        for (int i = 0; i < 8; i++) {
            int status = anonymous.get("/api/verify/AAAA-BBBB-CCCC-" + i).statusCode();
            assertThat(status).isIn(404, 429);
            limited += status == 429 ? 1 : 0;
        }
        assertThat(limited).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(12)
    void theAuditTrailHoldsCommandsLoginsAndRefusalsWithoutTokens() throws Exception {
        hub.auditTrail().flush();
        Http office = anonymous.as(OFFICE);
        JsonNode page = json(office.get("/api/audit?limit=500"));
        JsonNode entries = page.get("entries");
        String all = entries.toString();
        assertThat(all).doesNotContain(OFFICE).doesNotContain(KHDT).doesNotContain(TC);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("COMMAND");
            assertThat(e.get("principal").asText()).isEqualTo("office");
            assertThat(e.get("outcome").asInt()).isEqualTo(200);
            assertThat(e.get("target").asText()).contains("type=HOLD", "commandId=sec-t1");
            assertThat(e.get("client").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("COMMAND");
            assertThat(e.get("principal").asText()).isEqualTo("org:so-khdt");
            assertThat(e.get("outcome").asInt()).isEqualTo(403);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("COMMAND");
            assertThat(e.get("principal").isNull()).isTrue();
            assertThat(e.get("outcome").asInt()).isEqualTo(401);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("COMMAND");
            assertThat(e.get("outcome").asInt()).isEqualTo(415);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("LOGIN");
            assertThat(e.get("principal").asText()).isEqualTo("org:so-khdt");
            assertThat(e.get("outcome").asInt()).isEqualTo(200);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("LOGIN");
            assertThat(e.get("outcome").asInt()).isEqualTo(401);
        });
        assertThat(entries).anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("LOGOUT"));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("LIVE_EVENTS");
            assertThat(e.get("outcome").asInt()).isEqualTo(401);
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("READ_SCORECARD");
            assertThat(e.get("principal").asText()).isEqualTo("org:so-tc");
            assertThat(e.get("outcome").asInt()).isEqualTo(403);
        });
        // paged: newest first, the next page starts below the last id
        JsonNode first = json(office.get("/api/audit?limit=2"));
        assertThat(first.get("entries")).hasSize(2);
        long next = first.get("nextBefore").asLong();
        JsonNode second = json(office.get("/api/audit?limit=2&before=" + next));
        assertThat(second.get("entries").get(0).get("id").asLong()).isLessThan(next);
        // closing a period keeps the trail (and the close is in it)
        var close = office.post("/api/commands", OFFICE,
                "{\"commandId\":\"sec-close-2021\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2021\"}");
        assertThat(close.statusCode()).isEqualTo(200);
        JsonNode afterClose = json(office.get("/api/audit?limit=500")).get("entries");
        assertThat(afterClose.size()).isGreaterThanOrEqualTo(Math.min(500, entries.size() + 1));
        assertThat(afterClose.get(0).get("target").asText()).contains("CLOSE_PERIOD", "2021");
        assertThat(afterClose.findValuesAsText("id")).containsAll(entries.findValuesAsText("id").subList(0,
                Math.min(entries.size(), 499)));
        // and as a sheet
        var xlsx = office.get("/api/audit/export.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isGreaterThanOrEqualTo(entries.size() - 1);
        }
    }
}
