package org.exitwork.network.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.PartnerDeactivated;
import org.exitwork.network.PartnerKind;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.KeysetPage;
import org.exitwork.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisation's partner registry (R11). Managers register and change partners; practitioners
 * and the data protection officer read them; administrators nothing. Partners are deactivated, never
 * deleted, so that consents and referrals naming them stay readable. The kind follows {@link KindRule};
 * the SQL is in {@link PartnerRepository}.
 */
@Service
class PartnerRegistry {

    /** A contact person at a partner. */
    record Contact(String name, String role, String phone, String email) {
    }

    /** What a manager enters about a partner. */
    record Draft(String name, PartnerKind kind, String mandate, Agreement agreement, LocalDate agreementFrom,
            LocalDate agreementUntil, String agreementReference, List<Contact> contacts) {
    }

    /** One line of the list. */
    record Summary(UUID id, String name, PartnerKind kind, Agreement agreement, boolean active) {
    }

    /** A partner with everything recorded about it, decrypted. */
    record Details(UUID id, String name, PartnerKind kind, String mandate, Agreement agreement,
            LocalDate agreementFrom, LocalDate agreementUntil, String agreementReference, boolean active,
            List<Contact> contacts) {
    }

    /** Another partner of the organisation already has this name. */
    static final class DuplicateName extends RuntimeException {
        DuplicateName() {
            super("duplicate partner name");
        }
    }

    /** The kind may not change like this (see {@link KindRule}); nothing was changed. */
    static final class KindChangeRefused extends RuntimeException {
        private final String messageKey;

        KindChangeRefused(String messageKey) {
            super("kind change refused");
            this.messageKey = messageKey;
        }

        String messageKey() {
            return messageKey;
        }
    }

    private final PartnerRepository repository;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    PartnerRegistry(PartnerRepository repository, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public KeysetPage<Summary> list(StaffPrincipal who, PartnerFilter filter) {
        requireReader(who);
        List<PartnerKind> kinds = filter.group() == null ? List.of()
                : java.util.Arrays.stream(PartnerKind.values()).filter(k -> k.group() == filter.group()).toList();
        return KeysetPage.of(repository.summaries(who.organisationId(), kinds, filter.after(), filter.before(),
                KeysetPage.SIZE + 1), KeysetPage.SIZE, filter.after(), filter.before(), Summary::id);
    }

    @Transactional(readOnly = true)
    public Details details(StaffPrincipal who, UUID partnerId) {
        requireReader(who);
        Details partner = repository.details(who.organisationId(), partnerId).orElseThrow(NotFoundException::new);
        List<Contact> contacts = repository.contacts(who.organisationId(), partnerId);
        return new Details(partner.id(), partner.name(), partner.kind(), partner.mandate(), partner.agreement(),
                partner.agreementFrom(), partner.agreementUntil(), partner.agreementReference(), partner.active(),
                contacts);
    }

    @Transactional
    public UUID create(StaffPrincipal who, Draft draft) {
        requireManager(who);
        if (repository.nameTaken(who.organisationId(), draft.name(), null)) {
            throw new DuplicateName();
        }
        UUID id = UUID.randomUUID();
        repository.insert(who.organisationId(), id, draft, Timestamp.from(clock.instant()));
        record(who, PartnerActions.PARTNER_CREATED, draft.name(), AuditDetail.of("partner.created",
                draft.kind(), draft.agreement(), draft.contacts().size()));
        return id;
    }

    /**
     * Changes a partner. A refused kind change changes nothing and is itself audited (in a transaction
     * of its own, since this one is rolled back by the exception).
     */
    @Transactional
    public void update(StaffPrincipal who, UUID partnerId, Draft draft) {
        requireManager(who);
        Summary current = repository.lock(who.organisationId(), partnerId).orElseThrow(NotFoundException::new);
        String refusal = KindRule.refusal(current.kind(), draft.kind());
        if (refusal != null) {
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    PartnerActions.PARTNER_KIND_CHANGE_REFUSED, current.name(),
                    AuditDetail.of("partner.kind-change", current.kind(), draft.kind())));
            throw new KindChangeRefused(refusal);
        }
        if (repository.nameTaken(who.organisationId(), draft.name(), partnerId)) {
            throw new DuplicateName();
        }
        if (!repository.update(who.organisationId(), partnerId, current.kind(), draft,
                Timestamp.from(clock.instant()))) {
            throw new IllegalStateException("the partner changed meanwhile");
        }
        if (current.kind() != draft.kind()) {
            record(who, PartnerActions.PARTNER_KIND_CHANGED, draft.name(),
                    AuditDetail.of("partner.kind-change", current.kind(), draft.kind()));
        }
        record(who, PartnerActions.PARTNER_CHANGED, draft.name(), AuditDetail.of(
                current.name().equals(draft.name()) ? "partner.changed" : "partner.changed-renamed", draft.agreement(),
                draft.contacts().size()));
    }

    @Transactional
    public void setActive(StaffPrincipal who, UUID partnerId, boolean active) {
        requireManager(who);
        String name = repository.name(who.organisationId(), partnerId).orElseThrow(NotFoundException::new);
        if (repository.setActive(who.organisationId(), partnerId, active, Timestamp.from(clock.instant()))) {
            record(who, active ? PartnerActions.PARTNER_REACTIVATED : PartnerActions.PARTNER_DEACTIVATED, name,
                    null);
            if (!active) {
                events.publishEvent(new PartnerDeactivated(who.organisationId(), partnerId, who.id()));
            }
        }
    }

    private void record(StaffPrincipal who, String action, String subject, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, subject, detail));
    }

    private static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    private static void requireReader(StaffPrincipal who) {
        if (who.is(Role.ADMIN)) {
            throw new ForbiddenException();
        }
    }
}
