package org.exitwork.programme;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.modulith.NamedInterface;

/**
 * For benchmarks and tests only: a programme designed through the real service, its outcomes rated in
 * bulk, and the dashboard as its page opens it. A bean only where {@code exitwork.bench.enabled=true};
 * it lives in the test sources, so it never ships and no production class can use it.
 */
@NamedInterface("test-support")
public interface ProgrammeForBenchmarks {

    /**
     * A programme with {@code outcomes} outcomes (scale 1 to 5, one indicator each), created by the manager
     * through {@code Programmes.create} and {@code addOutcome}, as at {@code /programmes/new}.
     */
    UUID design(StaffPrincipal manager, String name, int outcomes);

    /**
     * The rows {@code OutcomeRatings.rate} writes when the tandem rates every outcome of the programme with
     * each client {@code ratingsPerOutcome} times, a month apart up to {@code today}: the score plain, the
     * comment sealed with the client's key through the same {@code FieldCipher.row}; written in JDBC batches
     * and without the audit entry of each rating.
     *
     * @return the rows written
     */
    long loadRatings(StaffPrincipal recordedBy, UUID programmeId, List<UUID> clientIds, int ratingsPerOutcome,
            LocalDate today, long seed);

    /**
     * A reporting agreement with the funder over every measure of the catalogue, as totals and by
     * phenomenon area, in periods of twelve months from {@code firstPeriodStart}, agreed that day, made by the
     * manager through {@code ReportingAgreements.make} as at {@code /programmes/{id}/agreements}.
     */
    UUID agree(StaffPrincipal manager, UUID programmeId, UUID funderId, LocalDate firstPeriodStart);

    /** What {@code GET /programmes/{id}/dashboard} asks for (every chart, audited), in English. */
    Object openDashboard(StaffPrincipal manager, UUID programmeId);
}
