package org.exitwork.cases.internal.sessions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.CaseAccess;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is coming up in the practitioner's own cases, for the start page: next steps due and next
 * meetings. Only cases where the practitioner is in the tandem and which are running (stage
 * CLIENT); only client id, pseudonym and dates, read from plain date columns, so nothing is
 * decrypted and nothing of the content is shown. Like the list of cases it is not audited: it
 * reveals no more than the list does, and a start page loaded many times a day would bury the
 * entries that matter.
 */
@Component
public class SessionAgenda {

    /** Next steps of a session that are not done and due on or before the day asked for (overdue ones too). */
    public record DueStep(UUID clientId, String pseudonym, LocalDate sessionDate, LocalDate dueOn) {
    }

    /** The next meeting of a case: the one planned at the newest session that planned one. */
    public record NextMeeting(UUID clientId, String pseudonym, Instant at) {
    }

    private final SessionNoteRepository sessions;

    SessionAgenda(SessionNoteRepository sessions) {
        this.sessions = sessions;
    }

    /** Open next steps due on or before {@code until}, earliest first. */
    @Transactional(readOnly = true)
    public List<DueStep> nextStepsDue(StaffPrincipal practitioner, LocalDate until) {
        CaseAccess.requireCaseRole(practitioner);
        return sessions.dueSteps(practitioner.organisationId(), practitioner.id(), until).stream()
                .map(r -> new DueStep(r.clientId(), r.pseudonym(), r.sessionDate(), r.due()))
                .toList();
    }

    /** Per case the planned next meeting, if it is at or after {@code from}; earliest first. */
    @Transactional(readOnly = true)
    public List<NextMeeting> nextMeetings(StaffPrincipal practitioner, Instant from) {
        CaseAccess.requireCaseRole(practitioner);
        return sessions.plannedMeetings(practitioner.organisationId(), practitioner.id(), from).stream()
                .map(r -> new NextMeeting(r.clientId(), r.pseudonym(), r.at()))
                .toList();
    }
}
