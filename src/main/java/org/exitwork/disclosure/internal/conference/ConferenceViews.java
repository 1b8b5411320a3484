package org.exitwork.disclosure.internal.conference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.springframework.stereotype.Component;

/** A client's stored conferences as pages show them: with the partners' and staff members' names. */
@Component
class ConferenceViews {

    private final ConferenceRepository repository;
    private final PartnerDirectory partners;
    private final StaffDirectory staff;

    ConferenceViews(ConferenceRepository repository, PartnerDirectory partners, StaffDirectory staff) {
        this.repository = repository;
        this.partners = partners;
        this.staff = staff;
    }

    /** The client's conferences, or only the one {@code only} if not null. */
    List<Conference> of(CaseReference ref, UUID only) {
        List<ConferenceRepository.Stored> rows = repository.conferences(ref.organisationId(), ref.id(), only);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> partnerNames = partners.partners(ref.organisationId()).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name));
        Map<UUID, List<Conference.Participant>> participants = new LinkedHashMap<>();
        for (ConferenceRepository.StoredParticipant p : repository.participants(ref.id(), only)) {
            participants.computeIfAbsent(p.conferenceId(), k -> new ArrayList<>()).add(new Conference.Participant(
                    p.partnerId(), partnerNames.getOrDefault(p.partnerId(), "?"), p.attendees(), p.outcome()));
        }
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.plannedBy());
            if (r.sentBy() != null) {
                people.add(r.sentBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(ref.organisationId(), people);
        return rows.stream().map(r -> new Conference(r.id(), r.heldOn(), r.purpose(), r.clientInvited(),
                r.clientTookPart(), participants.getOrDefault(r.id(), List.of()), r.minutes(), names.get(r.plannedBy()),
                r.plannedAt(), r.sentBy() == null ? null : names.get(r.sentBy()), r.sentAt())).toList();
    }
}
