package org.exitwork.disclosure.internal.servicerequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.cases.OpenServiceRequests;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The gate's answer to {@link OpenServiceRequests}: codes, names of partners, dates; no content. */
@Service
class OpenRequestsForCases implements OpenServiceRequests {

    private final ServiceRequestRepository repository;
    private final PartnerDirectory partners;
    private final Clock clock;

    OpenRequestsForCases(ServiceRequestRepository repository, PartnerDirectory partners, Clock clock) {
        this.repository = repository;
        this.partners = partners;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<OpenRequest> of(UUID organisationId, Collection<UUID> clientIds) {
        if (clientIds.isEmpty()) {
            return List.of();
        }
        Set<UUID> clients = Set.copyOf(clientIds);
        Map<UUID, String> names = names(organisationId);
        Instant now = clock.instant();
        return repository.ofOrganisation(organisationId).stream()
                .filter(r -> clients.contains(r.clientId()) && !r.status().terminal())
                .sorted(Comparator.comparing(ServiceRequestRepository.Stored::requestedAt))
                .map(r -> new OpenRequest(r.clientId(), r.id(), names.getOrDefault(r.partnerId(), "?"), r.need().name(),
                        r.status().name(), r.requestedAt(), Duration.between(r.requestedAt(), now).toDays(),
                        r.status().unanswered() && !now.isBefore(r.answerDueAt()), r.followUpOn()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Unanswered> unansweredAfterReminders(UUID organisationId) {
        Map<UUID, String> names = names(organisationId);
        Instant now = clock.instant();
        return repository.ofOrganisation(organisationId).stream()
                .filter(r -> r.status().unanswered() && r.managerRemindedAt() != null)
                .map(r -> new Unanswered(names.getOrDefault(r.partnerId(), "?"), r.need().name(), r.requestedAt(),
                        Duration.between(r.requestedAt(), now).toDays()))
                .toList();
    }

    private Map<UUID, String> names(UUID organisationId) {
        return partners.partners(organisationId).stream().collect(Collectors.toMap(Partner::id, Partner::name));
    }
}
