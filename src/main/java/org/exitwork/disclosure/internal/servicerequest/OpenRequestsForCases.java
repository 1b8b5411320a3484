package org.exitwork.disclosure.internal.servicerequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
        Instant now = clock.instant();
        List<ServiceRequestRepository.Stored> open = repository.openOfClients(organisationId, clientIds);
        Map<UUID, String> names = names(organisationId, open);
        return open.stream()
                .map(r -> new OpenRequest(r.clientId(), r.id(), names.getOrDefault(r.partnerId(), "?"), r.need().name(),
                        r.status().name(), r.requestedAt(), Duration.between(r.requestedAt(), now).toDays(),
                        r.status().unanswered() && !now.isBefore(r.answerDueAt()), r.followUpOn()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Unanswered> unansweredAfterReminders(UUID organisationId) {
        Instant now = clock.instant();
        List<ServiceRequestRepository.Stored> waiting = repository.unansweredAfterManagerReminder(organisationId);
        Map<UUID, String> names = names(organisationId, waiting);
        return waiting.stream()
                .map(r -> new Unanswered(names.getOrDefault(r.partnerId(), "?"), r.need().name(), r.requestedAt(),
                        Duration.between(r.requestedAt(), now).toDays()))
                .toList();
    }

    /** The names of the partners these requests went to, in one query. */
    private Map<UUID, String> names(UUID organisationId, List<ServiceRequestRepository.Stored> requests) {
        if (requests.isEmpty()) {
            return Map.of();
        }
        return partners.find(organisationId, requests.stream().map(ServiceRequestRepository.Stored::partnerId)
                .collect(Collectors.toSet())).values().stream().collect(Collectors.toMap(Partner::id, Partner::name));
    }
}
