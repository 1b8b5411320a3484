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

    /**
     * A client's phenomenon areas as one group, so that every client is in exactly one: the one area
     * recorded ({@link PhenomenonArea#name()}), {@link #SEVERAL_AREAS} or {@link #NO_AREA}. Groups of a
     * report thus add up to its total, which is what its disclosure control relies on.
     */
    String SEVERAL_AREAS = "SEVERAL";
    String NO_AREA = "NONE";

    /** How many people and, for sessions, how many sessions, per area group; groups without any are absent. */
    record Counts(Map<String, Long> people, Map<String, Long> sessions) {

        public Counts {
            people = Map.copyOf(people);
            sessions = Map.copyOf(sessions);
        }
    }

    /**
     * The figures of a period (both days included) by area group: clients worked with (taken on by
     * its end and not ended before its start), taken on in it, whose work ended in it (for whatever
     * reason: the reason is never counted), and the sessions held in it with the clients they were
     * held with. Counts only, by SQL; no pseudonym, no id.
     */
    record PeriodFigures(Counts workedWith, Counts takenOn, Counts ended, Counts sessions) {
    }

    PeriodFigures periodFigures(Scope scope, LocalDate from, LocalDate to);
}
