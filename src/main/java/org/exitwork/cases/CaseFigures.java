package org.exitwork.cases;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organisation's own figures about its cases, counted by SQL over plain columns (stage, dates,
 * codes, tandem membership), never by opening anything encrypted. Every answer is a count or a
 * median over a group of cases: no pseudonym, no case id, nothing that leads to one person. Asked by
 * the programme module for its dashboard; a funder report is meant to be built on the same answers,
 * with its own disclosure control on top.
 */
public interface CaseFigures {

    /**
     * Which cases count: the organisation's, of one programme ({@code programmeId}), or of none
     * ({@code programmeId} null and {@code withoutProgramme}), or all of them (null, false). Monthly
     * figures cover the months from {@code from} to {@code to}.
     */
    record Scope(UUID organisationId, UUID programmeId, boolean withoutProgramme, YearMonth from, YearMonth to) {

        public static Scope programme(UUID organisationId, UUID programmeId, YearMonth from, YearMonth to) {
            return new Scope(organisationId, programmeId, false, from, to);
        }
    }

    /** A month with its counts (months without any are there with zero). */
    record Month(YearMonth month, long count) {
    }

    record Sessions(YearMonth month, long sessions, long cases) {
    }

    /** A median in days and how many cases it is made of. */
    record Median(Double days, long cases) {
    }

    record Figures(Map<String, Long> byStage, Map<PhenomenonArea, Long> byArea, Map<Pathway, Long> byPathway,
            List<Month> takenOn, List<Month> ended, Median toConsent, Median toFirstSession,
            List<Sessions> sessions, long singlePractitioner, long overdueNextSteps, Map<UUID, Long> caseload) {
    }

    /** Everything the dashboard shows, as of {@code today} (for overdue next steps). */
    Figures figures(Scope scope, LocalDate today);
}
