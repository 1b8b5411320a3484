package org.exitwork.disclosure.internal.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.accounts.Organisations;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditWording;
import org.exitwork.cases.AgreementDocuments;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.ClientRecords;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.DisclosureLog;
import org.exitwork.disclosure.internal.DisclosureLog.Ground;
import org.exitwork.disclosure.internal.Download;
import org.exitwork.disclosure.internal.WithheldFromTheClient;
import org.exitwork.disclosure.internal.gate.Decision;
import org.exitwork.disclosure.internal.DisclosureLog.Outgoing;
import org.exitwork.disclosure.internal.DisclosureLog.Recipient;
import org.exitwork.platform.DateFormats;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's right to know (R19): their report and their export, built from every
 * {@link ClientRecordPart}, the disclosures about them and who in the organisation opened or changed
 * their record. Only the tandem hands them out (a colleague who broke the glass may read, not hand
 * out); each download is a disclosure to the client, recorded by the gate in the same transaction.
 */
@Service
class ClientReports {

    /** {@code when} is ISO-8601 for the export; {@code shown} the same moment as the client reads it. */
    record DisclosureLine(String when, String shown, String channel, String to, List<String> what, String purpose) {
    }

    record AccessLine(String when, String shown, String who, String action, String code) {
    }

    /** Everything the client gets, in their language; the export is this as JSON, the PDF this as {@link Printed}. */
    record Report(String pseudonym, String name, String language, String createdAt, OrganisationContact organisation,
            List<ClientRecordSection> sections, List<DisclosureLine> disclosures, List<AccessLine> access,
            Printed printed) {
    }

    /**
     * The report as the client reads it: a one-page summary in plain words, then the details with every
     * date in the language's format, shares listed once (under what was passed on) and access grouped by
     * person and day.
     */
    record Printed(String created, String since, List<String> held, List<String> withheld, List<String> received,
            List<ClientRecordSection> sections, List<Visits> access) {
    }

    /** One person's reads and changes: on which days (how often each) and what they did (how often each). */
    record Visits(String who, String days, String did) {
    }

    private final CaseDirectory cases;
    private final ClientRecords records;
    private final ObjectProvider<ClientRecordPart> parts;
    private final DisclosureLog log;
    private final AuditLog audit;
    private final StaffDirectory staff;
    private final AgreementDocuments agreements;
    private final ReportPdf pdf;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Clock clock;
    private final List<WithheldFromTheClient> withholders;
    private final Organisations organisations;
    private final DateFormats dates;
    private final AuditWording wording;

