package org.exitwork.programme.internal.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseFigures;
import org.exitwork.platform.BarChart;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.programme.internal.ProgrammeActions;
import org.exitwork.programme.internal.design.Design.Programme;
import org.exitwork.programme.internal.design.Programmes;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manager's figures of one programme: counts and medians over its cases, from
 * {@link CaseFigures} (the cases module counts in SQL) and the outcome ratings (counted here in SQL).
 * Every chart is a group of cases: no pseudonym, no case id, no link to a case. The only people
 * named are staff, in the caseload. The charts are worked out once, in the reader's language, for
 * the page and for its CSV files alike.
 */
@Service
class Dashboard {

    /** Months shown: this one and the eleven before. */
    static final int MONTHS = 12;

    /**
     * Practitioners the page's caseload chart shows at most: those with the most open cases (a national
     * programme has a thousand; 1,000 bars are no chart and made the page grow with them). The CSV file has all.
     */
    static final int CASELOADS_SHOWN = 25;

    /** The figures in the order the page shows them; their ids name the CSV files. */
    static final List<String> FIGURES = List.of("stages", "areas", "pathways", "months", "sessions", "times",
            "attention", "caseload", "outcomes");

    record View(Programme programme, List<BarChart> charts) {
    }

    private final Programmes programmes;
    private final CaseFigures figures;
    private final OutcomeChanges outcomeChanges;
    private final StaffDirectory staff;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    Dashboard(Programmes programmes, CaseFigures figures, OutcomeChanges outcomeChanges, StaffDirectory staff,
            MessageSource messages, AuditLog audit, Clock clock) {
        this.programmes = programmes;
        this.figures = figures;
        this.outcomeChanges = outcomeChanges;
        this.staff = staff;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /** The whole dashboard; opening it is audited. */
    @Transactional
    View open(StaffPrincipal who, UUID programmeId, Locale locale) {
        View view = view(who, programmeId, locale, true);
        record(who, ProgrammeActions.DASHBOARD_OPENED, AuditDetail.of("programme.dashboard", programmeId));
        return view;
    }

    /** One figure for its CSV file; the download is audited. */
    @Transactional
    BarChart figure(StaffPrincipal who, UUID programmeId, String figure, Locale locale) {
        int index = FIGURES.indexOf(figure);
        if (index < 0) {
            throw new NotFoundException();
        }
        BarChart chart = view(who, programmeId, locale, false).charts().get(index);
        record(who, ProgrammeActions.FIGURES_DOWNLOADED, AuditDetail.of("programme.figures", programmeId, figure));
        return chart;
    }

    /** {@code page}: for the page (the caseload bounded), else for a CSV file (everything). */
    private View view(StaffPrincipal who, UUID programmeId, Locale locale, boolean page) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        Programme programme = programmes.get(who, programmeId);
        LocalDate today = LocalDate.now(clock);
        YearMonth to = YearMonth.from(today);
        YearMonth from = to.minusMonths(MONTHS - 1);
        CaseFigures.Figures f = figures.figures(
                CaseFigures.Scope.programme(who.organisationId(), programmeId, from, to), today);
        Texts t = new Texts(messages, locale);
        List<BarChart> charts = new ArrayList<>();

        String cases = t.msg("dashboard.series.cases");
        charts.add(chart(t, "stages", "dashboard.stages", t.msg("dashboard.heading.stage"), List.of(cases),
                f.byStage().entrySet().stream().map(e -> group(t.msg("stage." + e.getKey()), e.getValue())).toList()));
        charts.add(chart(t, "areas", "dashboard.areas", t.msg("dashboard.heading.area"), List.of(cases),
                f.byArea().entrySet().stream().map(e -> group(t.msg("phenomenon." + e.getKey().name()), e.getValue()))
                        .toList()));
        charts.add(chart(t, "pathways", "dashboard.pathways", t.msg("dashboard.heading.pathway"), List.of(cases),
                f.byPathway().entrySet().stream().map(e -> group(t.msg("pathway." + e.getKey().name()), e.getValue()))
                        .toList()));

        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM yyyy", locale);
        List<BarChart.Group> months = new ArrayList<>();
        for (int i = 0; i < f.takenOn().size(); i++) {
            months.add(new BarChart.Group(month.format(f.takenOn().get(i).month()),
                    List.of((double) f.takenOn().get(i).count(), (double) f.ended().get(i).count())));
        }
        charts.add(chart(t, "months", "dashboard.months", t.msg("dashboard.heading.month"),
                List.of(t.msg("dashboard.series.taken-on"), t.msg("dashboard.series.ended")), months));

        charts.add(chart(t, "sessions", "dashboard.sessions", t.msg("dashboard.heading.month"),
                List.of(t.msg("dashboard.series.sessions"), t.msg("dashboard.series.cases-seen"),
                        t.msg("dashboard.series.per-case")),
                f.sessions().stream().map(s -> new BarChart.Group(month.format(s.month()), java.util.Arrays.asList(
                        (double) s.sessions(), (double) s.cases(),
                        s.cases() == 0 ? null : Math.round(10.0 * s.sessions() / s.cases()) / 10.0))).toList()));

        charts.add(chart(t, "times", "dashboard.times", t.msg("dashboard.heading.from-first-contact"),
                List.of(t.msg("dashboard.series.median-days")), List.of(
                        new BarChart.Group(t.msg("dashboard.to-consent", f.toConsent().cases()),
                                java.util.Arrays.asList(rounded(f.toConsent().days()))),
                        new BarChart.Group(t.msg("dashboard.to-first-session", f.toFirstSession().cases()),
                                java.util.Arrays.asList(rounded(f.toFirstSession().days()))))));

        charts.add(chart(t, "attention", "dashboard.attention", t.msg("dashboard.heading.what"), List.of(cases),
                List.of(group(t.msg("dashboard.single-practitioner"), f.singlePractitioner()),
                        group(t.msg("dashboard.overdue-next-steps"), f.overdueNextSteps()))));

        Map<UUID, Long> caseload = f.caseload();
        String caseloadTitle = t.msg("dashboard.caseload");
        if (page && caseload.size() > CASELOADS_SHOWN) {
            caseloadTitle = t.msg("dashboard.caseload.most", CASELOADS_SHOWN, caseload.size());
            caseload = caseload.entrySet().stream()
                    .sorted(Map.Entry.<UUID, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(CASELOADS_SHOWN)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                            java.util.LinkedHashMap::new));
        }
        Map<UUID, String> names = staff.displayNames(who.organisationId(), caseload.keySet());
        charts.add(chart(t, "caseload", caseloadTitle, t.msg("dashboard.caseload.desc"),
                t.msg("dashboard.heading.practitioner"), List.of(t.msg("dashboard.series.open-cases")),
                caseload.entrySet().stream().map(e -> group(names.getOrDefault(e.getKey(), "?"), e.getValue())).toList()));

