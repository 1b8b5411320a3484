package org.exitwork.disclosure.internal.funder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.Organisations;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureActions;
import org.exitwork.disclosure.internal.LinkToken;
import org.exitwork.disclosure.internal.LinkUses;
import org.exitwork.disclosure.internal.funder.FunderReportDecision.Released;
import org.exitwork.disclosure.internal.gate.OutboundGate;
import org.exitwork.disclosure.internal.Refusal;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReports;
import org.exitwork.programme.FunderReports.Agreement;
import org.exitwork.programme.FunderReports.Period;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The funder report as a way out of the gate (R17). The figures are the programme module's, after
 * its disclosure control; this decides whether they may leave, keeps exactly what left, audits every
 * release, refusal, download and fetch, and hands the funder a link that opens that one report and
 * nothing else. Managers release; managers and the data protection officer read what went out.
 */
@Service
class FunderReportGate {

    /** How long a funder's link stays valid. */
    static final Duration LINK_VALIDITY = Duration.ofDays(30);

    /** A period of an agreement and what can be done with it. */
    record PeriodState(Period period, UUID releasedId, Refusal refusal) {

        public boolean released() {
            return releasedId != null;
        }
    }

    /** The figures that would go out, or why they may not. */
    record Preview(Agreement agreement, Period period, FunderReportPayload payload, Optional<Refusal> refusal) {
    }

    /** A release: the report's id and the funder's link token, shown once. */
    record Release(UUID id, String token) {
    }

    /** A released report: its row and exactly what went out. */
    record Stored(FunderReportRepository.Row row, FunderReportPayload payload) {
    }

    private final FunderReports reports;
    private final FunderReportRepository rows;
    private final PartnerDirectory partners;
    private final Organisations organisations;
    private final AuditLog audit;
    private final Clock clock;
    private final LinkUses uses;

