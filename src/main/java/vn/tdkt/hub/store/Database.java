package vn.tdkt.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /** Where Flyway finds the migrations: SQL files, and Java ones where the SQL differs or data is rewritten. */
    public static final String[] MIGRATIONS = {"classpath:db/migration", "classpath:vn/tdkt/hub/store/migration"};

    private final HikariDataSource dataSource;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();
    private final SubmissionIds submissionIds;

    private Database(HikariDataSource dataSource, boolean h2) {
        this.dataSource = dataSource;
        this.submissionIds = h2 ? new EmbeddedSubmissionIds(this) : new IndexedSubmissionIds();
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
                    .locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, url.startsWith("jdbc:h2:"));
    }

    /**
     * {@code url} as the hub connects to it: for H2, with its PostgreSQL mode, lock timeout, statement cache and
     * {@code WRITE_DELAY=0} added where missing.
     */
    public static String withH2Settings(String url) {
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

    /**
     * The identity of accepted submissions in this database. On H2 it keeps state in this object
     * ({@link EmbeddedSubmissionIds}): one {@code Database} per H2 file and process, as the hub opens it.
     */
    public SubmissionIds submissionIds() {
        return submissionIds;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        Transaction outer = current.get();
        Transaction tx = new Transaction();
        current.set(tx);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                tx.outcomeUnknown = true;
                c.commit();
                tx.outcomeUnknown = false;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
            tx.committed();
            return result;
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            tx.ended();
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    /** The transaction {@link #inTransaction} runs on this thread; refused outside one. */
    Transaction transaction() {
        Transaction tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("Called outside Database.inTransaction");
        }
        return tx;
    }

    /**
     * What a store class wants done when the transaction commits, and when it ends whatever its outcome. When the
     * commit itself fails, the outcome is unknown (the database may have committed): {@code onCommit} actions do
     * not run, {@code onUnknownOutcome} ones do.
     */
    static final class Transaction {
        private final List<Runnable> onCommit = new ArrayList<>();
        private final List<Runnable> onUnknownOutcome = new ArrayList<>();
        private final List<Runnable> onEnd = new ArrayList<>();
        private final Map<Object, Object> attached = new HashMap<>();
        private boolean outcomeUnknown;

        void onCommit(Runnable r) {
            onCommit.add(r);
        }

        void onUnknownOutcome(Runnable r) {
            onUnknownOutcome.add(r);
        }

        void onEnd(Runnable r) {
            onEnd.add(r);
        }

        /** What {@code owner} attached to this transaction, created by {@code create} on its first call. */
        @SuppressWarnings("unchecked")
        <T> T attached(Object owner, Function<Transaction, T> create) {
            Object value = attached.get(owner);
            if (value == null) {
                value = create.apply(this);
                attached.put(owner, value);
            }
            return (T) value;
        }

        private void committed() {
            onCommit.forEach(Runnable::run);
        }

        private void ended() {
            try {
                if (outcomeUnknown) {
                    onUnknownOutcome.forEach(Runnable::run);
                }
            } finally {
                onEnd.forEach(Runnable::run);
            }
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
