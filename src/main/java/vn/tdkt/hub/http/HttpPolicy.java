package vn.tdkt.hub.http;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.http.Credentials.Caller;
import vn.tdkt.hub.http.Credentials.Role;

/**
 * Who may do what over HTTP: the one place where every HTTP route's access is decided, keyed by route id. For a
 * request it decides, in this order: the caller (only from the {@code Authorization: Bearer} header, or on reads
 * from the dashboard's session cookie: 401), the caller's role (403), the parameters (only those the route
 * declares, each checked: 400 with a Vietnamese reason), for a unit's own records the unit (403), the body's
 * content type (415), and the rate of public requests (429). A route without a rule is refused.
 *
 * <p>Roles: the office reads and does everything; a department reads the published standings and awards and its
 * own units' scorecards, rejections and letters, and submits for its units; a viewer (projector screen) reads the
 * standings and awards only; the metrics scraper reads {@code /metrics} and {@code /health/ready}. Public:
 * {@code /health/live}, the certificate verification (rate-limited per client address), the static web files
 * (no data) and the login itself.
 */
public final class HttpPolicy {

    private static final Set<Role> READERS = EnumSet.of(Role.OFFICE, Role.DEPARTMENT, Role.VIEWER);
    private static final Set<Role> OFFICE_DEPT = EnumSet.of(Role.OFFICE, Role.DEPARTMENT);
    private static final Set<Role> OFFICE = EnumSet.of(Role.OFFICE);
    private static final Set<Role> OPS = EnumSet.of(Role.OFFICE, Role.METRICS);
    private static final Set<Role> ANY = EnumSet.allOf(Role.class);
    private static final Set<Role> PUBLIC = EnumSet.noneOf(Role.class);

    /** A declared parameter: its pattern and the Vietnamese reason when a value does not match. */
    record Param(Pattern pattern, String message) {
    }

    private static final Map<String, Param> PARAMS = Map.of(
            "period", new Param(Pattern.compile("\\d{4}"), "Năm thi đua (period) phải gồm 4 chữ số, ví dụ 2023"),
            "unit", new Param(Pattern.compile("[A-Za-z0-9_.-]{1,64}"),
                    "Mã đơn vị (unit) chỉ gồm chữ, số và - _ . (tối đa 64 ký tự)"),
            "reason", new Param(Pattern.compile("[A-Z_]{1,40}"), "Mã lý do (reason) không hợp lệ"),
            "limit", new Param(Pattern.compile("[1-9][0-9]{0,2}"), "Tham số limit phải là số nguyên từ 1 đến 500"),
            "before", new Param(Pattern.compile("[1-9][0-9]{0,17}"), "Tham số before phải là số nguyên dương"),
            "code", new Param(Pattern.compile("[A-Za-z0-9-]{1,64}"), "Mã xác thực không hợp lệ"),
            "awardId", new Param(Pattern.compile("[^\\p{Cntrl}]{1,200}"), "Mã khen thưởng (awardId) không hợp lệ"),
            "file", new Param(Pattern.compile("[a-z0-9.-]{1,64}"), "Tên tệp không hợp lệ"),
            "format", new Param(Pattern.compile("[A-Za-z0-9-]{1,20}"),
                    "Tham số format không hợp lệ: chỉ nhận \"excel-vn\" hoặc \"rfc4180\""));

