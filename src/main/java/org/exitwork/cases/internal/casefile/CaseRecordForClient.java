package org.exitwork.cases.internal.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection.Item;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.ClientRecords;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.agreement.WorkAgreements;
import org.exitwork.cases.internal.context.ContextRepository;
import org.exitwork.cases.internal.groups.GroupRepository;
import org.exitwork.cases.internal.identity.IdentityRepository;
import org.exitwork.cases.internal.intake.IntakeRepository;
import org.exitwork.cases.internal.sessions.SessionNoteRepository;
import org.exitwork.cases.internal.sessions.Theme;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the cases module records about a client, as the client may read it (R19): identity, how they
 * came, consent to participate, tandem, sessions, work agreement, context, groups, ending. Never the
 * resources and safety assessment (R5): one line says an internal assessment exists and whom to ask.
 * No access check: the disclosure gate has checked that the tandem asks, and audits the download.
 */
@Component
@Order(10)
class CaseRecordForClient implements ClientRecordPart, ClientRecords {

    private final CaseRepository cases;
    private final ClientKeys keys;
    private final AccessRepository tandems;
    private final IdentityRepository identities;
    private final IntakeRepository intake;
    private final SessionNoteRepository sessions;
    private final ContextRepository context;
    private final GroupRepository groups;
    private final WorkAgreements agreements;
    private final StaffDirectory staff;
    private final MessageSource messages;

    CaseRecordForClient(CaseRepository cases, ClientKeys keys, AccessRepository tandems, IdentityRepository identities, IntakeRepository intake,
            SessionNoteRepository sessions, ContextRepository context, GroupRepository groups,
            WorkAgreements agreements, StaffDirectory staff, MessageSource messages) {
        this.cases = cases;
        this.keys = keys;
        this.tandems = tandems;
        this.identities = identities;
        this.intake = intake;
        this.sessions = sessions;
        this.context = context;
        this.groups = groups;
        this.agreements = agreements;
        this.staff = staff;
        this.messages = messages;
    }

    @Override
    @Transactional(readOnly = true)
    public Cover cover(CaseReference client) {
        CaseRef ref = ref(client);
        String name = identities.identity(ref.id())
                .map(i -> keys.cipherFor(ref.id()).row("cas_identity", ref.id()).open("full_name",
                        i.fullName()))
                .orElse(null);
        IntakeRepository.Facts facts = intake.facts(ref.id());
        return new Cover(ref.pseudonym(), name, ref.language() == null ? Locale.ENGLISH : ref.locale(),
                facts.openedAt() == null ? null : LocalDate.ofInstant(facts.openedAt(), ZoneId.systemDefault()),
                facts.becameClientOn());
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        CaseRef ref = ref(client);
        FieldCipher cipher = keys.cipherFor(ref.id());
        Text t = new Text(messages, language);
        List<ClientRecordSection> out = new ArrayList<>();
        out.add(identity(ref, cipher, t));
        out.add(intake(ref, cipher, t));
        out.add(tandem(ref, t));
        out.add(sessions(ref, cipher, t));
        out.add(agreement(ref, t));
        out.add(context(ref, cipher, t));
        out.add(groups(ref, t));
        out.add(ending(ref, cipher, t));
        out.add(new ClientRecordSection("assessment", t.get("record.assessment"),
                List.of(new Item(t.get("record.assessment"), t.get("record.assessment.exists")))));
        return out.stream().filter(s -> !s.items().isEmpty()).toList();
    }

    private CaseRef ref(CaseReference client) {
        return cases.client(client.organisationId(), client.id()).orElseThrow(NotFoundException::new);
    }

    private ClientRecordSection identity(CaseRef ref, FieldCipher cipher, Text t) {
        List<Item> items = new ArrayList<>();
        items.add(new Item(t.get("record.pseudonym"), ref.pseudonym()));
        identities.identity(ref.id()).ifPresent(i -> {
            add(items, t.get("record.identity.name"), cipher.row("cas_identity", ref.id()).open("full_name", i.fullName()));
            add(items, t.get("record.identity.born"),
                    cipher.row("cas_identity", ref.id()).open("date_of_birth", i.dateOfBirth()));
            add(items, t.get("record.identity.contact"), cipher.row("cas_identity", ref.id()).open("contact", i.contact()));
            add(items, t.get("record.identity.aliases"), cipher.row("cas_identity", ref.id()).open("aliases", i.aliases()));
        });
        return new ClientRecordSection("identity", t.get("record.identity"), items);
    }

