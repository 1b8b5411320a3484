package org.exitwork.disclosure.internal.servicerequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        Map<UUID, ServiceRequestRepository.PartnerCounts> counts = repository
                .countsByPartner(who.organisationId(), clock.instant()).stream()
                .collect(Collectors.toMap(ServiceRequestRepository.PartnerCounts::partnerId, c -> c));
        List<PartnerFigures> figures = new ArrayList<>();
        int requests = 0;
        for (Partner partner : partners.partners(who.organisationId())) {
            ServiceRequestRepository.PartnerCounts sent = counts.get(partner.id());
            if (sent != null) {
                figures.add(figures(partner, sent));
                requests += sent.sent();
            }
        }
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                ServiceRequestActions.NETWORK_QUALITY_READ, null,
                AuditDetail.of("network.quality", figures.size(), requests)));
        return new Quality(figures, figures.isEmpty() ? null : chart(figures, locale));
    }

    static PartnerFigures figures(Partner partner, ServiceRequestRepository.PartnerCounts counts) {
        return new PartnerFigures(partner.id(), partner.name(), counts.sent(), counts.answered(),
                days(counts.medianMinutes()), percent(counts.inTime(), counts.judged()),
                percent(counts.accepted(), counts.decided()));
    }

    /** Minutes as days to one decimal. */
    static Double days(Double minutes) {
        return minutes == null ? null : Math.round(minutes / 1440.0 * 10) / 10.0;
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
