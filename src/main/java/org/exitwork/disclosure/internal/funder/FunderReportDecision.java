package org.exitwork.disclosure.internal.funder;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.network.Partner;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReport.Row;
import org.exitwork.programme.FunderReport.Table;
import org.exitwork.programme.FunderReports.Agreement;
import org.exitwork.programme.FunderReports.Period;

/**
 * Whether a funder report may go out (R17): to a funder the outbound policy lets receive one, for a
 * period of its agreement that has ended, once. A period that overlaps a report already released for
 * the same programme (under any agreement, to any funder) without being the very same period is
 * refused, so that no two reports can be subtracted to find a person; the very same period goes out
 * again under another agreement only with the same figures ({@link #sameAsReleased}). Pure: no Spring,
 * no database.
 */
final class FunderReportDecision {

    /** A report already released for the programme: which agreement, which period. */
    record Released(UUID id, UUID agreementId, Period period) {
    }

    private FunderReportDecision() {
    }

    static Optional<Refusal> decide(Optional<Partner> funder, Agreement agreement, Optional<Period> period,
            LocalDate today, List<Released> releasedForProgramme) {
        if (funder.isEmpty()) {
            return Optional.of(Refusal.of("UNKNOWN_PARTNER", "funder.refused.UNKNOWN_PARTNER"));
        }
        Optional<Refusal> byPolicy = OutboundGate.toPartner(Channel.FUNDER_REPORT, funder.get())
                .map(r -> Refusal.byPolicy(r, "funder.refused.policy"));
        if (byPolicy.isPresent()) {
            return byPolicy;
        }
        if (period.isEmpty()) {
            return Optional.of(Refusal.of("NOT_A_PERIOD", "funder.refused.NOT_A_PERIOD"));
        }
        Period p = period.get();
        if (!p.end().isBefore(today)) {
            return Optional.of(Refusal.of("PERIOD_NOT_ENDED", "funder.refused.PERIOD_NOT_ENDED"));
        }
        for (Released r : releasedForProgramme) {
            if (r.agreementId().equals(agreement.id()) && r.period().overlaps(p)) {
                return Optional.of(Refusal.of("ALREADY_RELEASED", "funder.refused.ALREADY_RELEASED"));
            }
        }
        for (Released r : releasedForProgramme) {
            if (r.period().overlaps(p) && !r.period().equals(p)) {
                return Optional.of(Refusal.of("OVERLAPS_RELEASED", "funder.refused.OVERLAPS_RELEASED",
                        List.of(r.period().start().toString(), r.period().end().toString())));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the figures counted now for a period may go out beside the reports already released for
     * that very period under other agreements: only when each of their tables that both contain is the
     * same, under the same threshold. Data entered late, a case moved or a client erased in between
     * would otherwise be the difference between the two reports: one person, found by subtraction.
     */
    static Optional<Refusal> sameAsReleased(FunderReport figures, List<FunderReportPayload> samePeriod) {
        for (FunderReportPayload released : samePeriod) {
            boolean differs = released.threshold() != figures.threshold();
            for (Table table : figures.tables()) {
                for (Table earlier : released.tables()) {
                    if (earlier.measure() == table.measure() && earlier.breakdown() == table.breakdown()
                            && !figuresOf(earlier).equals(figuresOf(table))) {
                        differs = true;
                    }
                }
            }
            if (differs) {
                return Optional.of(Refusal.of("DIFFERS_FROM_RELEASED", "funder.refused.DIFFERS_FROM_RELEASED"));
            }
        }
        return Optional.empty();
    }

    /** A table's rows without their labels (an outcome renamed since is the same figure). */
    private static List<Row> figuresOf(Table table) {
        return table.rows().stream().map(r -> new Row(r.category(), null, r.suppressed(), r.people(), r.count(),
                r.mean(), r.percent())).toList();
    }
}