    ClientReports(CaseDirectory cases, ClientRecords records, ObjectProvider<ClientRecordPart> parts, DisclosureLog log,
            AuditLog audit, StaffDirectory staff, AgreementDocuments agreements, ReportPdf pdf,
            MessageSource messages, JsonMapper json, Clock clock, List<WithheldFromTheClient> withholders,
            Organisations organisations, DateFormats dates, AuditWording wording) {
        this.withholders = List.copyOf(withholders);
        this.organisations = organisations;
        this.dates = dates;
        this.wording = wording;
        this.cases = cases;
        this.records = records;
        this.parts = parts;
        this.log = log;
        this.audit = audit;
        this.staff = staff;
        this.agreements = agreements;
        this.pdf = pdf;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** The case, if {@code who} is in its tandem; otherwise refused (audited by the gate and by cases). */
    @Transactional(readOnly = true)
    public CaseReference forTandem(StaffPrincipal who, UUID clientId, String what) {
        CaseReference ref = cases.find(who.organisationId(), clientId).orElseThrow(NotFoundException::new);
        Decision decision = ClientCopyDecision.handOut(cases.inTandem(who, clientId));
        if (decision.refused()) {
            log.refused(who, ref, Channel.TO_CLIENT, Recipient.theClient(), List.of(what), decision.refusal().get());
            cases.requireTandem(who, clientId, "hand out " + what.toLowerCase(Locale.ROOT));
            throw new ForbiddenException();
        }
        return ref;
    }

    /** The organisation as the report names it, for the page that hands the report out. */
    @Transactional(readOnly = true)
    public OrganisationContact sender(CaseReference ref) {
        return organisations.contact(ref.organisationId());
    }

    @Transactional
    public Download report(StaffPrincipal who, UUID clientId) {
        HandedOut out = handOut(who, clientId, "REPORT");
        return new Download("report-" + out.ref().pseudonym() + ".pdf", "application/pdf", pdf.render(out.report()));
    }

    @Transactional
    public Download export(StaffPrincipal who, UUID clientId) {
        HandedOut out = handOut(who, clientId, "EXPORT");
        CaseReference ref = out.ref();
        Report report = out.report();
        String content = out.content();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("export.json"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("report.pdf"));
            zip.write(pdf.render(report));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Download("export-" + ref.pseudonym() + ".zip", "application/zip", bytes.toByteArray());
    }

    /**
     * The work agreement for the client to keep (R3, R19): handed out by the tandem only, like the
     * report (a colleague who broke the glass reads the agreement on its page but does not hand it
     * out); cases renders it, checks its own access and audits; the gate records what left.
     */
    @Transactional
    public Download agreement(StaffPrincipal who, UUID clientId, int version) {
        CaseReference ref = forTandem(who, clientId, "WORK_AGREEMENT");
        AgreementDocuments.Document document = agreements.pdf(who, clientId, version);
        log.granted(who, ref, new Outgoing(Channel.TO_CLIENT, Recipient.theClient(), List.of("WORK_AGREEMENT"),
                Ground.workAgreement(version), null, Base64.getEncoder().encodeToString(document.bytes())));
        return new Download(document.fileName(), "application/pdf", document.bytes());
    }

    /** The report and its JSON, recorded as going to the client; {@code what} names the form it leaves in. */
    private HandedOut handOut(StaffPrincipal who, UUID clientId, String what) {
        CaseReference ref = forTandem(who, clientId, what);
        Report report = build(ref);
        String content = toJson(report);
        log.granted(who, ref, new Outgoing(Channel.TO_CLIENT, Recipient.theClient(), List.of(what), Ground.subjectAccess(),
                null, content));
        return new HandedOut(ref, report, content);
    }

    private record HandedOut(CaseReference ref, Report report, String content) {
    }

    private Report build(CaseReference ref) {
        ClientRecords.Cover cover = records.cover(ref);
        Locale language = cover.language();
        List<ClientRecordSection> sections = new ArrayList<>();
        parts.orderedStream().forEach(part -> sections.addAll(part.sections(ref, language)));

        List<DisclosureLog.Disclosure> disclosures = log.about(ref.organisationId(), ref.id()).stream()
                .filter(d -> d.channel() != Channel.DANGER_ALERT).toList();
        List<WithheldFromTheClient.Filter> withheld = withholders.stream().map(w -> w.forReport(ref)).toList();
        List<AuditEntry> entries = audit.about(ref.organisationId(), ref.pseudonym()).stream()
                .filter(e -> withheld.stream().noneMatch(f -> f.withholds(e))).toList();
        Set<UUID> people = new HashSet<>();
        entries.forEach(e -> {
            if (e.actorId() != null) {
                people.add(e.actorId());
            }
        });
        Map<UUID, String> names = people.isEmpty() ? Map.of() : staff.displayNames(ref.organisationId(), people);

        List<DisclosureLine> told = disclosures.stream().map(d -> new DisclosureLine(d.disclosedAt().toString(),
                dates.dateTime(d.disclosedAt(), language),
                text("report.channel." + d.channel().name(), d.channel().name(), language),
                d.toClient() ? text("report.to.you", "you", language) : d.recipient(),
                d.what().stream().map(w -> text("report.what." + w, w, language)).toList(), d.purpose())).toList();
        List<AccessLine> access = entries.stream().map(e -> new AccessLine(e.occurredAt().toString(),
                dates.dateTime(e.occurredAt(), language),
                e.actorId() == null ? wording.actor(e, language) : names.getOrDefault(e.actorId(), wording.actor(e, language)),
                text("report.action." + e.action(), wording.action(e.action(), language), language), e.action())).toList();
        Instant now = Instant.now(clock);
        OrganisationContact sender = organisations.contact(ref.organisationId());
        Printed printed = printed(cover, language, now, sections, disclosures, told, entries, access);
        return new Report(ref.pseudonym(), cover.fullName(), language.getLanguage(), now.toString(), sender,
                List.copyOf(sections), told, access, printed);
    }

    /** Shares are passed on: the report lists them once, under what was passed on, not again as a section. */
    private static final Set<String> LISTED_AS_PASSED_ON = Set.of("shares");
    /** A section that says what is kept but not in the report: the summary names it instead of counting it. */
    private static final String WITHHELD = "assessment";

    private Printed printed(ClientRecords.Cover cover, Locale language, Instant now, List<ClientRecordSection> sections,
            List<DisclosureLog.Disclosure> disclosures, List<DisclosureLine> told, List<AuditEntry> entries,
            List<AccessLine> access) {
        String since = cover.clientSince() != null
                ? text("report.summary.since", language, dates.date(cover.clientSince(), language),
                        dates.date(cover.firstRecorded(), language))
                : cover.firstRecorded() == null ? null
                : text("report.summary.since.prospect", language, dates.date(cover.firstRecorded(), language));
        List<ClientRecordSection> shown = sections.stream().filter(s -> !LISTED_AS_PASSED_ON.contains(s.key()))
                .map(s -> new ClientRecordSection(s.key(), s.title(), s.items().stream()
                        .map(i -> new ClientRecordSection.Item(dates.isoDatesIn(i.label(), language),
                                dates.isoDatesIn(i.value(), language)))
                        .toList()))
                .toList();
        List<String> held = new ArrayList<>();
        List<String> withheldNotes = new ArrayList<>();
        for (ClientRecordSection s : shown) {
            if (WITHHELD.equals(s.key())) {
                s.items().forEach(i -> withheldNotes.add(i.value()));
            } else {
                held.add(text("report.summary.held.item", language, s.title(), s.items().size()));
            }
        }
        List<String> received = new ArrayList<>();
        // Oldest first, as a story; the disclosure log gives them newest first.
        for (int i = disclosures.size() - 1; i >= 0; i--) {
            DisclosureLog.Disclosure d = disclosures.get(i);
            DisclosureLine line = told.get(i);
            String day = dates.date(d.disclosedAt(), language);
            if (d.channel() == Channel.SHARE) {
                received.add(text(d.purpose() == null ? "report.summary.share.no-purpose" : "report.summary.share",
                        language, day, String.join(", ", line.what()), line.to(), d.purpose()));
            } else if (d.channel() == Channel.CONFERENCE_MINUTES) {
                received.add(text("report.summary.minutes", language, day, line.to()));
            } else if (d.channel() == Channel.VIGNETTE_TO_PEERS) {
                received.add(text("report.summary.vignette", language, day, line.to()));
            } else if (d.channel() == Channel.SERVICE_REQUEST) {
                received.add(text("report.summary.service-request", language, day, String.join(", ", line.what()),
                        line.to(), d.purpose()));
            }
        }
        sections.stream().filter(s -> "danger-alerts".equals(s.key())).flatMap(s -> s.items().stream())
                .forEach(i -> received.add(text("report.summary.alert", language,
                        dates.isoDatesIn(i.label(), language), i.value())));
        return new Printed(dates.date(now, language), since, held, withheldNotes, received, shown,
                visits(entries, access, language));
    }

    /** Access grouped by person, in the order they first came; each person's days in time order. */
    private List<Visits> visits(List<AuditEntry> entries, List<AccessLine> access, Locale language) {
        record Visit(String who, Instant at, String did) {
        }
        List<Visit> all = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            all.add(new Visit(access.get(i).who(), entries.get(i).occurredAt(), access.get(i).action()));
        }
        all.sort(java.util.Comparator.comparing(Visit::at));
        Map<String, List<Visit>> byPerson = new LinkedHashMap<>();
        all.forEach(v -> byPerson.computeIfAbsent(v.who(), k -> new ArrayList<>()).add(v));
        List<Visits> out = new ArrayList<>();
        byPerson.forEach((who, visits) -> {
            Map<LocalDate, Integer> perDay = new TreeMap<>();
            Map<String, Integer> perAction = new LinkedHashMap<>();
            visits.forEach(v -> {
                perDay.merge(v.at().atZone(clock.getZone()).toLocalDate(), 1, Integer::sum);
                perAction.merge(v.did(), 1, Integer::sum);
            });
            List<String> days = perDay.entrySet().stream().map(e -> counted(dates.date(e.getKey(), language),
                    e.getValue(), language)).toList();
            List<String> did = perAction.entrySet().stream().map(e -> counted(e.getKey(), e.getValue(), language))
                    .toList();
            out.add(new Visits(who, text("report.access.days", language, who, perDay.size(), String.join(", ", days)),
                    text("report.access.did", language, String.join("; ", did))));
        });
        return out;
    }

    /** "2 Dec 2026" once, "2 Dec 2026 (4 times)" more often. */
    private String counted(String what, int times, Locale language) {
        return times == 1 ? what : text("report.access.times", language, what, times);
    }

    private String toJson(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "exitwork-client-export/1");
        root.put("pseudonym", report.pseudonym());
        root.put("name", report.name());
        root.put("language", report.language());
        root.put("createdAt", report.createdAt());
        root.put("organisation", report.organisation());
        root.put("sections", report.sections());
        root.put("disclosures", report.disclosures());
        root.put("access", report.access());
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private String text(String key, String fallback, Locale language) {
        return messages.getMessage(key, null, fallback, language);
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }
}
