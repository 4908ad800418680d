package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * The hub's relational database: PostgreSQL in production, an H2 file (PostgreSQL mode) in embedded mode.
 * Both run the same Flyway migrations ({@code db/migration}) and the same SQL.
 */
public final class Database implements AutoCloseable {

    static {
        // H2 keeps every string and value it is given in a soft cache, to share equal ones: on the intake's
        // batched inserts, a third of the JDBC time was spent there (JFR), to save memory the hub does not need.
        // Read once by H2, when its first class loads: the hub opens its database before anything else uses H2.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Connects and migrates. {@code url} is a JDBC URL; for H2 the PostgreSQL compatibility settings are added
     * when missing.
     */
    public static Database open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withH2Settings(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        config.setPoolName("tdkt-db");
        // fail fast at start when the database is unreachable, but let the pool recover later on its own
        config.setInitializationFailTimeout(30_000);
        config.setConnectionTimeout(5_000);
        if (url.startsWith("jdbc:postgresql:")) {
            // PostgreSQL plans a prepared statement once for any parameters after five executions ("generic
            // plan"), from the table statistics of that moment: the intake's batched look-ups by a unique key
            // (id_hash IN (...500 parameters)), first planned on an empty table, would keep a sequential
            // scan as the table grows (measured: 1 s per batch at 100,000 submissions). Plan with the values.
            config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds)
                    .locations("classpath:db/migration", "classpath:vn/tdkt/hub/store/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    static String withH2Settings(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        StringBuilder out = new StringBuilder(url);
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        if (!upper.contains(";MODE=")) {
            out.append(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        if (!upper.contains(";LOCK_TIMEOUT=")) {
            out.append(";LOCK_TIMEOUT=10000");
        }
        if (!upper.contains(";QUERY_CACHE_SIZE=")) {
            // a batch prepares about 20 distinct statements; H2's default cache of 8 parsed statements per
            // session would parse most of them again every time
            out.append(";QUERY_CACHE_SIZE=64");
        }
        if (!upper.contains(";WRITE_DELAY=")) {
            // H2 writes committed transactions to its file in the background, up to WRITE_DELAY ms (default 500)
            // after the commit: a process killed in between loses them, although the intake has committed their
            // Kafka offsets. With 0 a commit writes its changes to the file before it returns, so a killed hub
            // loses nothing (the operating system has them; a power cut is PostgreSQL's job, see the README).
            out.append(";WRITE_DELAY=0");
        }
        return out.toString();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** True when a connection can be obtained and answers a trivial query (readiness). */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Work done with one connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