    /**
     * The rule of a route: the roles allowed (none: public), whether the dashboard's session cookie counts as a
     * credential, whether the body must be JSON, whether every outcome is audited, whether it is rate-limited,
     * and its parameters; {@code unitParam}: the parameter naming a unit whose own records are read.
     */
    public record Rule(String action, Set<Role> roles, boolean cookie, boolean json, boolean audit,
                       boolean rateLimited, List<String> params, String unitParam) {

        boolean isPublic() {
            return roles.isEmpty();
        }
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private static void rule(String routeId, String action, Set<Role> roles, boolean cookie, boolean json,
                             boolean audit, boolean rateLimited, String unitParam, String... params) {
        RULES.put(routeId, new Rule(action, roles, cookie, json, audit, rateLimited, List.of(params), unitParam));
    }

    static {
        // reads (cookie: the dashboard's session may read)
        rule("api-periods", "READ_PERIODS", READERS, true, false, false, false, null);
        rule("api-standings", "READ_STANDINGS", READERS, true, false, false, false, null, "period");
        rule("api-scorecard", "READ_SCORECARD", OFFICE_DEPT, true, false, false, false, "unit", "period", "unit");
        rule("api-awards", "READ_AWARDS", READERS, true, false, false, false, null, "period");
        rule("api-progress", "READ_PROGRESS", READERS, true, false, false, false, null, "period");
        rule("api-excel", "EXPORT_XLSX", READERS, true, false, false, false, null, "period");
        rule("api-csv", "EXPORT_CSV", READERS, true, false, false, false, null, "period", "format");
        rule("api-rejections", "READ_REJECTIONS", OFFICE_DEPT, true, false, false, false, "unit",
                "unit", "reason", "limit");
        rule("api-letters", "READ_LETTERS", OFFICE_DEPT, true, false, false, false, null, "period");
        rule("api-openapi", "READ_OPENAPI", ANY, true, false, false, false, null);
        rule("api-audit", "READ_AUDIT", OFFICE, true, false, false, false, null, "before", "limit");
        rule("api-audit-xlsx", "EXPORT_AUDIT", OFFICE, true, false, false, false, null);
        rule("api-events", "LIVE_EVENTS", READERS, true, false, false, false, null);
        rule("dashboard-newest", "DASHBOARD", READERS, true, false, false, false, null);
        rule("dashboard", "DASHBOARD", READERS, true, false, false, false, null, "period");
        rule("health-ready", "HEALTH_READY", OPS, false, false, false, false, null);
        rule("metrics", "METRICS", OPS, false, false, false, false, null);
        rule("api-session", "SESSION", ANY, true, false, false, false, null);
        // writes: JSON bodies only; a submission with the Authorization header only; the office's commands and
        // resends also from the dashboard's session (cookie writes: see decide)
        rule("http-submission", "SUBMISSION", OFFICE_DEPT, false, true, false, false, null);
        rule("http-command", "COMMAND", OFFICE, true, true, true, false, null);
        rule("api-resend", "RESEND", OFFICE, true, false, true, false, null, "awardId");
        // the results workbooks (routes/workbooks.camel.yaml): a unit's template, a filled workbook uploaded by its
        // department (the body is the workbook, not JSON)
        rule("api-workbook-template", "WORKBOOK_TEMPLATE", OFFICE_DEPT, true, false, false, false, "unit",
                "period", "unit");
        rule("http-workbook", "WORKBOOK_UPLOAD", OFFICE_DEPT, false, false, true, false, "unit", "period", "unit");
        // public
        rule("api-login", "LOGIN", PUBLIC, false, true, true, false, null);
        rule("api-logout", "LOGOUT", PUBLIC, true, false, true, false, null);
        rule("api-verify", "VERIFY", PUBLIC, false, false, false, true, null, "code");
        rule("verify-page", "VERIFY_PAGE", PUBLIC, false, false, false, true, null, "code");
        rule("web-file", "WEB_FILE", PUBLIC, false, false, false, false, null, "file");
        rule("health-live", "HEALTH_LIVE", PUBLIC, false, false, false, false, null);
    }

    /** The routes that change something: with the session cookie they need the checks of {@link #decide}. */
    private static final Set<String> WRITES = Set.of("COMMAND", "RESEND");

    /**
     * A request as the policy sees it: nothing else of it is ever trusted. {@code origin} and {@code host} are the
     * request's {@code Origin} and {@code Host} headers (null when absent).
     */
    public record Request(String routeId, String authorization, String cookieHeader, String contentType,
                          String client, Map<String, Object> params, String origin, String host) {

        public Request(String routeId, String authorization, String cookieHeader, String contentType,
                       String client, Map<String, Object> params) {
            this(routeId, authorization, cookieHeader, contentType, client, params, null, null);
        }
    }

    /**
     * The decision: a refusal (null when allowed), the caller (null when public and anonymous), the validated
     * parameters (the only ones a route may use), the rule.
     */
    public record Decision(HttpAnswer refusal, Caller caller, Map<String, String> params, Rule rule) {

        public boolean allowed() {
            return refusal == null;
        }
    }

    private final Credentials credentials;
    private final HttpSessions sessions;
    private final Clock clock;
    private final int publicPerMinute;
    private final Map<String, long[]> rate = new ConcurrentHashMap<>();

    public HttpPolicy(Credentials credentials, HttpSessions sessions, Clock clock, int publicPerMinute) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.clock = clock;
        this.publicPerMinute = publicPerMinute;
    }

    /** The route ids with a rule. */
    public static Set<String> routeIds() {
        return RULES.keySet();
    }

    public static Optional<Rule> rule(String routeId) {
        return Optional.ofNullable(RULES.get(routeId));
    }

    public Credentials credentials() {
        return credentials;
    }

