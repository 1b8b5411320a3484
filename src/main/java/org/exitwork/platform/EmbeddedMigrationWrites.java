package org.exitwork.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * The first start on the embedded database creates the whole schema, some eighty migrations with
 * hundreds of statements, and with {@code WRITE_DELAY 0} (see {@link EmbeddedDurability}) every one of
 * them writes the file before it returns: about half a second of a first start. Nobody has been told
 * "saved" while the schema is made, so the migrations run with H2's default delay, and the delay is 0
 * again before Flyway hands the database to the application, whether the migrations succeeded or not.
 * A crash in between leaves the file at an earlier, consistent state (H2 writes whole commits), from
 * which Flyway goes on at the next start. PostgreSQL and in-memory H2 are left alone.
 */
@Component
class EmbeddedMigrationWrites implements Callback {

    /** H2's own default: changes reach the file at most this many milliseconds after their commit. */
    static final int WHILE_MIGRATING = 500;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_MIGRATE
                || event == Event.AFTER_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Connection connection = context.getConnection();
            if (!embeddedFile(connection)) {
                return;
            }
            try (Statement s = connection.createStatement()) {
                // Before each migration: a new pooled connection may have set 0 from the URL meanwhile.
                s.execute("SET WRITE_DELAY " + (event == Event.BEFORE_EACH_MIGRATE ? WHILE_MIGRATING : 0));
            }
        } catch (SQLException e) {
            throw new FlywayException("could not set the embedded database's write delay", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "exitwork-embedded-migration-writes";
    }

    static boolean embeddedFile(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return "H2".equals(meta.getDatabaseProductName()) && !meta.getURL().startsWith("jdbc:h2:mem:");
    }
}
