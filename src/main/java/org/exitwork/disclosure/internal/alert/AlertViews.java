package org.exitwork.disclosure.internal.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.DisclosureSettings;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.springframework.stereotype.Component;

/** Stored alerts as pages show them: the partner's name, the client's pseudonym, the staff members' names. */
@Component
class AlertViews {

    private final PartnerDirectory partners;
    private final StaffDirectory staff;
    private final CaseDirectory cases;

    private final DangerAlertMail mail;
    private final Duration reviewWithin;
    private final Clock clock;

    AlertViews(PartnerDirectory partners, StaffDirectory staff, CaseDirectory cases, DangerAlertMail mail,
            DisclosureSettings settings, Clock clock) {
        this.mail = mail;
        this.clock = clock;
        this.reviewWithin = settings.dangerAlertReviewWithin();
        this.partners = partners;
        this.staff = staff;
        this.cases = cases;
    }

    List<Alert> of(UUID organisationId, List<AlertRepository.Stored> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> partnerNames = partners.partners(organisationId).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name));
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.raisedBy());
            if (r.decidedBy() != null) {
                people.add(r.decidedBy());
            }
            if (r.toldBy() != null) {
                people.add(r.toldBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(organisationId, people);
        Instant now = clock.instant();
        return rows.stream().map(r -> new Alert(r.id(), r.clientId(),
                cases.find(organisationId, r.clientId()).map(CaseReference::pseudonym).orElse("?"), r.partnerId(),
                partnerNames.getOrDefault(r.partnerId(), "?"), r.contactName(), r.contactPhone(), r.contactEmail(),
                r.kind(), r.danger(), r.atRisk(), r.howSoon(), r.fields(), r.content(), r.cannotWait(), r.status(),
                r.raisedBy(), names.get(r.raisedBy()), r.raisedAt(), r.decidedBy(),
                r.decidedBy() == null ? null : names.get(r.decidedBy()), r.decidedAt(), r.decisionNote(), r.sentAt(),
                r.mailed(), r.clientTold(), r.clientToldOn(), r.toldBy() == null ? null : names.get(r.toldBy()),
                mail.configured(), r.reviewOutcome(), r.raisedAfterBreakingGlass(),
                r.cannotWait() ? reviewDue(r.raisedAt()) : null,
                r.status() == AlertStatus.SENT_AWAITING_REVIEW && reviewOverdue(r.raisedAt(), now)))
                .toList();
    }

    /** When the review of an alert sent at once at {@code raisedAt} is due. */
    Instant reviewDue(Instant raisedAt) {
        return raisedAt.plus(reviewWithin);
    }

    /** Whether the review of an alert sent at once at {@code raisedAt}, still unreviewed, is overdue {@code now}. */
    boolean reviewOverdue(Instant raisedAt, Instant now) {
        return !now.isBefore(reviewDue(raisedAt));
    }
}
