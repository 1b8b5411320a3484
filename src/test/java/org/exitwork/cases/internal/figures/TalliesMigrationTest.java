package org.exitwork.cases.internal.figures;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.exitwork.cases.CaseFigures;
import org.exitwork.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation with cases, sessions and outcome ratings from before the tallies is upgraded: V1_56_0 fills
 * the figures kept per programme with what {@link CaseTallies} counts case by case (a recount afterwards
 * changes nothing, and the figures of every scope and period are those of the queries over the cases' rows),
 * V1_57_0 the outcome tallies from the ratings there are (checked row by row against the ratings' first,
 * latest and next days). On H2 and PostgreSQL.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
class TalliesMigrationTest {

    private static final Instant CREATED = Instant.parse("2025-11-01T10:00:00Z");

    @Test
    void theTalliesAreFilledFromTheCasesAndRatingsThereAre() {
        Map<String, Object> props = TestDatabase.newDatabase();
        // One connection throughout: the embedded database lives as long as it is open.
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource((String) props.get("spring.datasource.url"),
                (String) props.getOrDefault("spring.datasource.username", "exitwork"),
                (String) props.getOrDefault("spring.datasource.password", ""), true);
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + (TestDatabase.postgres() ? "postgresql" : "h2"))
                .schemas(props.containsKey("spring.flyway.schemas") ? new String[] {(String) props.get("spring.flyway.schemas")}
                        : new String[0]);
        MigrationVersion tallies = MigrationVersion.fromVersion("1.56.0");
        MigrationVersion before = Arrays.stream(flyway.load().info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(tallies) < 0).max(MigrationVersion::compareTo).orElseThrow();
        flyway.target(before).load().migrate();

        JdbcClient jdbc = JdbcClient.create(dataSource);
        UUID org = UUID.randomUUID();
        UUID staff = UUID.randomUUID();
        UUID colleague = UUID.randomUUID();
        UUID programme = UUID.randomUUID();
        jdbc.sql("INSERT INTO prg_programme (id, org_id, name, goal, target_groups, changed_by, changed_at)"
                + " VALUES (?, ?, 'Before', 'A goal', 'Everyone', ?, ?)").params(programme, org, staff, Timestamp.from(CREATED))
                .update();
        UUID outcome = UUID.randomUUID();
        jdbc.sql("INSERT INTO prg_outcome (id, programme_id, position, name, scale_max, low_en, low_de, high_en, high_de)"
                + " VALUES (?, ?, 1, 'Stable work', 5, 'none', 'keine', 'much', 'viel')").params(outcome, programme).update();
        UUID text = jdbc.sql("SELECT id FROM cas_information_text ORDER BY version LIMIT 1").query(UUID.class).single();

        UUID seen = client(jdbc, org, staff, "Early Bird", "CLIENT", programme, LocalDate.of(2025, 11, 20), null);
        UUID ended = client(jdbc, org, staff, "Late Owl", "CLOSED", programme, LocalDate.of(2025, 11, 3),
                LocalDate.of(2026, 3, 31));
        UUID prospect = client(jdbc, org, staff, "Quiet Wren", "PROSPECT", null, null, null);
        UUID elsewhere = client(jdbc, org, staff, "Far Finch", "CLIENT", null, LocalDate.of(2026, 1, 7), null);
        for (UUID c : List.of(seen, ended, elsewhere)) {
            jdbc.sql("INSERT INTO cas_participation_consent (client_id, given_on, informed_how, text_id, language,"
                    + " recorded_by, recorded_at) VALUES (?, (SELECT became_client_on FROM cas_client WHERE id = ?),"
                    + " 'TALK', ?, 'en', ?, ?)").params(c, c, text, staff, Timestamp.from(CREATED)).update();
        }
        area(jdbc, seen, "RIGHT_WING");
        area(jdbc, ended, "RIGHT_WING");
        area(jdbc, ended, "GANGS");
        area(jdbc, prospect, "UNCLEAR");
        tandem(jdbc, seen, staff, 1);
        tandem(jdbc, seen, colleague, 2);
        tandem(jdbc, ended, staff, 1);
        tandem(jdbc, prospect, staff, 1);
        tandem(jdbc, elsewhere, colleague, 1);
        session(jdbc, seen, LocalDate.of(2026, 1, 12), false, LocalDate.of(2026, 1, 30));
        session(jdbc, seen, LocalDate.of(2026, 1, 2), true, null);
        session(jdbc, seen, LocalDate.of(2026, 3, 14), false, null);
        session(jdbc, seen, LocalDate.of(2026, 4, 1), false, LocalDate.of(2026, 4, 20));
        session(jdbc, ended, LocalDate.of(2025, 12, 24), false, null);
        session(jdbc, ended, LocalDate.of(2026, 3, 2), false, LocalDate.of(2026, 3, 20));
        session(jdbc, elsewhere, LocalDate.of(2026, 2, 2), false, null);
        jdbc.sql("INSERT INTO cas_month_count (client_id, month_start, held, cancelled)"
                + " SELECT client_id, month_start, SUM(CASE WHEN cancelled_at IS NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN cancelled_at IS NULL THEN 0 ELSE 1 END) FROM (SELECT client_id,"
                + " CAST(DATE_TRUNC('MONTH', session_date) AS DATE) AS month_start, cancelled_at FROM cas_session_note) s"
                + " GROUP BY client_id, month_start").update();
        jdbc.sql("UPDATE cas_client SET first_session_on = (SELECT MIN(s.session_date) FROM cas_session_note s"
                + " WHERE s.client_id = cas_client.id AND s.cancelled_at IS NULL)").update();
        rate(jdbc, org, staff, seen, outcome, LocalDate.of(2026, 1, 5), 2);
        rate(jdbc, org, staff, seen, outcome, LocalDate.of(2026, 2, 5), 4);
        rate(jdbc, org, staff, seen, outcome, LocalDate.of(2026, 3, 5), 3);
        rate(jdbc, org, staff, ended, outcome, LocalDate.of(2026, 1, 10), 5);
        rate(jdbc, org, staff, ended, outcome, LocalDate.of(2026, 2, 5), 1);
        rate(jdbc, org, staff, elsewhere, outcome, LocalDate.of(2026, 2, 9), 3);

        // Far Finch agreed to a work agreement: no NO_AGREEMENT for it (V1_64_0).
        UUID agreed = UUID.randomUUID();
        jdbc.sql("INSERT INTO cas_agreement_version (id, client_id, version, language, written_by, written_at, objective,"
                + " next_steps) VALUES (?, ?, 1, 'en', ?, ?, ?, ?)")
                .params(agreed, elsewhere, colleague, Timestamp.from(CREATED), new byte[] {1}, new byte[] {2}).update();
        jdbc.sql("INSERT INTO cas_client_agreement (version_id, client_id, agreed_on, agreed_how, recorded_by, recorded_at)"
                + " VALUES (?, ?, ?, 'ORALLY', ?, ?)")
                .params(agreed, elsewhere, Date.valueOf(LocalDate.of(2026, 1, 8)), colleague, Timestamp.from(CREATED)).update();

        flyway.target(MigrationVersion.LATEST).load().migrate();

        Map<String, Long> migrated = tallied(jdbc, org);
        assertThat(migrated).containsEntry(programme + " STAGE CLIENT", 1L).containsEntry(programme + " STAGE CLOSED", 1L)
                .containsEntry(CaseTallies.NO_PROGRAMME + " STAGE PROSPECT", 1L)
                .containsEntry(programme + " HELD RIGHT_WING 2026-01-01", 1L)
                .containsEntry(programme + " ACTIVE RIGHT_WING 2026-03-01 since 2026-01-01", 1L)
                .containsEntry(programme + " ACTIVE SEVERAL 2025-12-01 since 1900-01-01", 1L)
                .containsEntry(programme + " CASELOAD " + staff, 1L)
                .containsEntry(CaseTallies.NO_PROGRAMME + " SINGLE", 2L)
                // V1_64_0: the managers' overview's kinds.
                .containsEntry(programme + " LOAD_CLIENT " + staff, 1L).containsEntry(programme + " LOAD_CLIENT " + colleague, 1L)
                .containsEntry(CaseTallies.NO_PROGRAMME + " LOAD_CLIENT " + colleague, 1L)
                .containsEntry(CaseTallies.NO_PROGRAMME + " LOAD_PROSPECT " + staff, 1L)
                .containsEntry(programme + " NO_AGREEMENT", 1L)
                .doesNotContainKey(CaseTallies.NO_PROGRAMME + " NO_AGREEMENT");
        assertThat(jdbc.sql("SELECT pseudonym, tandem_size FROM cas_client WHERE org_id = ? ORDER BY pseudonym").param(org)
                .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2)).list())
                .containsExactly("Early Bird 2", "Far Finch 1", "Late Owl 1", "Quiet Wren 1");
        CaseTallies caseTallies = new CaseTallies(jdbc);
        caseTallies.recount(org);
        assertThat(tallied(jdbc, org)).isEqualTo(migrated);

        CaseFigures kept = new JdbcCaseFigures(jdbc);
        CaseFigures counted = new CountedCaseFigures(jdbc);
        LocalDate today = LocalDate.of(2026, 4, 10);
        for (CaseFigures.Scope scope : List.of(CaseFigures.Scope.programme(org, programme, YearMonth.of(2025, 5), YearMonth.of(2026, 4)),
                new CaseFigures.Scope(org, null, false, YearMonth.of(2025, 11), YearMonth.of(2026, 4)),
                new CaseFigures.Scope(org, null, true, YearMonth.of(2025, 11), YearMonth.of(2026, 4)))) {
            assertThat(kept.figures(scope, today)).isEqualTo(counted.figures(scope, today));
            for (LocalDate[] period : List.of(new LocalDate[] {LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)},
                    new LocalDate[] {LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30)},
                    new LocalDate[] {LocalDate.of(2026, 1, 10), LocalDate.of(2026, 3, 20)})) {
                assertThat(kept.periodFigures(scope, period[0], period[1])).isEqualTo(counted.periodFigures(scope, period[0], period[1]));
            }
        }

        // Early Bird's second and third ratings, Late Owl's second: latest from their day until the next rating.
        assertThat(jdbc.sql("SELECT rated_on, next_on, n, sum_first, sum_latest, better, worse FROM prg_outcome_tally"
                        + " WHERE outcome_id = ? ORDER BY rated_on, next_on").param(outcome)
                .query((rs, n) -> rs.getObject(1, LocalDate.class) + " " + rs.getObject(2, LocalDate.class) + " " + rs.getLong(3)
                        + " " + rs.getLong(4) + " " + rs.getLong(5) + " " + rs.getLong(6) + " " + rs.getLong(7)).list())
                .containsExactly("2026-02-05 2026-03-05 1 2 4 1 0", "2026-02-05 9999-12-31 1 5 1 0 1",
                        "2026-03-05 9999-12-31 1 2 3 1 0");
        dataSource.destroy();
    }

    private static Map<String, Long> tallied(JdbcClient jdbc, UUID org) {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.sql("SELECT programme_id, kind, tag, on_day, since_month, n FROM cas_tally WHERE org_id = ? AND n <> 0")
                .param(org).query((rs, n) -> {
                    LocalDate day = rs.getObject(4, LocalDate.class);
                    LocalDate since = rs.getObject(5, LocalDate.class);
                    String key = rs.getString(1) + " " + rs.getString(2) + (rs.getString(3).isEmpty() ? "" : " " + rs.getString(3))
                            + (day.getYear() == 1900 ? "" : " " + day) + (rs.getString(2).equals("ACTIVE") ? " since " + since : "");
                    return rows.put(key, rs.getLong(6));
                }).list();
        return rows;
    }

    private static UUID client(JdbcClient jdbc, UUID org, UUID staff, String pseudonym, String stage, UUID programme,
            LocalDate becameClient, LocalDate closed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO cas_client (id, org_id, pseudonym, stage, created_at, created_by, pathway, programme_id,"
                        + " became_client_on, closed_on) VALUES (?, ?, ?, ?, ?, ?, 'SELF_REFERRAL', ?, ?, ?)")
                .params(id, org, pseudonym, stage, Timestamp.from(CREATED), staff, programme,
                        becameClient == null ? null : Date.valueOf(becameClient), closed == null ? null : Date.valueOf(closed))
                .update();
        return id;
    }

    private static void area(JdbcClient jdbc, UUID client, String area) {
        jdbc.sql("INSERT INTO cas_phenomenon (client_id, area) VALUES (?, ?)").params(client, area).update();
    }

    private static void tandem(JdbcClient jdbc, UUID client, UUID staff, int position) {
        jdbc.sql("INSERT INTO cas_tandem_member (client_id, staff_id, position) VALUES (?, ?, ?)")
                .params(client, staff, position).update();
    }

    private static void session(JdbcClient jdbc, UUID client, LocalDate day, boolean cancelled, LocalDate stepsDue) {
        jdbc.sql("INSERT INTO cas_session_note (id, client_id, session_date, written_by, written_at, body, cancelled_at,"
                        + " next_steps, next_steps_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), client, Date.valueOf(day), UUID.randomUUID(),
                        Timestamp.from(Instant.parse("2026-04-02T10:00:00Z")), new byte[] {1, 2, 3},
                        cancelled ? Timestamp.from(Instant.parse("2026-04-03T10:00:00Z")) : null,
                        stepsDue == null ? null : new byte[] {4, 5}, stepsDue == null ? null : Date.valueOf(stepsDue))
                .update();
    }

    private static void rate(JdbcClient jdbc, UUID org, UUID staff, UUID client, UUID outcome, LocalDate on, int score) {
        jdbc.sql("INSERT INTO prg_outcome_rating (id, org_id, client_id, outcome_id, rated_on, score, recorded_by,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), org, client, outcome, Date.valueOf(on), score, staff, Timestamp.from(CREATED)).update();
    }
}
