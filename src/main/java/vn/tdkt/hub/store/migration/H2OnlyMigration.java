package vn.tdkt.hub.store.migration;

import java.sql.Connection;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A migration for the embedded mode's H2 database alone: on PostgreSQL it is recorded and does nothing. */
abstract class H2OnlyMigration extends BaseJavaMigration {

    @Override
    public final void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
            migrateH2(c);
        }
    }

    /** The migration, on H2. */
    abstract void migrateH2(Connection c) throws Exception;
}
