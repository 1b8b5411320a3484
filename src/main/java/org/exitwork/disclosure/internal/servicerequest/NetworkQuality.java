package org.exitwork.disclosure.internal.servicerequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.BarChart;
import org.exitwork.platform.ForbiddenException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the network answers (R11), the organisation's own view for its managers: per partner the requests
 * sent, the median time to the first answer, the share answered within the agreed time and the share
 * accepted. Counted over plain columns (dates, statuses), never a client: no pseudonym, no case, no text.
 * Nothing here goes to a partner; no partner sees another's figures.
 */
@Service
class NetworkQuality {

    /**
     * One partner's figures. {@code medianDays}: days from sending to the first answer, over the answered
     * requests (null when none was answered); {@code inTimePercent}: answered within the agreed time, of the
     * requests whose time has passed or that were answered (null when none); {@code acceptedPercent}: accepted,
     * of those the partner accepted or rejected (null when it decided none).
     */
    record PartnerFigures(UUID partnerId, String partner, int sent, int answered, Double medianDays,
            Double inTimePercent, Double acceptedPercent) {
    }

    record Quality(List<PartnerFigures> partners, BarChart chart) {
    }

    private final ServiceRequestRepository repository;
    private final PartnerDirectory partners;
    private final AuditLog audit;
    private final MessageSource messages;
    private final Clock clock;

    NetworkQuality(ServiceRequestRepository repository, PartnerDirectory partners, AuditLog audit,
            MessageSource messages, Clock clock) {
        this.repository = repository;
        this.partners = partners;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional
    public Quality read(StaffPrincipal who, Locale locale) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        List<ServiceRequestRepository.Stored> all = repository.ofOrganisation(who.organisationId());
        Set<UUID> accepted = repository.everAccepted(who.organisationId());
        Map<UUID, List<ServiceRequestRepository.Stored>> byPartner = all.stream()
                .collect(Collectors.groupingBy(ServiceRequestRepository.Stored::partnerId));
        Instant now = clock.instant();
        List<PartnerFigures> figures = new ArrayList<>();
        for (Partner partner : partners.partners(who.organisationId())) {
            List<ServiceRequestRepository.Stored> sent = byPartner.getOrDefault(partner.id(), List.of());
            if (!sent.isEmpty()) {
                figures.add(figures(partner, sent, accepted, now));
            }
        }
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                ServiceRequestActions.NETWORK_QUALITY_READ, null,
                AuditDetail.of("network.quality", figures.size(), all.size())));
        return new Quality(figures, figures.isEmpty() ? null : chart(figures, locale));
    }

    static PartnerFigures figures(Partner partner, List<ServiceRequestRepository.Stored> sent, Set<UUID> accepted,
            Instant now) {
        List<Double> days = sent.stream().filter(r -> r.firstAnswerAt() != null)
                .map(r -> Duration.between(r.requestedAt(), r.firstAnswerAt()).toMinutes() / 1440.0).sorted().toList();
        List<ServiceRequestRepository.Stored> judged = sent.stream()
                .filter(r -> r.firstAnswerAt() != null || !now.isBefore(r.answerDueAt())).toList();
        long inTime = judged.stream()
                .filter(r -> r.firstAnswerAt() != null && !r.firstAnswerAt().isAfter(r.answerDueAt())).count();
        List<ServiceRequestRepository.Stored> decided = sent.stream()
                .filter(r -> accepted.contains(r.id()) || r.status() == TaskStatus.REJECTED).toList();
        long yes = decided.stream().filter(r -> accepted.contains(r.id())).count();
        return new PartnerFigures(partner.id(), partner.name(), sent.size(), days.size(), median(days),
                percent(inTime, judged.size()), percent(yes, decided.size()));
    }

    static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Math.round(median * 10) / 10.0;
    }

    static Double percent(long part, long of) {
        return of == 0 ? null : Math.round(1000.0 * part / of) / 10.0;
    }

    private BarChart chart(List<PartnerFigures> figures, Locale locale) {
        List<BarChart.Group> groups = figures.stream().map(f -> new BarChart.Group(f.partner(),
                java.util.Arrays.asList(f.inTimePercent(), f.acceptedPercent()))).toList();
        return new BarChart("network-quality", text("quality.chart.title", locale),
                text("quality.chart.description", locale), text("quality.partner", locale),
                List.of(text("quality.in-time", locale), text("quality.accepted", locale)), groups, 100, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage("servicerequests." + key, null, locale);
    }
}
