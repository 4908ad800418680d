package vn.tdkt.hub.store.migration;

import java.sql.Connection;
import java.sql.Statement;

/**
 * H2 only (embedded mode): the identity sequences of {@code outbox} and {@code rejection} hand out numbers from a
 * cache of 100,000 instead of 32. H2 records a sequence's progress in its metadata each time the cache runs out,
 * and with {@code WRITE_DELAY=0} (see {@code Database}) each such record writes every pending change to the file:
 * with a cache of 32, the intake wrote the database about four times per batch (JFR: a fifth of the intake
 * thread's time). The numbers stay increasing in commit order (one sequence object in the process); a crash only
 * skips the unused rest of the cache.
 *
 * <p>Not on PostgreSQL: there, a sequence cache is per connection, and ids of different connections would no
 * longer follow the order of their transactions.
 */
public class V7__h2_identity_cache extends H2OnlyMigration {

    static final long CACHE = 100_000;

    @Override
    void migrateH2(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE outbox ALTER COLUMN id SET CACHE " + CACHE);
            st.execute("ALTER TABLE rejection ALTER COLUMN id SET CACHE " + CACHE);
        }
    }
}