    FunderReportGate(FunderReports reports, FunderReportRepository rows, PartnerDirectory partners,
            Organisations organisations, AuditLog audit, Clock clock, LinkUses uses) {
        this.uses = uses;
        this.reports = reports;
        this.rows = rows;
        this.partners = partners;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<PeriodState> periods(StaffPrincipal who, UUID programmeId, UUID agreementId) {
        Agreement agreement = agreement(who, programmeId, agreementId);
        List<FunderReportRepository.Row> released = rows.ofProgramme(who.organisationId(), programmeId);
        LocalDate today = today();
        List<PeriodState> states = new ArrayList<>();
        for (Period period : agreement.endedPeriods(today)) {
            Optional<FunderReportRepository.Row> mine = released.stream()
                    .filter(r -> r.agreementId().equals(agreementId) && r.period().equals(period)).findFirst();
            states.add(mine.map(r -> new PeriodState(period, r.id(), null)).orElseGet(() -> new PeriodState(period,
                    null, decide(who, agreement, Optional.of(period), released).orElse(null))));
        }
        java.util.Collections.reverse(states);
        return states;
    }

    /** The report as it would go out now; opening it is audited like the figures it shows. */
    @Transactional
    public Preview preview(StaffPrincipal who, UUID programmeId, UUID agreementId, LocalDate start) {
        requireManager(who);
        Agreement agreement = agreement(who, programmeId, agreementId);
        Period period = agreement.periodStarting(start).orElseThrow(NotFoundException::new);
        List<FunderReportRepository.Row> released = rows.ofProgramme(who.organisationId(), programmeId);
        FunderReport figures = reports.figures(agreement, period);
        Optional<Refusal> refusal = decide(who, agreement, Optional.of(period), released)
                .or(() -> FunderReportDecision.sameAsReleased(figures, samePeriod(who, period, released)));
        FunderReportPayload payload = payload(who, agreement, period, figures);
        audit.record(event(who, FunderReportActions.PREVIEWED, AuditDetail.of("funder-report.period",
                agreement.funderId(), agreementId, agreement.version(), period.start(), period.end())));
        return new Preview(agreement, period, payload, refusal);
    }

    /**
     * Releases the report of a period: counted again now, under the programme's lock, checked, kept
     * as it leaves, audited. A refusal is audited in a transaction of its own and nothing is written.
     */
    @Transactional(noRollbackFor = Refused.class)
    public Release release(StaffPrincipal who, UUID programmeId, UUID agreementId, LocalDate start) {
        requireManager(who);
        Agreement agreement = agreement(who, programmeId, agreementId);
        Optional<Period> period = agreement.periodStarting(start);
        if (period.isEmpty()) {
            throw new NotFoundException();
        }
        rows.lock(programmeId);
        List<FunderReportRepository.Row> released = rows.ofProgramme(who.organisationId(), programmeId);
        Optional<Refusal> refusal = decide(who, agreement, period, released);
        FunderReport figures = refusal.isPresent() ? null : reports.figures(agreement, period.orElseThrow());
        if (refusal.isEmpty()) {
            refusal = FunderReportDecision.sameAsReleased(figures, samePeriod(who, period.orElseThrow(), released));
        }
        if (refusal.isPresent()) {
            audit.recordIndependently(event(who, FunderReportActions.REFUSED, AuditDetail.of("funder-report.refused",
                    agreement.funderId(), agreementId, agreement.version(), start, refusal.get().code())));
            throw new Refused(refusal.get());
        }
        Period p = period.orElseThrow();
        FunderReportPayload payload = payload(who, agreement, p, figures);
        UUID id = UUID.randomUUID();
        String token = LinkToken.newToken();
        Instant now = clock.instant();
        rows.insert(id, who.organisationId(), new FunderReportRepository.Row(id, programmeId, agreementId,
                agreement.version(), agreement.funderId(), p, payload.threshold(), agreement.language(), who.id(), now,
                now.plus(LINK_VALIDITY)), payload.json(), LinkToken.sha256(token));
        audit.record(event(who, FunderReportActions.RELEASED, AuditDetail.of("funder-report.released",
                agreement.funderId(), agreementId, agreement.version(), p.start(), p.end(), payload.threshold(), id)));
        return new Release(id, token);
    }

    /** Every report that went out, newest first. */
    @Transactional(readOnly = true)
    public List<FunderReportRepository.Row> released(StaffPrincipal who) {
        requireReader(who);
        return rows.all(who.organisationId());
    }

    @Transactional(readOnly = true)
    public Stored get(StaffPrincipal who, UUID reportId) {
        requireReader(who);
        FunderReportRepository.Row row = rows.find(who.organisationId(), reportId).orElseThrow(NotFoundException::new);
        return new Stored(row, FunderReportPayload.parse(rows.content(who.organisationId(), reportId).orElseThrow()));
    }

    /** What went out, for a download by staff; audited with the format. */
    @Transactional
    public Stored download(StaffPrincipal who, UUID reportId, String format) {
        Stored stored = get(who, reportId);
        audit.record(event(who, FunderReportActions.DOWNLOADED, AuditDetail.of("funder-report.download", reportId,
                format)));
        return stored;
    }

    /**
     * The report a funder's link opens while valid and while the gate still lets the funder receive it
     * (deactivating the partner closes its links at once); audited as fetched by the link. Anything else
     * (an unknown, malformed or expired token, a funder no longer allowed) is empty, and the caller
     * answers as for any closed link.
     */
    @Transactional(noRollbackFor = LinkUses.TooOften.class)
    public Optional<FunderReportPayload> fetch(String token, String format) {
        if (!LinkToken.wellFormed(token)) {
            return Optional.empty();
        }
        return rows.byToken(LinkToken.sha256(token), clock.instant())
                .filter(found -> partners.find(found.organisationId(), found.funderId())
                        .filter(funder -> OutboundGate.toPartner(Channel.FUNDER_REPORT, funder).isEmpty()).isPresent())
                .filter(found -> uses.allow(found.id(), true, () -> audit.record(new AuditEvent(found.organisationId(),
                        null, "funder link", DisclosureActions.LINK_USES_USED_UP, null,
                        AuditDetail.of("funder-report.uses-used-up", found.id(), uses.perDay())))))
                .map(found -> {
            audit.record(new AuditEvent(found.organisationId(), null, "funder link", FunderReportActions.FETCHED, null,
                    AuditDetail.of("funder-report.download", found.id(), format)));
            return FunderReportPayload.parse(found.content());
        });
    }

    /** What went out already for exactly this period of the programme, under any agreement. */
    private List<FunderReportPayload> samePeriod(StaffPrincipal who, Period period,
            List<FunderReportRepository.Row> released) {
        return released.stream().filter(r -> r.period().equals(period))
                .map(r -> FunderReportPayload.parse(rows.content(who.organisationId(), r.id()).orElseThrow())).toList();
    }

    private Optional<Refusal> decide(StaffPrincipal who, Agreement agreement, Optional<Period> period,
            List<FunderReportRepository.Row> released) {
        Optional<Partner> funder = partners.find(who.organisationId(), agreement.funderId());
        return FunderReportDecision.decide(funder, agreement, period, today(),
                released.stream().map(r -> new Released(r.id(), r.agreementId(), r.period())).toList());
    }

    private FunderReportPayload payload(StaffPrincipal who, Agreement a, Period p, FunderReport figures) {
        String funder = partners.find(who.organisationId(), a.funderId()).map(Partner::name).orElse("");
        return new FunderReportPayload(FunderReportPayload.FORMAT, a.language(), today().toString(),
                organisations.contact(who.organisationId()), funder, a.programmeName(), a.id().toString(), a.version(),
                a.agreedOn().toString(), a.reference(), p.start().toString(), p.end().toString(), figures.threshold(),
                figures.tables());
    }

    private Agreement agreement(StaffPrincipal who, UUID programmeId, UUID agreementId) {
        requireReader(who);
        return reports.agreement(who.organisationId(), agreementId).filter(a -> a.programmeId().equals(programmeId))
                .orElseThrow(NotFoundException::new);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone());
    }

    private static AuditEvent event(StaffPrincipal who, String action, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, null, detail);
    }

    private static void requireReader(StaffPrincipal who) {
        if (!who.is(Role.MANAGER) && !who.is(Role.DATA_PROTECTION_OFFICER)) {
            throw new ForbiddenException();
        }
    }

    private static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }
}
