package org.exitwork.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Saved" must survive a crash of the process. H2's MVStore keeps committed changes in memory and
 * writes them to the file up to {@code WRITE_DELAY} (default 500 ms) later, so a {@code kill -9}
 * loses what was acknowledged in that window. With a delay of 0 every commit writes its changes to
 * the file before the commit returns (H2's {@code TransactionStore.endTransaction} then calls
 * {@code MVStore.commit()}, which waits for a store in progress instead of skipping it). The shipped
 * URL sets it already; this also covers an operator's own H2 URL. The setting is database-wide.
 * PostgreSQL is durable by its defaults and is left alone.
 */
@Component
class EmbeddedDurability {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDurability.class);

    EmbeddedDurability(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            if (!"H2".equals(meta.getDatabaseProductName()) || meta.getURL().startsWith("jdbc:h2:mem:")) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET WRITE_DELAY 0");
            }
            log.debug("Embedded database: every commit is written to the file before it returns.");
        }
    }
}
