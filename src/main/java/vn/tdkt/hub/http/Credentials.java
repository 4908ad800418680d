package vn.tdkt.hub.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call the hub's HTTP API. Each reporting organisation has its own bearer token and a list of the units
 * it may report for ({@code *} for all); the emulation office has its own token for office operations
 * (commands). Only SHA-256 hashes of tokens are kept (tokens are random, high-entropy strings, so a plain hash
 * is enough), compared in constant time.
 *
 * <p>Format (a properties file outside the repository, or the same lines in an environment variable):
 * <pre>
 * office.token-sha256 = 5e88...        # the office
 * org.so-khdt.token-sha256 = 9f86...   # one line pair per reporting organisation
 * org.so-khdt.units = SO-KHDT
 * viewer.token-sha256 = 2c26...        # optional: read-only screen (standings and awards)
 * metrics.token-sha256 = fcde...       # optional: Prometheus scraper (/metrics, /health/ready)
 * </pre>
 * {@code sha256sum} of the token gives the hash: {@code printf %s "$TOKEN" | sha256sum}.
 */
public final class Credentials {

    /** What a caller is: the office, a reporting department, a read-only viewer (projector), a metrics scraper. */
    public enum Role { OFFICE, DEPARTMENT, VIEWER, METRICS }

    /** An authenticated caller. */
    public record Caller(String name, boolean office, Set<String> units, Role role) {

        /** The office (no units) or a department (its units). */
        public Caller(String name, boolean office, Set<String> units) {
            this(name, office, units, office ? Role.OFFICE : Role.DEPARTMENT);
        }

        public boolean mayReportFor(String unitCode) {
            return role == Role.DEPARTMENT && (units.contains("*") || units.contains(unitCode));
        }

        /** Whether this caller may read the unit's own records (scorecard, rejections, letters). */
        public boolean mayReadUnit(String unitCode) {
            return role == Role.OFFICE || mayReportFor(unitCode);
        }

        /** The principal recorded in the audit trail: {@code office}, {@code org:<name>}, {@code viewer}, ... */
        public String principal() {
            return switch (role) {
                case OFFICE -> "office";
                case DEPARTMENT -> "org:" + name;
                case VIEWER -> "viewer";
                case METRICS -> "metrics";
            };
        }
    }

    private final Map<String, Caller> byHash;

    private Credentials(Map<String, Caller> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    public static Credentials parse(Properties p) {
        Map<String, Caller> byHash = new LinkedHashMap<>();
        String office = p.getProperty("office.token-sha256");
        if (office != null && !office.isBlank()) {
            byHash.put(office.trim().toLowerCase(), new Caller("office", true, Set.of()));
        }
        String viewer = p.getProperty("viewer.token-sha256");
        if (viewer != null && !viewer.isBlank()) {
            byHash.put(viewer.trim().toLowerCase(), new Caller("viewer", false, Set.of(), Role.VIEWER));
        }
        String scraper = p.getProperty("metrics.token-sha256");
        if (scraper != null && !scraper.isBlank()) {
            byHash.put(scraper.trim().toLowerCase(), new Caller("metrics", false, Set.of(), Role.METRICS));
        }
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("org.") && key.endsWith(".token-sha256")) {
                String org = key.substring(4, key.length() - ".token-sha256".length());
                Set<String> units = new TreeSet<>();
                for (String u : p.getProperty("org." + org + ".units", "").split(",")) {
                    if (!u.isBlank()) {
                        units.add(u.trim());
                    }
                }
                byHash.put(p.getProperty(key).trim().toLowerCase(), new Caller(org, false, units));
            }
        }
        return new Credentials(byHash);
    }

    /** The caller of an {@code Authorization: Bearer <token>} header, if the token is known. */
    public Optional<Caller> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(7).trim()).getBytes(StandardCharsets.US_ASCII);
        Caller found = null;
        for (Map.Entry<String, Caller> e : byHash.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getKey().getBytes(StandardCharsets.US_ASCII))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return byHash.isEmpty();
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random token (32 bytes, hex). */
    public static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Generated credentials of embedded mode: the tokens to print once, and their hashes. */
    public record Generated(String officeToken, String departmentToken, Credentials credentials) {
    }

    /** For embedded mode without configured credentials: an office token and one department token for all units. */
    public static Generated generate() {
        String office = newToken();
        String dept = newToken();
        Properties p = new Properties();
        p.setProperty("office.token-sha256", sha256(office));
        p.setProperty("org.demo.token-sha256", sha256(dept));
        p.setProperty("org.demo.units", "*");
        return new Generated(office, dept, parse(p));
    }
}