    private ClientRecordSection intake(CaseRef ref, FieldCipher cipher, Text t) {
        List<Item> items = new ArrayList<>();
        IntakeRepository.Facts facts = intake.facts(ref.id());
        items.add(new Item(t.get("record.intake.opened"), date(facts.openedAt())));
        items.add(new Item(t.get("record.intake.pathway"), t.code("pathway.", facts.pathway().name())));
        String areas = intake.areas(ref.id()).stream().map(a -> t.code("phenomenon.", a.name()))
                .collect(Collectors.joining(", "));
        add(items, t.get("record.intake.areas"), areas.isEmpty() ? null : areas);
        for (IntakeRepository.ContactRow c : intake.contacts(ref.id())) {
            String note = cipher.row("cas_contact", c.id()).open("note", c.note());
            items.add(new Item(t.get("record.intake.contact") + " " + c.contactedOn(),
                    t.code("contact.", c.kind().name()) + (note == null ? "" : ": " + note)));
        }
        intake.consent(ref.id()).ifPresent(consent -> {
            items.add(new Item(t.get("record.consent.given"), consent.givenOn().toString()));
            items.add(new Item(t.get("record.consent.how"), t.code("informed.", consent.informedHow())));
            intake.informationText(ref.organisationId(), consent.textId()).ifPresent(text -> items.add(
                    new Item(t.get("record.consent.text"), text.title() + " (" + t.get("record.consent.version") + " "
                            + text.version() + ", " + t.code("language.", text.language()) + ", "
                            + text.publishedOn() + ")")));
            items.add(new Item(t.get("record.consent.language"), t.code("language.", consent.language())));
        });
        add(items, t.get("record.intake.became-client"),
                facts.becameClientOn() == null ? null : facts.becameClientOn().toString());
        return new ClientRecordSection("intake", t.get("record.intake"), items);
    }

    private ClientRecordSection tandem(CaseRef ref, Text t) {
        List<UUID> ids = tandems.tandem(ref.id());
        Map<UUID, String> names = staff.displayNames(ref.organisationId(), ids);
        List<Item> items = ids.stream().map(id -> new Item(t.get("record.tandem.member"), names.get(id))).toList();
        return new ClientRecordSection("tandem", t.get("record.tandem"), items);
    }

    private ClientRecordSection sessions(CaseRef ref, FieldCipher cipher, Text t) {
        List<Item> items = new ArrayList<>();
        Map<UUID, List<Theme>> themes = sessions.themes(ref.id());
        for (SessionNoteRepository.SessionRow s : sessions.sessions(ref.id())) {
            String label = t.get("record.sessions.session") + " " + s.sessionDate();
            if (s.cancelled()) {
                // Recorded in error, often in the wrong case: the note may be about someone else, so the
                // report says that it was cancelled, when and why, and leaves the note out.
                items.add(new Item(label, t.get("record.sessions.cancelled", date(s.cancelledAt()),
                        cipher.row("cas_session_note", s.id()).open("cancel_reason", s.cancelReason()))));
                continue;
            }
            StringBuilder value = new StringBuilder();
            if (s.durationMinutes() != null) {
                value.append(s.durationMinutes()).append(' ').append(t.get("record.sessions.minutes")).append(". ");
            }
            if (s.setting() != null) {
                value.append(t.code("setting.", s.setting())).append(". ");
            }
            List<Theme> of = themes.getOrDefault(s.id(), List.of());
            if (!of.isEmpty()) {
                value.append(t.get("record.sessions.themes")).append(": ")
                        .append(of.stream().map(th -> t.code("theme.", th.name())).collect(Collectors.joining(", ")))
                        .append(". ");
            }
            value.append(cipher.row("cas_session_note", s.id()).open("body", s.body()));
            String next = cipher.row("cas_session_note", s.id()).open("next_steps", s.nextSteps());
            if (next != null) {
                value.append("\n").append(t.get("record.sessions.next-steps")).append(": ").append(next);
                if (s.nextStepsDue() != null) {
                    value.append(" (").append(t.get("record.sessions.due")).append(' ').append(s.nextStepsDue())
                            .append(')');
                }
            }
            if (s.changedAt() != null) {
                value.append("\n").append(t.get("record.sessions.corrected", date(s.changedAt())));
            }
            items.add(new Item(label, value.toString()));
        }
        return new ClientRecordSection("sessions", t.get("record.sessions"), items);
    }

