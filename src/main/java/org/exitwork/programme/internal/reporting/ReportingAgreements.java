package org.exitwork.programme.internal.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseFigures;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.programme.Breakdown;
import org.exitwork.programme.FunderReport;
import org.exitwork.programme.FunderReports;
import org.exitwork.programme.Measure;
import org.exitwork.programme.internal.dashboard.OutcomeChanges;
import org.exitwork.programme.internal.design.Programmes;
import org.exitwork.programme.internal.reporting.DisclosureControl.Count;
import org.exitwork.programme.internal.reporting.DisclosureControl.Counts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reporting agreements (R17): managers agree with a funder of the partner registry which measures of
 * the fixed catalogue it receives, by which breakdowns, for which periods, in which language, and on
 * which date. A change makes a new version; earlier versions and the reports made under them stay. The
 * data protection officer reads them. Only a partner the outbound policy lets receive a funder report
 * can be the funder: a security partner, a social service or a peer never can.
 */
@Service
public class ReportingAgreements implements FunderReports {

    /** What the form agrees; the agreement's id and version are the service's. */
    public record Terms(UUID funderId, List<Measure> measures, List<Breakdown> breakdowns, int periodMonths,
            LocalDate firstPeriodStart, String language, LocalDate agreedOn, String reference) {
    }

    /** The partner cannot receive funder reports, with the policy's reason (or none: not found). */
    public static final class NotAFunder extends RuntimeException {
        private final transient OutboundPolicy.Refusal reason;

        NotAFunder(OutboundPolicy.Refusal reason) {
            super("not a funder: " + reason);
            this.reason = reason;
        }

        public Optional<OutboundPolicy.Refusal> reason() {
            return Optional.ofNullable(reason);
        }
    }

