package org.exitwork.programme.internal.dashboard;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.programme.Breakdown;
import org.exitwork.programme.Measure;
import org.exitwork.programme.ProgrammeForBenchmarks;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Direction;
import org.exitwork.programme.internal.design.Frequency;
import org.exitwork.programme.internal.design.Programmes;
import org.exitwork.programme.internal.reporting.ReportingAgreements;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ProgrammeForBenchmarks}: the real design, agreement and dashboard services, and a bulk writer of ratings. */
@Component
@ConditionalOnProperty(name = "exitwork.bench.enabled", havingValue = "true")
class MeasuredProgramme implements ProgrammeForBenchmarks {

    /** OutcomeRatings' table and RatingRepository.insert's statement. */
    private static final String RATING = "INSERT INTO prg_outcome_rating (id, org_id, client_id, outcome_id, rated_on,"
            + " score, comment, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Programmes programmes;
    private final Dashboard dashboard;
    private final ClientKeys keys;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ReportingAgreements agreements;

    private final OutcomeTallies tallies;

    MeasuredProgramme(Programmes programmes, Dashboard dashboard, ClientKeys keys, JdbcTemplate jdbc,
            TransactionTemplate tx, ReportingAgreements agreements, OutcomeTallies tallies) {
        this.tallies = tallies;
        this.agreements = agreements;
        this.programmes = programmes;
        this.dashboard = dashboard;
        this.keys = keys;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public UUID design(StaffPrincipal manager, String name, int outcomes) {
        UUID id = programmes.create(manager, new Design.Draft(name, "Leaving extremist groups for good",
                "Young adults who want to leave", EnumSet.allOf(PhenomenonArea.class), EnumSet.allOf(Pathway.class),
                Set.of()));
        for (int i = 1; i <= outcomes; i++) {
            programmes.addOutcome(manager, id, new Design.OutcomeDraft("Outcome " + i, 5, "not at all", "gar nicht",
                    "fully", "vollständig", List.of(new Design.Indicator(null, "Indicator " + i, Direction.INCREASE,
                            "none yet", Frequency.MONTHLY))));
        }
        return id;
    }

    @Override
    public long loadRatings(StaffPrincipal recordedBy, UUID programmeId, List<UUID> clientIds, int ratingsPerOutcome,
            LocalDate today, long seed) {
        List<UUID> outcomes = programmes.outcomes(programmeId).stream().map(Design.Outcome::id).toList();
        Random random = new Random(seed);
        long written = 0;
        for (int start = 0; start < clientIds.size(); start += 250) {
            List<UUID> chunk = clientIds.subList(start, Math.min(clientIds.size(), start + 250));
            List<Object[]> rows = new ArrayList<>();
            for (UUID client : chunk) {
                FieldCipher cipher = keys.cipherFor(client);
                for (UUID outcome : outcomes) {
                    int score = 1 + random.nextInt(3);
                    for (int r = ratingsPerOutcome - 1; r >= 0; r--) {
                        UUID id = UUID.randomUUID();
                        LocalDate on = today.minusMonths(r).minusDays(random.nextInt(5));
                        score = Math.max(1, Math.min(5, score + random.nextInt(3) - 1));
                        rows.add(new Object[] {id, recordedBy.organisationId(), client, outcome, Date.valueOf(on),
                                score, cipher.row("prg_outcome_rating", id).seal("comment",
                                        random.nextInt(3) == 0 ? "Rated together; he chose the number." : null),
                                recordedBy.id(), Timestamp.from(on.atTime(LocalTime.of(17, 0))
                                        .atZone(ZoneId.systemDefault()).toInstant())});
                    }
                }
            }
            tx.executeWithoutResult(status -> {
                for (int from = 0; from < rows.size(); from += 1000) {
                    jdbc.batchUpdate(RATING, rows.subList(from, Math.min(rows.size(), from + 1000)));
                }
            });
            written += rows.size();
        }
        // Written in bulk, not through the service: the outcome tallies counted from them as V1_57_0 does.
        tx.executeWithoutResult(status -> tallies.recount(programmeId));
        return written;
    }

    @Override
    public UUID agree(StaffPrincipal manager, UUID programmeId, UUID funderId, LocalDate firstPeriodStart) {
        return agreements.make(manager, programmeId, new ReportingAgreements.Terms(funderId, List.of(Measure.values()),
                List.of(Breakdown.values()), 12, firstPeriodStart, "en", firstPeriodStart, "Bench grant"));
    }

    @Override
    public Object openDashboard(StaffPrincipal manager, UUID programmeId) {
        return dashboard.open(manager, programmeId, Locale.ENGLISH);
    }
}
