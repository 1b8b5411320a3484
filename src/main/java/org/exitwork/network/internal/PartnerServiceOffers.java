package org.exitwork.network.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.Need;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerServices;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The services partners offer and their contact protocol (R11). Managers write them, and only for a
 * partner the outbound policy lets receive service requests (an active social service): a security
 * partner, a funder, a peer or a community partner offers nothing here, since nothing could ask it.
 */
@Service
class PartnerServiceOffers implements PartnerServices {

    /** What a manager enters; no needs means the partner offers no service. */
    record Draft(Set<Need> needs, String howToReach, String language, int responseDays) {
    }

    /** The partner may not receive service requests; nothing was changed. */
    @ResponseStatus(HttpStatus.CONFLICT)
    static final class NotForRequests extends RuntimeException {
        NotForRequests() {
            super("partner receives no service requests");
        }
    }

    private final ServiceOfferRepository repository;
    private final PartnerRepository partners;
    private final AuditLog audit;
    private final Clock clock;

    PartnerServiceOffers(ServiceOfferRepository repository, PartnerRepository partners, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether requests may ever reach the partner: the policy's answer for its kind and state. */
    static boolean receivesRequests(Partner partner) {
        return OutboundPolicy.toPartner(OutboundPolicy.Channel.SERVICE_REQUEST, partner).allowed();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ServiceOffer> offer(UUID organisationId, UUID partnerId) {
        return repository.offer(organisationId, partnerId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ServiceOffer> offers(UUID organisationId) {
        return repository.offers(organisationId);
    }

    @Transactional
    public void change(StaffPrincipal who, UUID partnerId, Draft draft) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        Partner partner = partners.partner(who.organisationId(), partnerId).orElseThrow(NotFoundException::new);
        if (!draft.needs().isEmpty() && !receivesRequests(partner)) {
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    PartnerActions.PARTNER_SERVICES_REFUSED, partner.name(),
                    AuditDetail.of("partner.services-refused", partner.kind())));
            throw new NotForRequests();
        }
        repository.replace(who.organisationId(), partnerId, draft.needs(), draft.howToReach(), draft.language(),
                draft.responseDays(), clock.instant());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                PartnerActions.PARTNER_SERVICES_CHANGED, partner.name(), AuditDetail.of("partner.services",
                        draft.needs().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
                        draft.needs().isEmpty() ? 0 : draft.responseDays())));
    }
}
