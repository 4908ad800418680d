package vn.tdkt.hub.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import vn.tdkt.hub.store.Database;

/**
 * The two databases the hub supports, for tests that must pass on both: an H2 file (embedded mode) and
 * PostgreSQL on 127.0.0.1:5432, database {@code test} (production mode; {@code .ci/run} starts it). Each call
 * gives a fresh, empty, migrated database (a new file, or a new PostgreSQL schema).
 */
public final class TestDatabases {

    public static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";

    private TestDatabases() {
    }

    public enum Kind { H2, POSTGRES }

    /** A fresh JDBC URL of the given kind. */
    public static String freshUrl(Kind kind, Path dir) {
        if (kind == Kind.H2) {
            return "jdbc:h2:file:" + dir.resolve("hub-" + UUID.randomUUID()).toAbsolutePath();
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run on 127.0.0.1:5432 (see .ci/run)", e);
        }
        dropAtExit(schema);
        return PG_BASE + "?currentSchema=" + schema;
    }

    private static final java.util.List<String> CREATED = new java.util.ArrayList<>();

    /** The schemas this test JVM created are dropped when it exits, so the shared database does not fill up. */
    private static synchronized void dropAtExit(String schema) {
        if (CREATED.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreated, "test-schemas-drop"));
        }
        CREATED.add(schema);
    }

    private static synchronized void dropCreated() {
        try (Connection c = DriverManager.getConnection(PG_BASE, PG_USER, "");
             Statement st = c.createStatement()) {
            for (String schema : CREATED) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("Test schemas not dropped: " + e.getMessage());
        }
    }

    /**
     * A fresh database of the given kind migrated up to {@code version} only (to test a later migration on the
     * rows a test puts in first); returns its JDBC URL as {@link Database#open} takes it.
     */
    public static String migratedTo(Kind kind, Path dir, String version) {
        String url = freshUrl(kind, dir);
        org.flywaydb.core.Flyway.configure().dataSource(Database.withH2Settings(url), user(kind), "")
                .locations(Database.MIGRATIONS).target(version).load().migrate();
        return url;
    }

    public static String user(Kind kind) {
        return kind == Kind.H2 ? "" : PG_USER;
    }

    public static Database open(Kind kind, Path dir) {
        return Database.open(freshUrl(kind, dir), user(kind), "", 4);
    }
}
