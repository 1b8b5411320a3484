package org.exitwork.referrals.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.network.PartnerKind;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.KeysetPage;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a matched referral (R7, R1, R20). Managers see the referrals awaiting a practitioner
 * (partner, kind and date only), open one (audited), assign a practitioner of the organisation, which
 * opens a prospect with the pathway "partner referral", or decline it, which erases it at once. Referrals
 * left awaiting too long are erased the same way ({@link ReferralRetention}).
 * The tandem (or a colleague who broke the glass) reads the referral in the case.
 */
@Service
class Referrals {

    /** A referral in the managers' list: nothing of its content. */
    record Listed(UUID id, String partnerName, PartnerKind partnerKind, LocalDate receivedOn) {
    }

    /** Something added later, for reading. */
    record AddedView(LocalDate receivedOn, Inbox.Via via, String information, InboundReferral referral) {
    }

    /** A referral with what the partner shared. */
    record Shared(UUID id, String partnerName, PartnerKind partnerKind, LocalDate receivedOn, Inbox.Via via,
            InboundReferral content, List<AddedView> added) {
    }

    /** The referrals of a case. */
    record CaseView(CaseReference ref, List<Shared> referrals) {
    }

    /** The practitioner chosen cannot carry the case (not a practitioner, inactive, another organisation). */
    static class NotAPractitionerException extends RuntimeException {
        NotAPractitionerException() {
            super("not an active practitioner of the organisation");
        }
    }

    private final ReferralStore store;
    private final PartnerDirectory partners;
    private final StaffDirectory staff;
    private final CaseWork caseWork;
    private final CaseDirectory cases;
    private final AuditLog audit;
    private final Clock clock;

    Referrals(ReferralStore store, PartnerDirectory partners, StaffDirectory staff, CaseWork caseWork,
            CaseDirectory cases, AuditLog audit, Clock clock) {
        this.store = store;
        this.partners = partners;
        this.staff = staff;
        this.caseWork = caseWork;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public KeysetPage<Listed> awaiting(StaffPrincipal manager, ReferralFilter filter) {
        requireManager(manager);
        List<ReferralStore.Header> rows = store.awaiting(manager.organisationId(), filter.partner(), filter.after(),
                filter.before(), KeysetPage.SIZE + 1);
        // The page's partners in one query, not one per referral.
        java.util.Map<UUID, Partner> named = partners.find(manager.organisationId(),
                rows.stream().map(ReferralStore.Header::partnerId).toList());
        return KeysetPage.of(rows.stream().map(h -> {
            Partner partner = named.get(h.partnerId());
            return new Listed(h.id(), partner == null ? null : partner.name(), partner == null ? null : partner.kind(),
                    day(h.receivedAt()));
        }).toList(), KeysetPage.SIZE, filter.after(), filter.before(), Listed::id);
    }

    /** The partners a manager may narrow the inbox to: the organisation's registry, active ones first. */
    @Transactional(readOnly = true)
    public List<Partner> senders(StaffPrincipal manager) {
        requireManager(manager);
        return partners.partners(manager.organisationId());
    }

    @Transactional
    public Shared read(StaffPrincipal manager, UUID id) {
        requireManager(manager);
        ReferralStore.Header header = awaitingOne(manager, id, false);
        audit.record(event(manager, ReferralActions.REFERRAL_READ, id.toString(), null));
        return shared(header);
    }

    /** The practitioners a referral may be assigned to. */
    @Transactional(readOnly = true)
    public List<StaffMember> practitioners(StaffPrincipal manager) {
        requireManager(manager);
        return staff.practitioners(manager.organisationId());
    }

    /** Opens a prospect carried by the practitioner (R1: a prospect, never a client without consent). */
    @Transactional
    public RegisteredClient assign(StaffPrincipal manager, UUID id, UUID practitionerId) {
        requireManager(manager);
        ReferralStore.Header header = awaitingOne(manager, id, true);
        StaffMember member = staff.find(manager.organisationId(), practitionerId)
                .filter(m -> m.active() && m.role() == Role.PRACTITIONER)
                .orElseThrow(NotAPractitionerException::new);
        StaffPrincipal practitioner = new StaffPrincipal(member.id(), member.organisationId(), member.username(),
                member.displayName(), member.role());
        InboundReferral content = store.content(id);
        Set<PhenomenonArea> areas = content.areas().isEmpty() ? EnumSet.of(PhenomenonArea.UNCLEAR) : content.areas();
        RegisteredClient prospect = caseWork.openProspect(practitioner,
                new NewProspect(Pathway.PARTNER_REFERRAL, areas, content.contextCase()));
        store.assign(id, prospect.id(), clock.instant());
        Partner partner = partner(header);
        // Managers read the referral (the person's name and the concern) under its id, before the
        // person had a pseudonym: their reads are carried over, so the client's report shows them (R19).
        audit.about(manager.organisationId(), id.toString()).stream()
                .filter(e -> ReferralActions.REFERRAL_READ.equals(e.action()))
                .forEach(read -> audit.record(new AuditEvent(manager.organisationId(), read.actorId(), read.actorName(),
                        ReferralActions.REFERRAL_READ_BEFORE_ASSIGNED, prospect.pseudonym(),
                        AuditDetail.of("referral.read-at", id, read.occurredAt()))));
        audit.record(event(manager, ReferralActions.REFERRAL_ASSIGNED, prospect.pseudonym(),
                partner == null ? AuditDetail.of("referral.assigned", id, member.username())
                        : AuditDetail.of("referral.assigned-partner", id, member.username(), partner.kind())));
        return prospect;
    }

    /** Not taken up: erased at once, its key shredded; nothing goes back to the partner. */
    @Transactional
    public void decline(StaffPrincipal manager, UUID id) {
        requireManager(manager);
        awaitingOne(manager, id, true);
        store.erase(id);
        audit.record(event(manager, ReferralActions.REFERRAL_DECLINED, id.toString(), null));
    }

    /** The case's referrals, for the tandem or a colleague who broke the glass (audited). */
    @Transactional
    public CaseView forCase(StaffPrincipal who, UUID clientId) {
        CaseReference ref = cases.requireReader(who, clientId, "referrals");
        List<Shared> referrals = store.ofClient(ref.organisationId(), clientId).stream().map(this::shared).toList();
        audit.record(event(who, ReferralActions.REFERRALS_READ_IN_CASE, ref.pseudonym(),
                AuditDetail.of("count", referrals.size())));
        return new CaseView(ref, referrals);
    }

    private ReferralStore.Header awaitingOne(StaffPrincipal manager, UUID id, boolean lock) {
        return (lock ? store.lock(manager.organisationId(), id) : store.find(manager.organisationId(), id))
                .filter(h -> h.status() == ReferralStore.Status.AWAITING)
                .orElseThrow(NotFoundException::new);
    }

    private Shared shared(ReferralStore.Header h) {
        Partner partner = partner(h);
        List<AddedView> added = store.added(h.id()).stream()
                .map(a -> new AddedView(day(a.receivedAt()), a.via(), a.information(), a.referral())).toList();
        return new Shared(h.id(), partner == null ? null : partner.name(), partner == null ? null : partner.kind(),
                day(h.receivedAt()), h.via(), store.content(h.id()), added);
    }

    private Partner partner(ReferralStore.Header h) {
        return partners.find(h.organisationId(), h.partnerId()).orElse(null);
    }

    private LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }

    private static void requireManager(StaffPrincipal who) {
        if (who == null || !who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    private static AuditEvent event(StaffPrincipal who, String action, String subject, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, subject, detail);
    }
}
