package org.exitwork.cases.internal.sessions;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation with sessions from before the counts is upgraded: V1_53_0 fills the counts per case and
 * month and the first session's day from the sessions there are, cancelled ones counted apart. On H2 and
 * PostgreSQL.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
class SessionCountsMigrationTest {

    @Test
    void theCountsAreFilledFromTheSessionsThereAre() {
        Map<String, Object> props = TestDatabase.newDatabase();
        DataSource dataSource = new DriverManagerDataSource((String) props.get("spring.datasource.url"),
                (String) props.getOrDefault("spring.datasource.username", "exitwork"),
                (String) props.getOrDefault("spring.datasource.password", ""));
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + (TestDatabase.postgres() ? "postgresql" : "h2"))
                .schemas(props.containsKey("spring.flyway.schemas") ? new String[] {(String) props.get("spring.flyway.schemas")}
                        : new String[0]);
        MigrationVersion counts = MigrationVersion.fromVersion("1.53.0");
        MigrationVersion before = Arrays.stream(flyway.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(counts) < 0).max(MigrationVersion::compareTo).orElseThrow();
        flyway.target(before).load().migrate();

        JdbcClient jdbc = JdbcClient.create(dataSource);
        UUID org = UUID.randomUUID();
        UUID staff = UUID.randomUUID();
        UUID seen = client(jdbc, org, staff, "Early Bird");
        UUID cancelledOnly = client(jdbc, org, staff, "Late Owl");
        UUID never = client(jdbc, org, staff, "Quiet Wren");
        session(jdbc, seen, LocalDate.of(2026, 3, 31), false);
        session(jdbc, seen, LocalDate.of(2026, 3, 2), true);
        session(jdbc, seen, LocalDate.of(2026, 3, 14), false);
        session(jdbc, seen, LocalDate.of(2026, 4, 1), false);
        session(jdbc, cancelledOnly, LocalDate.of(2025, 12, 24), true);

        flyway.target(MigrationVersion.LATEST).load().migrate();

        assertThat(jdbc.sql("SELECT client_id, month_start, held, cancelled FROM cas_month_count ORDER BY month_start")
                .query((rs, n) -> rs.getObject(1, UUID.class) + " " + rs.getObject(2, LocalDate.class) + " "
                        + rs.getInt(3) + "/" + rs.getInt(4)).list())
                .containsExactly(cancelledOnly + " 2025-12-01 0/1", seen + " 2026-03-01 2/1", seen + " 2026-04-01 1/0");
        for (Object[] expected : List.of(new Object[] {seen, LocalDate.of(2026, 3, 14)},
                new Object[] {cancelledOnly, null}, new Object[] {never, null})) {
            assertThat(jdbc.sql("SELECT first_session_on FROM cas_client WHERE id = ?").param(expected[0])
                    .query((rs, n) -> rs.getObject(1, LocalDate.class)).list()).containsExactly((LocalDate) expected[1]);
        }
    }

    private static UUID client(JdbcClient jdbc, UUID org, UUID staff, String pseudonym) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO cas_client (id, org_id, pseudonym, stage, created_at, created_by) VALUES (?, ?, ?, 'CLIENT', ?, ?)")
                .params(id, org, pseudonym, Timestamp.from(Instant.parse("2025-11-01T10:00:00Z")), staff).update();
        return id;
    }

    private static void session(JdbcClient jdbc, UUID client, LocalDate day, boolean cancelled) {
        jdbc.sql("INSERT INTO cas_session_note (id, client_id, session_date, written_by, written_at, body, cancelled_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), client, Date.valueOf(day), UUID.randomUUID(),
                        Timestamp.from(Instant.parse("2026-04-02T10:00:00Z")), new byte[] {1, 2, 3},
                        cancelled ? Timestamp.from(Instant.parse("2026-04-03T10:00:00Z")) : null)
                .update();
    }
}