    /** Someone saved another version since the form was opened. */
    public static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super("agreement changed meanwhile");
        }
    }

    private final ReportingAgreementRepository repository;
    private final Programmes programmes;
    private final PartnerDirectory partners;
    private final CaseFigures caseFigures;
    private final OutcomeChanges outcomeChanges;
    private final AuditLog audit;
    private final Clock clock;

    ReportingAgreements(ReportingAgreementRepository repository, Programmes programmes, PartnerDirectory partners,
            CaseFigures caseFigures, OutcomeChanges outcomeChanges, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.programmes = programmes;
        this.partners = partners;
        this.caseFigures = caseFigures;
        this.outcomeChanges = outcomeChanges;
        this.audit = audit;
        this.clock = clock;
    }

    /** Managers and the data protection officer read agreements; managers make them. */
    public static boolean reader(StaffPrincipal who) {
        return who.is(Role.MANAGER) || who.is(Role.DATA_PROTECTION_OFFICER);
    }

    @Transactional(readOnly = true)
    public List<Agreement> ofProgramme(StaffPrincipal who, UUID programmeId) {
        requireReader(who);
        programmes.get(who, programmeId);
        return repository.ofProgramme(who.organisationId(), programmeId);
    }

    @Transactional(readOnly = true)
    public Agreement get(StaffPrincipal who, UUID programmeId, UUID agreementId) {
        requireReader(who);
        return repository.latest(who.organisationId(), agreementId)
                .filter(a -> a.programmeId().equals(programmeId)).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public List<Agreement> versions(StaffPrincipal who, UUID programmeId, UUID agreementId) {
        get(who, programmeId, agreementId);
        return repository.versions(who.organisationId(), agreementId);
    }

    /** The partners that could be the funder of an agreement: active funders of the registry. */
    @Transactional(readOnly = true)
    public List<Partner> funders(UUID organisationId) {
        return partners.partners(organisationId).stream()
                .filter(p -> OutboundPolicy.toPartner(OutboundPolicy.Channel.FUNDER_REPORT, p).allowed()).toList();
    }

    @Transactional(noRollbackFor = NotAFunder.class)
    public UUID make(StaffPrincipal who, UUID programmeId, Terms terms) {
        requireManager(who);
        programmes.get(who, programmeId);
        checkFunder(who, terms.funderId());
        UUID id = UUID.randomUUID();
        Agreement agreement = agreement(id, 1, who.organisationId(), programmeId, terms);
        repository.insert(agreement, who.id(), clock.instant());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), ReportingActions.AGREEMENT_MADE,
                null, AuditDetail.of("reporting.agreement", id, 1, terms.funderId(), programmeId)));
        return id;
    }

    @Transactional(noRollbackFor = NotAFunder.class)
    public void change(StaffPrincipal who, UUID programmeId, UUID agreementId, int expectedVersion, Terms terms) {
        requireManager(who);
        Agreement current = get(who, programmeId, agreementId);
        if (!current.funderId().equals(terms.funderId())) {
            // An agreement is with one funder; another funder is another agreement.
            throw new IllegalArgumentException("the funder of an agreement stays");
        }
        checkFunder(who, terms.funderId());
        Agreement next = agreement(agreementId, expectedVersion + 1, who.organisationId(), programmeId, terms);
        if (current.version() != expectedVersion
                || !repository.addVersion(next, expectedVersion, who.id(), clock.instant())) {
            throw new ChangedMeanwhile();
        }
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                ReportingActions.AGREEMENT_CHANGED, null,
                AuditDetail.of("reporting.agreement", agreementId, next.version(), terms.funderId(), programmeId)));
    }

    /** The organisation's threshold: the smallest number of people a figure of a funder report may stand for. */
    @Transactional(readOnly = true)
    public int threshold(UUID organisationId) {
        return repository.threshold(organisationId).orElse(DisclosureControl.DEFAULT_THRESHOLD);
    }

    @Transactional
    public void setThreshold(StaffPrincipal who, int threshold) {
        requireManager(who);
        if (threshold < DisclosureControl.MINIMUM || threshold > DisclosureControl.MAXIMUM) {
            throw new IllegalArgumentException("threshold out of range");
        }
        int before = threshold(who.organisationId());
        repository.saveThreshold(who.organisationId(), threshold, who.id(), clock.instant());
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(),
                ReportingActions.THRESHOLD_CHANGED, null, AuditDetail.of("reporting.threshold", before, threshold)));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Agreement> agreement(UUID organisationId, UUID agreementId) {
        return repository.latest(organisationId, agreementId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Agreement> agreement(UUID organisationId, UUID agreementId, int version) {
        return repository.version(organisationId, agreementId, version);
    }

    /** Counts by SQL over plain columns (nothing is decrypted), then disclosure control. */
    @Override
    @Transactional(readOnly = true)
    public FunderReport figures(Agreement agreement, Period period) {
        UUID org = agreement.organisationId();
        CaseFigures.PeriodFigures figures = caseFigures.periodFigures(CaseFigures.Scope.programme(org,
                agreement.programmeId(), YearMonth.from(period.start()), YearMonth.from(period.end())),
                period.start(), period.end());
        List<Counts> tables = new ArrayList<>();
        for (Measure measure : agreement.measures()) {
            if (measure == Measure.OUTCOMES_IMPROVED) {
                List<Count> rows = outcomeChanges.of(org, agreement.programmeId(), period.end()).stream()
                        .map(c -> new Count(c.outcomeId().toString(), c.outcome(), c.clients(), c.better())).toList();
                tables.add(new Counts(measure, Breakdown.TOTAL, rows, null));
                continue;
            }
            CaseFigures.Counts counts = switch (measure) {
                case CLIENTS_WORKED_WITH -> figures.workedWith();
                case CLIENTS_TAKEN_ON -> figures.takenOn();
                case CLIENTS_ENDED -> figures.ended();
                case SESSIONS_HELD -> figures.sessions();
                case OUTCOMES_IMPROVED -> throw new IllegalStateException();
            };
            Count total = new Count(FunderReport.TOTAL, null, sum(counts.people()), sum(counts.sessions()));
            for (Breakdown breakdown : agreement.breakdowns()) {
                List<Count> categories = breakdown == Breakdown.TOTAL ? List.of() : areaGroups(counts);
                tables.add(new Counts(measure, breakdown, categories, total));
            }
        }
        return DisclosureControl.protect(threshold(org), tables);
    }

    /** Every area group, those with nobody included: an absent group must look like any small one. */
    private static List<Count> areaGroups(CaseFigures.Counts counts) {
        List<String> groups = new ArrayList<>();
        for (PhenomenonArea area : PhenomenonArea.values()) {
            groups.add(area.name());
        }
        groups.add(CaseFigures.SEVERAL_AREAS);
        groups.add(CaseFigures.NO_AREA);
        return groups.stream().map(g -> new Count(g, null, counts.people().getOrDefault(g, 0L),
                counts.sessions().getOrDefault(g, 0L))).toList();
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private Agreement agreement(UUID id, int version, UUID org, UUID programmeId, Terms t) {
        List<Breakdown> breakdowns = new ArrayList<>();
        breakdowns.add(Breakdown.TOTAL);
        t.breakdowns().stream().filter(b -> b != Breakdown.TOTAL).distinct().forEach(breakdowns::add);
        return new Agreement(id, version, org, programmeId, null, t.funderId(),
                t.measures().stream().distinct().sorted().toList(), breakdowns, t.periodMonths(),
                t.firstPeriodStart(), t.language(), t.agreedOn(), t.reference());
    }

    private void checkFunder(StaffPrincipal who, UUID funderId) {
        Optional<Partner> partner = partners.find(who.organisationId(), funderId);
        OutboundPolicy.Refusal reason = partner
                .flatMap(p -> OutboundPolicy.toPartner(OutboundPolicy.Channel.FUNDER_REPORT, p).refusal())
                .orElse(null);
        if (partner.isEmpty() || reason != null) {
            String code = reason == null ? "UNKNOWN_PARTNER" : reason.name();
            audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(),
                    ReportingActions.AGREEMENT_REFUSED, null, AuditDetail.of("reporting.refused", funderId, code)));
            throw new NotAFunder(reason);
        }
    }

    private static void requireReader(StaffPrincipal who) {
        if (!reader(who)) {
            throw new ForbiddenException();
        }
    }

    private static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }
}
