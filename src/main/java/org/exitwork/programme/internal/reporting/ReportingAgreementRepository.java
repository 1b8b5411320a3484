package org.exitwork.programme.internal.reporting;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.programme.Breakdown;
import org.exitwork.programme.FunderReports.Agreement;
import org.exitwork.programme.Measure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of reporting agreements and the organisation's threshold: codes and dates, no client data. */
@Repository
class ReportingAgreementRepository {

    private static final String SELECT = """
            SELECT a.id, v.version, a.org_id, a.programme_id, p.name, a.funder_id, v.measures, v.breakdowns,
                   v.period_months, v.first_period_start, v.language, v.agreed_on, v.reference
            FROM prg_reporting_agreement a
            JOIN prg_agreement_version v ON v.agreement_id = a.id
            JOIN prg_programme p ON p.id = a.programme_id
            """;

    private final JdbcClient jdbc;

    ReportingAgreementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Agreement a, UUID by, Instant at) {
        jdbc.sql("INSERT INTO prg_reporting_agreement (id, org_id, programme_id, funder_id, version, created_by,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.organisationId(), a.programmeId(), a.funderId(), a.version(), by, Timestamp.from(at))
                .update();
        insertVersion(a, by, at);
    }

    /** A new version, only if the latest is still {@code expected} (else someone changed it meanwhile). */
    boolean addVersion(Agreement a, int expected, UUID by, Instant at) {
        int moved = jdbc.sql("UPDATE prg_reporting_agreement SET version = ? WHERE id = ? AND org_id = ? AND version = ?")
                .params(a.version(), a.id(), a.organisationId(), expected).update();
        if (moved == 0) {
            return false;
        }
        insertVersion(a, by, at);
        return true;
    }

    private void insertVersion(Agreement a, UUID by, Instant at) {
        jdbc.sql("INSERT INTO prg_agreement_version (agreement_id, version, measures, breakdowns, period_months,"
                + " first_period_start, language, agreed_on, reference, saved_by, saved_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.version(), codes(a.measures()), codes(a.breakdowns()), a.periodMonths(),
                        Date.valueOf(a.firstPeriodStart()), a.language(), Date.valueOf(a.agreedOn()), a.reference(),
                        by, Timestamp.from(at))
                .update();
    }

    Optional<Agreement> latest(UUID org, UUID id) {
        return jdbc.sql(SELECT + " WHERE a.org_id = ? AND a.id = ? AND v.version = a.version")
                .params(org, id).query((rs, n) -> agreement(rs)).optional();
    }

    Optional<Agreement> version(UUID org, UUID id, int version) {
        return jdbc.sql(SELECT + " WHERE a.org_id = ? AND a.id = ? AND v.version = ?")
                .params(org, id, version).query((rs, n) -> agreement(rs)).optional();
    }

    /** Every version of an agreement, newest first. */
    List<Agreement> versions(UUID org, UUID id) {
        return jdbc.sql(SELECT + " WHERE a.org_id = ? AND a.id = ? ORDER BY v.version DESC")
                .params(org, id).query((rs, n) -> agreement(rs)).list();
    }

    /** The latest version of each agreement of a programme. */
    List<Agreement> ofProgramme(UUID org, UUID programmeId) {
        return jdbc.sql(SELECT + " WHERE a.org_id = ? AND a.programme_id = ? AND v.version = a.version"
                + " ORDER BY v.agreed_on, a.id")
                .params(org, programmeId).query((rs, n) -> agreement(rs)).list();
    }

    Optional<Integer> threshold(UUID org) {
        return jdbc.sql("SELECT threshold FROM prg_report_threshold WHERE org_id = ?").param(org)
                .query(Integer.class).optional();
    }

    void saveThreshold(UUID org, int threshold, UUID by, Instant at) {
        int updated = jdbc.sql("UPDATE prg_report_threshold SET threshold = ?, changed_by = ?, changed_at = ?"
                + " WHERE org_id = ?").params(threshold, by, Timestamp.from(at), org).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO prg_report_threshold (org_id, threshold, changed_by, changed_at) VALUES (?, ?, ?, ?)")
                    .params(org, threshold, by, Timestamp.from(at)).update();
        }
    }

    private static Agreement agreement(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Agreement(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class),
                parse(rs.getString(7), Measure.class), parse(rs.getString(8), Breakdown.class), rs.getInt(9),
                rs.getDate(10).toLocalDate(), rs.getString(11), rs.getDate(12).toLocalDate(), rs.getString(13));
    }

    private static String codes(List<? extends Enum<?>> values) {
        return String.join(",", values.stream().map(Enum::name).toList());
    }

    private static <E extends Enum<E>> List<E> parse(String codes, Class<E> type) {
        return Arrays.stream(codes.split(",")).filter(s -> !s.isBlank()).map(s -> Enum.valueOf(type, s)).toList();
    }
}
