package org.exitwork.disclosure.internal.funder;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.gate.Refusal;
import org.exitwork.network.Partner;
import org.exitwork.programme.FunderReports.Agreement;
import org.exitwork.programme.FunderReports.Period;

/**
 * Whether a funder report may go out (R17): to a funder the outbound policy lets receive one, for a
 * period of its agreement that has ended, once. A period that overlaps a report already released for
 * the same programme (under any agreement, to any funder) without being the very same period is
 * refused, so that no two reports can be subtracted to find a person. Pure: no Spring, no database.
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
}
