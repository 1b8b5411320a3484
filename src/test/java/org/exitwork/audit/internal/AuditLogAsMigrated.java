package org.exitwork.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.testing.TestDatabase;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brings a test application's audit log back to what the migrations leave: no entries, no
 * checkpoints, only the installation chain's empty head, an empty checkpoint file, and every
 * protecting trigger in place exactly as this database's migrations define it (tests drop them to
 * tamper the way a database owner would). Tests that tamper with the log call it before each test
 * instead of starting a new application for each.
 */
public final class AuditLogAsMigrated {

    /** The audit tables' CREATE TRIGGER statements; none of them contains a semicolon of its own. */
    private static final Pattern TRIGGER = Pattern.compile("CREATE TRIGGER\\s+(\\w+)\\s[^;]*?\\sON\\s+(\\w+)[^;]*;");

    private record Trigger(String name, String table, String statement) {
    }

    private AuditLogAsMigrated() {
    }

    public static void restore(JdbcClient jdbc, Path checkpointFile) throws IOException {
        boolean postgres = TestDatabase.postgres();
        List<Trigger> triggers = new ArrayList<>();
        for (String migration : List.of("V1_2_1__audit_append_only.sql", "V1_18_1__audit_keyed_chains.sql")) {
            String sql = new ClassPathResource("db/vendor/" + (postgres ? "postgresql" : "h2") + "/" + migration)
                    .getContentAsString(StandardCharsets.UTF_8);
            Matcher m = TRIGGER.matcher(sql);
            while (m.find()) {
                triggers.add(new Trigger(m.group(1), m.group(2), m.group().substring(0, m.group().length() - 1)));
            }
        }
        assertThat(triggers).extracting(Trigger::name).contains("aud_entry_append_only", "aud_chain_forward_only",
                "aud_checkpoint_append_only", "aud_head_append_only");
        for (Trigger t : triggers) {
            jdbc.sql("DROP TRIGGER IF EXISTS " + t.name() + (postgres ? " ON " + t.table() : "")).update();
        }
        jdbc.sql("DELETE FROM aud_pending").update();
        jdbc.sql("DELETE FROM aud_entry").update();
        jdbc.sql("DELETE FROM aud_checkpoint").update();
        jdbc.sql("DELETE FROM aud_chain").update();
        jdbc.sql("INSERT INTO aud_chain (chain, org_id, last_seq, last_mac) VALUES ('installation', NULL, 0, ?)")
                .param(EntryMac.GENESIS).update();
        assertThat(jdbc.sql("SELECT last_seq FROM aud_head").query(Long.class).single())
                .as("the earlier chain's head, as migrated").isZero();
        for (Trigger t : triggers) {
            jdbc.sql(t.statement()).update();
        }
        Files.deleteIfExists(checkpointFile);
    }
}