    public HttpSessions sessions() {
        return sessions;
    }

    public Decision decide(Request r) {
        Rule rule = RULES.get(r.routeId());
        if (rule == null) {
            return new Decision(refuse(403, null, "Địa chỉ này không được phép truy cập"), null, Map.of(), null);
        }
        Caller caller = authenticate(r.authorization(), rule.cookie() ? r.cookieHeader() : null);
        if (!rule.isPublic()) {
            if (caller == null) {
                return new Decision(refuse(401, null, r.authorization() == null
                        ? "Cần đăng nhập: gửi mã truy cập trong tiêu đề Authorization: Bearer <mã truy cập>"
                        : "Mã truy cập không đúng hoặc đã bị thu hồi"), null, Map.of(), rule);
            }
            if (!rule.roles().contains(caller.role())) {
                return new Decision(refuse(403, null, "Tài khoản " + caller.principal()
                        + " không có quyền thực hiện thao tác này"), caller, Map.of(), rule);
            }
        }
        Map<String, String> params = new HashMap<>();
        for (String name : rule.params()) {
            Object value = r.params().get(name);
            if (value == null) {
                continue;
            }
            if (value instanceof Collection<?> || value.getClass().isArray()) {
                return new Decision(refuse(400, name, "Tham số " + name + " chỉ được có một giá trị"),
                        caller, Map.of(), rule);
            }
            String s = value.toString();
            Param p = PARAMS.get(name);
            if (!p.pattern().matcher(s).matches() || ("limit".equals(name) && Integer.parseInt(s) > 500)) {
                return new Decision(refuse(400, name, p.message()), caller, Map.of(), rule);
            }
            params.put(name, s);
        }
        if (!rule.isPublic()) {
            String unit = rule.unitParam() == null ? null : params.get(rule.unitParam());
            if (unit != null && !caller.mayReadUnit(unit)) {
                return new Decision(refuse(403, rule.unitParam(), "Tài khoản " + caller.principal()
                        + " không được xem số liệu của đơn vị " + unit), caller, Map.of(), rule);
            }
        }
        if (rule.json() && !isJson(r.contentType())) {
            return new Decision(RequestBody.NOT_JSON, caller, Map.of(), rule);
        }
        if (WRITES.contains(rule.action()) && r.authorization() == null) {
            // a write with the dashboard's session cookie: the cookie is SameSite=Strict (no other site sends it);
            // moreover the body must be declared JSON (a cross-site form cannot, and a cross-site script cannot
            // without a CORS preflight, which this hub never grants) and an Origin, when sent, must be this host
            if (!isJson(r.contentType())) {
                return new Decision(RequestBody.NOT_JSON, caller, Map.of(), rule);
            }
            if (!sameOrigin(r.origin(), r.host())) {
                return new Decision(refuse(403, null, "Yêu cầu từ trang khác bị từ chối"), caller, Map.of(), rule);
            }
        }
        if (rule.rateLimited() && !withinRate(r.client())) {
            return new Decision(HttpAnswer.json(429, Map.of("status", "TOO_MANY_REQUESTS", "message",
                    "Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau một phút")), caller, Map.of(), rule);
        }
        return new Decision(null, caller, params, rule);
    }

    /** The caller of a bearer token, else (where the rule allows) of the session cookie; null if neither. */
    public Caller authenticate(String authorization, String cookieHeader) {
        if (authorization != null) {
            return credentials.authenticate(authorization).orElse(null);
        }
        return sessions.caller(HttpSessions.fromCookieHeader(cookieHeader));
    }

    /** Whether an {@code Origin} header, when present, names the host the request was sent to. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null) {
            return false;
        }
        return origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host);
    }

    /** Whether the content type is {@code application/json} (parameters such as charset allowed). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().equalsIgnoreCase("application/json");
    }

    /** Fixed one-minute windows per client address; the table is bounded (cleared when it grows too large). */
    private boolean withinRate(String client) {
        long window = clock.millis() / 60_000;
        if (rate.size() > 10_000) {
            rate.clear();
        }
        long[] slot = rate.computeIfAbsent(client == null ? "?" : client, k -> new long[2]);
        synchronized (slot) {
            if (slot[0] != window) {
                slot[0] = window;
                slot[1] = 0;
            }
            return ++slot[1] <= publicPerMinute;
        }
    }

    static HttpAnswer refuse(int status, String field, String message) {
        return HttpAnswer.refused(status, List.of(new Reason(
                status == 400 ? ReasonCode.INVALID_VALUE : ReasonCode.UNAUTHORIZED, field, message)));
    }
}
