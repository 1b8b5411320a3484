package org.exitwork.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reporting agreements with funders and the figures of a report made from one (R17). The programme
 * module agrees and counts; handing a report out is the disclosure gate's, which asks this.
 */
public interface FunderReports {

    /** One period of an agreement, both days included. */
    record Period(LocalDate start, LocalDate end) {

        public boolean overlaps(Period other) {
            return !start.isAfter(other.end) && !other.start.isAfter(end);
        }
    }

    /** A version of a reporting agreement: what was agreed with which funder on which date. */
    record Agreement(UUID id, int version, UUID organisationId, UUID programmeId, String programmeName,
            UUID funderId, List<Measure> measures, List<Breakdown> breakdowns, int periodMonths,
            LocalDate firstPeriodStart, String language, LocalDate agreedOn, String reference) {

        public Agreement {
            measures = List.copyOf(measures);
            breakdowns = List.copyOf(breakdowns);
        }

        /** The agreement's periods that have ended by {@code today}, oldest first. */
        public List<Period> endedPeriods(LocalDate today) {
            List<Period> periods = new ArrayList<>();
            for (LocalDate start = firstPeriodStart; start.plusMonths(periodMonths).isBefore(today.plusDays(1));
                    start = start.plusMonths(periodMonths)) {
                periods.add(period(start));
            }
            return periods;
        }

        /** The period of this agreement that starts on {@code start}, if one does. */
        public Optional<Period> periodStarting(LocalDate start) {
            if (start.isBefore(firstPeriodStart)) {
                return Optional.empty();
            }
            LocalDate s = firstPeriodStart;
            while (s.isBefore(start)) {
                s = s.plusMonths(periodMonths);
            }
            return s.equals(start) ? Optional.of(period(start)) : Optional.empty();
        }

        private Period period(LocalDate start) {
            return new Period(start, start.plusMonths(periodMonths).minusDays(1));
        }
    }

    /** The latest version of an agreement of the organisation. */
    Optional<Agreement> agreement(UUID organisationId, UUID agreementId);

    /** A given version of an agreement of the organisation. */
    Optional<Agreement> agreement(UUID organisationId, UUID agreementId, int version);

    /** The figures of one period of an agreement, counted now and put through disclosure control. */
    FunderReport figures(Agreement agreement, Period period);
}
