package org.exitwork.cases.internal.programmes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.cases.CaseProgrammes;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.platform.BarChart;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.context.MessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which programme a case belongs to. The tandem chooses it, and a manager may (the choice says
 * nothing about the case's content, and managers run the programmes). Only a programme the
 * organisation has can be chosen; none at all is allowed and shown as "no programme".
 */
@Service
public class CaseProgrammeService implements CaseProgrammes {

    /** What the page shows: the case and its programme (null: none), and the programmes to choose from. */
    record Current(CaseRef ref, UUID programmeId, String programmeName, List<Choice> choices) {
    }

    /** The chosen programme is not one of the organisation's. */
    static final class UnknownProgramme extends RuntimeException {
        UnknownProgramme() {
            super("unknown programme");
        }
    }

    private final JdbcClient jdbc;
    private final CaseTallies tallies;
    private final CaseAccess access;
    private final ObjectProvider<Catalogue> catalogue;
    private final MessageSource messages;

    CaseProgrammeService(JdbcClient jdbc, CaseAccess access, ObjectProvider<Catalogue> catalogue,
            MessageSource messages, CaseTallies tallies) {
        this.tallies = tallies;
        this.messages = messages;
        this.jdbc = jdbc;
        this.access = access;
        this.catalogue = catalogue;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> programmeOf(UUID organisationId, UUID clientId) {
        return jdbc.sql("SELECT programme_id FROM cas_client WHERE org_id = ? AND id = ?")
                .params(organisationId, clientId).query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
                .optional().flatMap(o -> o);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean openClient(UUID organisationId, UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND id = ? AND stage = 'CLIENT'")
                .params(organisationId, clientId).query(Long.class).single() > 0;
    }

    public List<Choice> choices(UUID organisationId) {
        Catalogue answer = catalogue.getIfAvailable();
        return answer == null ? List.of() : answer.choices(organisationId);
    }

    /**
     * The case page's panel: the programme's name (null: none) and, per outcome, the first and the
     * latest rating made with the client as a chart (null when the programme has no outcomes).
     */
    public record Panel(UUID caseId, String programme, BarChart chart, boolean rated) {
    }

    /** For the case page, whose reading the caller has already checked and audited. */
    @Transactional(readOnly = true)
    public Panel panel(UUID organisationId, UUID clientId, Locale locale) {
        Optional<UUID> id = programmeOf(organisationId, clientId);
        Catalogue answer = catalogue.getIfAvailable();
        if (id.isEmpty() || answer == null) {
            return new Panel(clientId, null, null, false);
        }
        String name = answer.choices(organisationId).stream().filter(c -> c.id().equals(id.get()))
                .map(Choice::name).findFirst().orElse(null);
        List<OutcomeProgress> progress = answer.progress(organisationId, id.get(), clientId);
        if (progress.isEmpty()) {
            return new Panel(clientId, name, null, false);
        }
        String first = messages.getMessage("case.outcomes.first", null, locale);
        String latest = messages.getMessage("case.outcomes.latest", null, locale);
        List<BarChart.Group> groups = progress.stream().map(p -> new BarChart.Group(
                messages.getMessage("case.outcomes.label", new Object[] { p.outcome(), p.scaleMax() }, locale),
                Arrays.asList(p.first() == null ? null : (double) p.first(),
                        p.latest() == null ? null : (double) p.latest()),
                (double) p.scaleMax())).toList();
        BarChart chart = new BarChart("outcomes", messages.getMessage("case.outcomes.chart", null, locale),
                messages.getMessage("case.outcomes.chart.desc", null, locale),
                messages.getMessage("case.outcomes.heading", null, locale), List.of(first, latest), groups, 10, locale);
        return new Panel(clientId, name, chart, progress.stream().anyMatch(p -> p.first() != null));
    }

    @Transactional(readOnly = true)
    Current current(StaffPrincipal who, UUID clientId) {
        CaseRef ref = chooser(who, clientId, "read case programme");
        UUID id = programmeOf(who.organisationId(), clientId).orElse(null);
        List<Choice> choices = choices(who.organisationId());
        String name = choices.stream().filter(c -> c.id().equals(id)).map(Choice::name).findFirst().orElse(null);
        return new Current(ref, id, name, choices);
    }

    @Override
    @Transactional
    public void assign(StaffPrincipal who, UUID clientId, UUID programmeId) {
        choose(who, clientId, programmeId);
    }

    @Transactional
    void choose(StaffPrincipal who, UUID clientId, UUID programmeId) {
        CaseRef ref = chooser(who, clientId, "choose case programme");
        if (programmeId != null && choices(who.organisationId()).stream().noneMatch(c -> c.id().equals(programmeId))) {
            throw new UnknownProgramme();
        }
        tallies.touch(ref.id());
        jdbc.sql("UPDATE cas_client SET programme_id = ? WHERE org_id = ? AND id = ?")
                .params(programmeId, who.organisationId(), ref.id()).update();
        access.record(who, CaseProgrammeActions.CASE_PROGRAMME_CHOSEN, ref, programmeId == null
                ? AuditDetail.of("case.programme-none") : AuditDetail.of("case.programme-chosen", programmeId));
    }

    /** The tandem, or a manager of the organisation; anyone else is refused (and audited). */
    private CaseRef chooser(StaffPrincipal who, UUID clientId, String what) {
        if (who.is(Role.MANAGER)) {
            return access.find(who, clientId);
        }
        if (!who.is(Role.PRACTITIONER)) {
            throw new ForbiddenException();
        }
        return access.forTandem(who, clientId, what);
    }
}