    private ClientRecordSection agreement(CaseRef ref, Text t) {
        List<Item> items = new ArrayList<>();
        WorkAgreements.Agreement agreement = agreements.forClientRecord(ref);
        for (WorkAgreements.Version v : agreement.versions()) {
            StringBuilder value = new StringBuilder(v.objective());
            v.changes().forEach(c -> value.append("\n- ").append(c.wording()));
            value.append("\n").append(t.get("record.agreement.next-steps")).append(": ").append(v.nextSteps());
            if (v.agreed()) {
                value.append("\n").append(t.get("record.agreement.agreed")).append(' ')
                        .append(v.clientAgreement().agreedOn());
            }
            items.add(new Item(t.get("record.agreement.version") + " " + v.number() + " (" + date(v.writtenAt()) + ")",
                    value.toString()));
        }
        for (WorkAgreements.Rating r : agreement.ratings()) {
            items.add(new Item(t.get("record.agreement.rating") + " " + r.ratedOn(),
                    r.change() + ": " + r.score() + "/5" + (r.comment() == null ? "" : " - " + r.comment())));
        }
        return new ClientRecordSection("work-agreement", t.get("record.agreement"), items);
    }

    private ClientRecordSection context(CaseRef ref, FieldCipher cipher, Text t) {
        List<Item> items = new ArrayList<>();
        for (ContextRepository.PersonRow p : context.persons(ref.id())) {
            String note = cipher.row("cas_context_person", p.id()).open("note", p.note());
            items.add(new Item(t.code("relation.", p.relation()),
                    cipher.row("cas_context_person", p.id()).open("name", p.name()) + (note == null ? "" : ": " + note)));
        }
        for (ContextRepository.StayRow s : context.stays(ref.id())) {
            items.add(new Item(t.code("institution.", s.kind()),
                    cipher.row("cas_institution_stay", s.id()).open("name", s.name()) + " (" + s.startedOn() + " - "
                            + (s.endedOn() == null ? "" : s.endedOn()) + ")"));
        }
        return new ClientRecordSection("context", t.get("record.context"), items);
    }

    private ClientRecordSection groups(CaseRef ref, Text t) {
        List<Item> items = new ArrayList<>();
        for (GroupRepository.AttendanceRow g : groups.attendanceOf(ref.id())) {
            String name = keys.cipherFor(g.groupId()).row("cas_group", g.groupId()).open("name",
                    g.name());
            items.add(new Item(name, t.get("record.groups.since") + " " + date(g.addedAt()) + ", "
                    + t.get("record.groups.attended") + ": " + g.attended()));
        }
        return new ClientRecordSection("groups", t.get("record.groups"), items);
    }

    private ClientRecordSection ending(CaseRef ref, FieldCipher cipher, Text t) {
        CaseRepository.Ending row = cases.ending(ref.id());
        List<Item> items = new ArrayList<>();
        if (row.closedOn() != null) {
            items.add(new Item(t.get("record.ending.closed"), row.closedOn() + ", " + t.code("closure.", row.closure())));
        }
        add(items, t.get("record.ending.aftercare"), cipher.row("cas_client", ref.id()).open("aftercare_plan", row.aftercare()));
        cases.followUps(ref.id()).stream()
                .map(f -> new Item(t.get("record.ending.follow-up") + " " + f.dueOn(),
                        f.doneOn() == null ? t.get("record.ending.open") : t.get("record.ending.done") + " " + f.doneOn()))
                .forEach(items::add);
        return new ClientRecordSection("ending", t.get("record.ending"), items);
    }


    private static void add(List<Item> items, String label, String value) {
        if (value != null && !value.isBlank()) {
            items.add(new Item(label, value));
        }
    }

    private static String date(Instant at) {
        return at == null ? "" : LocalDate.ofInstant(at, ZoneId.systemDefault()).toString();
    }

    /** Labels in the client's language; a code without a label shows as itself. */
    private record Text(MessageSource messages, Locale locale) {
        String get(String key) {
            return messages.getMessage(key, null, key, locale);
        }

        String get(String key, Object... args) {
            return messages.getMessage(key, args, key, locale);
        }

        String code(String prefix, String code) {
            return code == null ? "" : messages.getMessage(prefix + code, null, code, locale);
        }
    }
}
