package org.exitwork.cases.internal.context;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's context (R12): family, friends, peers and institutional caretakers, and the
 * institutions the client passes through. Names and notes describe people around the client and
 * are encrypted with the client's key. A move between institutions ends the current stay and
 * opens a new one, so the history stays and the work continues when the client moves.
 */
@Service
public class ContextService {

    public record PersonDraft(ContextRelation relation, String name, String note) {
    }

    /** {@code version}: what a change of the entry must be based on. */
    record ContextPerson(UUID id, ContextRelation relation, String name, String note, int version) {
    }

    record Stay(UUID id, InstitutionKind kind, String name, LocalDate startedOn, LocalDate endedOn) {

        public boolean current() {
            return endedOn == null;
        }
    }

    record ContextPage(UUID caseId, String pseudonym, Access access, boolean writable, List<ContextPerson> persons,
            Optional<Stay> current, List<Stay> history) {
    }

    /** A move dated before the current stay began. */
    static class MoveBeforeCurrentStayException extends RuntimeException {
    }

    private final CaseAccess access;
    private final ContextRepository context;
    private final Clock clock;

    ContextService(CaseAccess access, ContextRepository context, Clock clock) {
        this.access = access;
        this.context = context;
        this.clock = clock;
    }

    /** Refuses (audited) anyone but the tandem, and cases that take no more changes, before a form is judged. */
    @Transactional
    public void requireWritable(StaffPrincipal who, UUID clientId, String what) {
        CaseRef ref = access.forTandem(who, clientId, what);
        access.requireStage(ref, Stage.CLIENT);
    }

    @Transactional
    public ContextPage page(StaffPrincipal who, UUID clientId) {
        CaseRef ref = access.forReading(who, clientId, "read context");
        access.requireStage(ref, Stage.CLIENT, Stage.CLOSED);
        FieldCipher cipher = access.cipher(ref);
        List<ContextPerson> persons = context.persons(ref.id()).stream()
                .map(p -> new ContextPerson(p.id(), ContextRelation.valueOf(p.relation()),
                        cipher.row("cas_context_person", p.id()).open("name", p.name()),
                        cipher.row("cas_context_person", p.id()).open("note", p.note()), p.version()))
                .sorted(Comparator.comparing(ContextPerson::relation))
                .toList();
        List<Stay> stays = context.stays(ref.id()).stream()
                .map(s -> new Stay(s.id(), InstitutionKind.valueOf(s.kind()),
                        cipher.row("cas_institution_stay", s.id()).open("name", s.name()),
                        s.startedOn(), s.endedOn()))
                .toList();
        Optional<Stay> current = stays.stream().filter(Stay::current).findFirst();
        access.record(who, ContextActions.CONTEXT_READ, ref, AuditDetail.of("context.count", persons.size(), stays.size()));
        Access how = access.access(who, ref);
        return new ContextPage(ref.id(), ref.pseudonym(), how, how == Access.TANDEM && ref.is(Stage.CLIENT), persons,
                current, stays.stream().filter(s -> !s.current()).toList());
    }

    @Transactional
    public UUID addPerson(StaffPrincipal who, UUID clientId, PersonDraft draft) {
        CaseRef ref = access.forTandem(who, clientId, "add context person");
        access.requireStage(ref, Stage.CLIENT);
        UUID id = UUID.randomUUID();
        context.insertPerson(ref.id(), seal(ref, id, draft), who.id(), clock.instant());
        access.record(who, ContextActions.CONTEXT_PERSON_ADDED, ref, AuditDetail.of("context.relation", draft.relation()));
        return id;
    }

    /** Changes the entry if it is still the version the form showed. @return false when someone changed it meanwhile */
    @Transactional
    public boolean changePerson(StaffPrincipal who, UUID clientId, UUID personId, int basedOn, PersonDraft draft) {
        CaseRef ref = access.forTandem(who, clientId, "change context person");
        access.requireStage(ref, Stage.CLIENT);
        if (!context.updatePerson(ref.id(), seal(ref, personId, draft), basedOn, clock.instant())) {
            context.relationOf(ref.id(), personId).orElseThrow(NotFoundException::new);
            return false;
        }
        access.record(who, ContextActions.CONTEXT_PERSON_CHANGED, ref, AuditDetail.of("context.relation", draft.relation()));
        return true;
    }

    /** Deletes the row: what is no longer needed is not kept (R20). Sessions no longer list the person. */
    @Transactional
    public void removePerson(StaffPrincipal who, UUID clientId, UUID personId) {
        CaseRef ref = access.forTandem(who, clientId, "remove context person");
        access.requireStage(ref, Stage.CLIENT);
        String relation = context.relationOf(ref.id(), personId).orElseThrow(NotFoundException::new);
        context.deletePerson(ref.id(), personId);
        access.record(who, ContextActions.CONTEXT_PERSON_REMOVED, ref, AuditDetail.of("context.relation", relation));
    }

    /**
     * The client is now in this institution, since {@code since}: the current stay (if any) ends on
     * that day and a new one begins. Nothing is overwritten.
     */
    @Transactional
    public void recordInstitution(StaffPrincipal who, UUID clientId, InstitutionKind kind, String name,
            LocalDate since) {
        CaseRef ref = access.forTandem(who, clientId, "record institution");
        access.requireStage(ref, Stage.CLIENT);
        if (kind == null || name == null || name.isBlank() || since == null) {
            throw new IllegalArgumentException("an institution needs kind, name and date");
        }
        context.lockClient(ref.id());
        Optional<ContextRepository.StayRow> open = context.openStay(ref.id());
        if (open.isPresent() && since.isBefore(open.get().startedOn())) {
            throw new MoveBeforeCurrentStayException();
        }
        open.ifPresent(stay -> context.endStay(ref.id(), stay.id(), since));
        UUID id = UUID.randomUUID();
        byte[] sealed = access.cipher(ref).row("cas_institution_stay", id).seal("name", name.strip());
        context.insertStay(ref.id(), new ContextRepository.StayRow(id, kind.name(), sealed, since, null), who.id(),
                clock.instant());
        access.record(who, ContextActions.INSTITUTION_RECORDED, ref, open.isPresent()
                ? AuditDetail.of("context.institution-after", kind, since, open.get().kind())
                : AuditDetail.of("context.institution", kind, since));
    }

    private ContextRepository.PersonRow seal(CaseRef ref, UUID id, PersonDraft draft) {
        if (draft.relation() == null || draft.name() == null || draft.name().isBlank()) {
            throw new IllegalArgumentException("a context person needs a relation and a name");
        }
        FieldCipher cipher = access.cipher(ref);
        String note = draft.note() == null || draft.note().isBlank() ? null : draft.note().strip();
        return new ContextRepository.PersonRow(id, draft.relation().name(),
                cipher.row("cas_context_person", id).seal("name", draft.name().strip()),
                cipher.row("cas_context_person", id).seal("note", note), 0);
    }
}