        charts.add(chart(t, "outcomes", "dashboard.outcomes", t.msg("dashboard.heading.outcome"),
                List.of(t.msg("dashboard.series.first"), t.msg("dashboard.series.latest")),
                outcomeChanges.of(who.organisationId(), programmeId).stream()
                        .map(c -> new BarChart.Group(
                                t.msg("dashboard.outcome", c.outcome(), c.scaleMax(), c.clients(), c.better(), c.worse()),
                                java.util.Arrays.asList(rounded(c.meanFirst()), rounded(c.meanLatest())),
                                (double) c.scaleMax()))
                        .toList()));
        return new View(programme, List.copyOf(charts));
    }

    private static BarChart chart(Texts t, String id, String key, String heading, List<String> series,
            List<BarChart.Group> groups) {
        return chart(t, id, t.msg(key), t.msg(key + ".desc"), heading, series, groups);
    }

    private static BarChart chart(Texts t, String id, String title, String description, String heading,
            List<String> series, List<BarChart.Group> groups) {
        double max = groups.stream().flatMap(g -> g.values().stream()).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        return new BarChart(id, title, description, heading, series, groups, max, t.locale());
    }

    private static BarChart.Group group(String label, long count) {
        return new BarChart.Group(label, List.of((double) count));
    }

    private static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    private void record(StaffPrincipal who, String action, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, null, detail));
    }

    private record Texts(MessageSource messages, Locale locale) {

        String msg(String key, Object... args) {
            return messages.getMessage(key, args, locale);
        }
    }
}
