package org.exitwork.cases.internal.sessions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditWording;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.UnreadableException;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R4, R6, R19, R20: a recorded session can be corrected or cancelled by the tandem; every earlier
 * version stays readable to them as history, encrypted like the session; the client's report shows
 * the current version and that it was corrected; erasure leaves no version behind. And a session
 * with the client's context alone does not tick the client.
 */
@DatabaseTest
@AutoConfigureMockMvc
class SessionCorrectionsTest {

    @Autowired
    org.exitwork.cases.Erasure erasure;

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditWording wording;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    SessionService sessions;

    @Autowired
    List<ClientRecordPart> recordParts;

    @Autowired
    ClientKeys keys;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal colleague;
    RegisteredClient client;
    LocalDate today;

    @BeforeEach
    void aCaseWithATandem() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Correction Client "));
        today = sessions.today();
    }

    String url() {
        return "/cases/" + client.id() + "/sessions";
    }

    /** A valid form (session or correction) with {@code fields} replacing or adding single fields. */
    MockHttpServletRequestBuilder form(String path, String text, String... fields) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("sessionDate", List.of(today.minusDays(1).toString()));
        form.put("setting", List.of("ONE_ON_ONE"));
        form.put("clientPresent", List.of("true"));
        form.put("staff", List.of(a.id().toString()));
        form.put("themes", List.of("ANGER"));
        form.put("text", List.of(text));
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            given.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
        }
        form.putAll(given);
        MockHttpServletRequestBuilder request = post(path).with(csrf());
        form.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
        return request;
    }

    UUID record(String text, String... fields) throws Exception {
        List<UUID> before = sessionIds();
        MockHttpServletResponse response = mvc.perform(form(url(), text, fields).with(as(a))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        List<UUID> after = new ArrayList<>(sessionIds());
        after.removeAll(before);
        assertThat(after).hasSize(1);
        return after.get(0);
    }

    List<UUID> sessionIds() {
        return jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ?").param(client.id()).query(UUID.class)
                .list();
    }

    MockHttpServletRequestBuilder correction(UUID session, int basedOn, String text, String reason, String... fields) {
        List<String> all = new ArrayList<>(List.of("basedOn", String.valueOf(basedOn), "reason", reason));
        all.addAll(List.of(fields));
        return form(url() + "/" + session + "/correct", text, all.toArray(String[]::new));
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who))).andReturn().getResponse();
    }

    @Test
    void aCorrectionKeepsTheOriginalAndTheHistoryShowsBothVersionsInOrder() throws Exception {
        UUID session = record("Original note: met at the station.", "nextSteps", "Call the school");
        MockHttpServletResponse page = perform(get(url() + "/" + session + "/correct"), b);
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("Original note: met at the station.")
                .contains("name=\"basedOn\" value=\"1\"");

        MockHttpServletResponse saved = perform(correction(session, 1, "Corrected note: met at the office.",
                "The place was wrong", "themes", "ANGER", "themes", "SHAME_GUILT", "staff", a.id().toString(),
                "staff", b.id().toString(),
                "nextSteps", "Call the school"), b);
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo(url() + "#session-" + session);

        SessionService.Session current = sessions.page(a, client.id()).sessions().get(0);
        assertThat(current.note()).isEqualTo("Corrected note: met at the office.");
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.corrected()).isTrue();
        assertThat(current.correctedBy()).isEqualTo(b.displayName());
        assertThat(current.author()).as("the session stays the one a recorded").isEqualTo(a.displayName());
        assertThat(current.themes()).containsExactlyInAnyOrder(Theme.ANGER, Theme.SHAME_GUILT);

        SessionService.History history = sessions.history(a, client.id(), session);
        assertThat(history.versions()).extracting(SessionService.Version::number).containsExactly(1, 2);
        assertThat(history.versions()).extracting(v -> v.content().note())
                .containsExactly("Original note: met at the station.", "Corrected note: met at the office.");
        assertThat(history.versions()).extracting(SessionService.Version::author)
                .containsExactly(a.displayName(), b.displayName());
        assertThat(history.versions()).extracting(SessionService.Version::reason)
                .containsExactly(null, "The place was wrong");
        assertThat(history.versions().get(0).content().themes()).containsExactly(Theme.ANGER);
        assertThat(history.versions().get(0).content().staff()).containsExactly(a.displayName());
        assertThat(history.versions().get(1).content().staff()).containsExactlyInAnyOrder(a.displayName(),
                b.displayName());

        String shown = perform(get(url() + "/" + session + "/history"), b).getContentAsString();
        assertThat(shown.indexOf("Original note: met at the station."))
                .isPositive().isLessThan(shown.indexOf("Corrected note: met at the office."));
        assertThat(shown).contains("Version 1").contains("Version 2").contains("The place was wrong");
        String list = perform(get(url()), a).getContentAsString();
        assertThat(list).contains("Corrected note: met at the office.")
                .doesNotContain("Original note: met at the station.")
                .contains(url() + "/" + session + "/history");

        // A second correction keeps both earlier versions.
        assertThat(perform(correction(session, 2, "Third version.", "Typo"), a).getStatus()).isEqualTo(302);
        assertThat(sessions.history(b, client.id(), session).versions()).extracting(v -> v.content().note())
                .containsExactly("Original note: met at the station.", "Corrected note: met at the office.",
                        "Third version.");

        List<AuditEntry> corrected = audit.about(org.id(), client.pseudonym()).stream()
                .filter(e -> e.action().equals(SessionActions.SESSION_CORRECTED)).toList();
        assertThat(corrected).extracting(AuditEntry::detail).containsExactlyInAnyOrder(
                "@session.corrected|" + today.minusDays(1) + "|2|PARTICIPANTS,THEMES,NOTE",
                "@session.corrected|" + today.minusDays(1) + "|3|PARTICIPANTS,THEMES,NOTE,NEXT_STEPS");
        String third = "@session.corrected|" + today.minusDays(1) + "|3|PARTICIPANTS,THEMES,NOTE,NEXT_STEPS";
        assertThat(wording.detail(third, Locale.GERMAN)).isEqualTo("Gespräch vom "
                + today.minusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"))
                + ", Fassung 3, geändert: Teilnehmende, Themen, Notiz, nächste Schritte");
        assertThat(wording.detail(third, Locale.ENGLISH)).isEqualTo("session of "
                + today.minusDays(1).format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH))
                + ", version 3, changed: participants, themes, note, next steps");
        assertThat(actions()).contains(SessionActions.SESSION_HISTORY_READ);
    }

    @Test
    void aCancelledSessionCountsNoMoreAndCannotBeCorrected() throws Exception {
        UUID session = record("Recorded in the wrong case.", "nextSteps", "Visit the job centre",
                "nextStepsDue", today.plusDays(3).toString());
        record("A real session.");
        assertThat(sessions.summary(a, client.id()).sessions()).isEqualTo(2);

        assertThat(perform(get(url() + "/" + session + "/cancel"), a).getStatus()).isEqualTo(200);
        MockHttpServletResponse cancelled = perform(post(url() + "/" + session + "/cancel").with(csrf())
                .param("basedOn", "1").param("reason", "Belongs to another case"), b);
        assertThat(cancelled.getStatus()).isEqualTo(302);
        assertThat(cancelled.getRedirectedUrl()).isEqualTo(url() + "#session-" + session);

        SessionService.Summary summary = sessions.summary(a, client.id());
        assertThat(summary.sessions()).isEqualTo(1);
        assertThat(summary.openSteps()).isEmpty();
        String list = perform(get(url()), a).getContentAsString();
        assertThat(list).contains("Cancelled as recorded in error by " + b.displayName())
                .contains("Belongs to another case").doesNotContain("Recorded in the wrong case.")
                .doesNotContain(url() + "/" + session + "/correct");
        assertThat(perform(get(url() + "/" + session + "/history"), a).getContentAsString())
                .contains("Recorded in the wrong case.").contains("Belongs to another case");

        assertThat(perform(get("/cases/search").param("q", "wrong case"), a).getContentAsString())
                .as("a cancelled session leaves the search").doesNotContain("Recorded in the wrong case.");
        assertThat(perform(get(url() + "/" + session + "/correct"), a).getStatus()).isEqualTo(409);
        assertThat(perform(correction(session, 1, "Too late", "Why not"), a).getStatus()).isEqualTo(409);
        assertThat(perform(post(url() + "/" + session + "/cancel").with(csrf()).param("basedOn", "1")
                .param("reason", "Again"), a).getStatus()).isEqualTo(409);
        assertThat(actions().stream().filter(SessionActions.SESSION_CANCELLED::equals)).hasSize(1);
    }

    @Test
    void aCorrectionBasedOnAnOutdatedVersionIsRefusedAndLosesNothing() throws Exception {
        UUID session = record("Version one.");
        assertThat(perform(correction(session, 1, "A's correction.", "A saw a mistake"), a).getStatus())
                .isEqualTo(302);

        // b opened the form before a saved: b's correction is refused, not written over a's.
        MockHttpServletResponse stale = perform(correction(session, 1, "B's correction.", "B saw another"), b);
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentAsString())
                .contains(a.displayName() + " changed this session after you opened this form")
                .contains("B&#39;s correction.").contains("data-testid=\"current-version\"")
                .contains("A&#39;s correction.").contains("name=\"basedOn\" value=\"2\"");
        assertThat(sessions.page(a, client.id()).sessions().get(0).note()).isEqualTo("A's correction.");
        assertThat(versions(session)).isEqualTo(1);

        assertThat(perform(post(url() + "/" + session + "/cancel").with(csrf()).param("basedOn", "1")
                .param("reason", "Out of date"), b).getStatus()).isEqualTo(409);
        assertThat(sessions.page(a, client.id()).sessions().get(0).cancelled()).isFalse();

        // Saved again from the current version, it goes through.
        assertThat(perform(correction(session, 2, "B's correction.", "B saw another"), b).getStatus())
                .isEqualTo(302);
        assertThat(sessions.history(a, client.id(), session).versions()).extracting(v -> v.content().note())
                .containsExactly("Version one.", "A's correction.", "B's correction.");
    }

    @Test
    void aCorrectionThatFailsValidationChangesNothingAndShowsTheErrorAtTheField() throws Exception {
        UUID session = record("Stays as it is.");
        List<MockHttpServletRequestBuilder> bad = List.of(
                correction(session, 1, "   ", "Reason"),
                correction(session, 1, "New text", ""),
                correction(session, 1, "New text", "r".repeat(2001)),
                correction(session, 1, "New text", "Reason", "sessionDate", today.plusDays(1).toString()),
                correction(session, 1, "New text", "Reason", "setting", "INTERROGATION"),
                correction(session, 1, "New text", "Reason", "staff", colleague.id().toString()),
                correction(session, 1, "New text", "Reason", "nextMeeting", today.plusDays(3).atTime(10, 0).toString(),
                        "nextMeetingPlace", "OFFICE", "nextMeetingMinutes", "2"),
                correction(session, 1, "New text", "Reason", "durationMinutes", "many"),
                form(url() + "/" + session + "/correct", "New text", "reason", "No version"));
        int audited = actions().size();
        for (MockHttpServletRequestBuilder request : bad) {
            MockHttpServletResponse response = perform(request, a);
            assertThat(response.getStatus()).as("bad correction %s", bad.indexOf(request)).isEqualTo(400);
            assertThat(response.getContentAsString()).as("bad correction %s", bad.indexOf(request))
                    .contains("class=\"problem\" role=\"alert\"").contains("class=\"error\"");
        }
        MockHttpServletResponse tooShort = perform(correction(session, 1, "New text", "Reason", "nextMeeting",
                today.plusDays(3).atTime(10, 0).toString(), "nextMeetingMinutes", "2"), a);
        assertThat(tooShort.getContentAsString()).contains("id=\"nextMeetingMinutes-error\"")
                .contains("Please plan at least 5 minutes.");
        assertThat(perform(correction(session, 1, "New text", ""), a).getContentAsString())
                .contains("id=\"reason-error\"").contains("Please say why.");

        SessionService.Session s = sessions.page(a, client.id()).sessions().get(0);
        assertThat(s.note()).isEqualTo("Stays as it is.");
        assertThat(s.version()).isEqualTo(1);
        assertThat(versions(session)).isZero();
        assertThat(actions().subList(audited, actions().size())).doesNotContain(SessionActions.SESSION_CORRECTED);
        // A cancellation without a reason changes nothing either.
        assertThat(perform(post(url() + "/" + session + "/cancel").with(csrf()).param("basedOn", "1")
                .param("reason", " "), a).getStatus()).isEqualTo(400);
        assertThat(sessions.page(a, client.id()).sessions().get(0).cancelled()).isFalse();
    }

    @Test
    void theClientsReportShowsTheCurrentVersionSaysItWasCorrectedAndShowsACancelledSessionAsCancelled()
            throws Exception {
        UUID corrected = record("Report original text.");
        perform(correction(corrected, 1, "Report corrected text.", "Wrong date"), a);
        UUID cancelled = record("Report text of a session in error.", "sessionDate", today.minusDays(2).toString());
        perform(post(url() + "/" + cancelled + "/cancel").with(csrf()).param("basedOn", "1")
                .param("reason", "Did not take place"), a);

        ClientRecordSection section = recordParts.stream()
                .flatMap(p -> p.sections(new CaseReference(client.id(), org.id(), client.pseudonym(),
                        List.of(a.id(), b.id())), Locale.ENGLISH).stream())
                .filter(s -> s.key().equals("sessions")).findFirst().orElseThrow();
        assertThat(section.items()).hasSize(2);
        ClientRecordSection.Item first = section.items().get(0);
        assertThat(first.label()).isEqualTo("Session on " + today.minusDays(1));
        assertThat(first.value()).contains("Report corrected text.").contains("Corrected on " + today + ".")
                .doesNotContain("Report original text.");
        ClientRecordSection.Item second = section.items().get(1);
        assertThat(second.value()).isEqualTo("Cancelled on " + today
                + ": recorded in error. Reason given: Did not take place");

        ClientRecordSection german = recordParts.stream()
                .flatMap(p -> p.sections(new CaseReference(client.id(), org.id(), client.pseudonym(),
                        List.of(a.id(), b.id())), Locale.GERMAN).stream())
                .filter(s -> s.key().equals("sessions")).findFirst().orElseThrow();
        assertThat(german.items().get(0).value()).contains("Korrigiert am " + today + ".");
        assertThat(german.items().get(1).value()).startsWith("Storniert am " + today);

        // Through the disclosure gate, as the client gets it: the export holds the same, and the
        // access list says that a session was corrected.
        MockHttpServletResponse export = perform(get("/cases/" + client.id() + "/client-report/export"), a);
        assertThat(export.getStatus()).isEqualTo(200);
        String json = null;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(export.getContentAsByteArray()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("export.json")) {
                    json = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(json).contains("Report corrected text.").contains("Corrected on " + today + ".")
                .contains("Reason given: Did not take place").contains("corrected a session")
                .doesNotContain("Report original text.").doesNotContain("Report text of a session in error.");
    }

    @Test
    void noVersionIsReadableInTheDatabaseAndErasureRemovesEveryVersion() throws Exception {
        UUID session = record("Firstversionmarker Quorbelfenwick", "nextSteps", "Stepsmarker Wimbletonquay");
        perform(correction(session, 1, "Secondversionmarker Zandorquillet", "Reasonmarker Plinthmoorgate",
                "nextSteps", "Stepsmarker Wimbletonquay"), a);
        perform(correction(session, 2, "Thirdversionmarker Yollobrackwater", "Reasonmarker Gorsewallaby"), b);
        UUID other = record("Cancelmarker Traskhollowell");
        perform(post(url() + "/" + other + "/cancel").with(csrf()).param("basedOn", "1")
                .param("reason", "Cancelreasonmarker Hoylefernbrake"), a);
        assertThat(versions(session)).isEqualTo(2);

        // What someone with a database login sees: no text of any version, reason or cancellation. (Markers long
        // enough that no random bytes of the database, a password hash say, contain one by chance.)
        List<String> markers = List.of("Firstversionmarker", "Quorbelfenwick", "Secondversionmarker",
                "Zandorquillet", "Thirdversionmarker", "Yollobrackwater", "Reasonmarker", "Plinthmoorgate",
                "Gorsewallaby", "Stepsmarker", "Wimbletonquay", "Cancelmarker", "Traskhollowell", "Cancelreasonmarker",
                "Hoylefernbrake");
        assertThat(DatabaseScan.find(dataSource, List.of(client.pseudonym()))).as("the scan can find").isNotEmpty();
        assertThat(DatabaseScan.find(dataSource, markers)).isEmpty();
        // A version's ciphertext copied into another version's row does not open (bound to its row).
        List<byte[]> contents = jdbc.sql("SELECT content FROM cas_session_version WHERE session_id = ? ORDER BY version")
                .param(session).query(byte[].class).list();
        UUID secondId = jdbc.sql("SELECT id FROM cas_session_version WHERE session_id = ? AND version = 2")
                .param(session).query(UUID.class).single();
        assertThatThrownBy(() -> keys.cipherFor(client.id()).row("cas_session_version", secondId)
                .open("content", contents.get(0))).isInstanceOf(RuntimeException.class);

        mvc.perform(post("/cases/{id}/ending/clients-choice", client.id()).with(as(a)).with(csrf())
                .param("endedOn", today.toString()).param("eraseNow", "true"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(client.id()).query(Long.class)
                .single()).as("erased").isZero();
        erasure.purgeErased();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_session_version WHERE session_id IN (?, ?) OR client_id = ?")
                .params(session, other, client.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_session_note WHERE id IN (?, ?) OR client_id = ?")
                .params(session, other, client.id()).query(Long.class).single()).isZero();
        for (String table : DatabaseScan.tables(dataSource)) {
            if (table.toLowerCase(Locale.ROOT).startsWith("cas_session_")
                    && !table.equalsIgnoreCase("cas_session_note")) {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE session_id IN (?, ?)")
                        .params(session, other).query(Long.class).single()).as(table).isZero();
            }
        }
        assertThatThrownBy(() -> keys.cipherFor(client.id())).isInstanceOf(UnreadableException.class);
    }

    @Test
    void onlyTheTandemCorrectsAndCancelsAndNobodyOutsideItReadsTheHistory() throws Exception {
        UUID session = record("History only for the tandem.");
        perform(correction(session, 1, "Corrected for the tandem.", "Reason"), a);
        List<MockHttpServletRequestBuilder> requests = List.of(
                get(url() + "/" + session + "/history"),
                get(url() + "/" + session + "/correct"),
                correction(session, 2, "Outsider", "Outsider"),
                get(url() + "/" + session + "/cancel"),
                post(url() + "/" + session + "/cancel").with(csrf()).param("basedOn", "2").param("reason", "Outsider"),
                get(url() + "/participants").param("setting", "TANDEM"));
        for (Role role : new Role[] {Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER, Role.ADMIN}) {
            StaffPrincipal outsider = role == Role.PRACTITIONER ? colleague
                    : role == Role.ADMIN ? org.admin() : fixtures.staff(org, role);
            for (MockHttpServletRequestBuilder request : requests) {
                MockHttpServletResponse response = perform(request, outsider);
                assertThat(response.getStatus()).as(role + " " + requests.indexOf(request)).isEqualTo(403);
                assertThat(response.getContentAsString()).doesNotContain("History only for the tandem.")
                        .doesNotContain("Corrected for the tandem.");
            }
        }
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        for (MockHttpServletRequestBuilder request : requests) {
            assertThat(perform(request, stranger).getStatus()).isEqualTo(404);
        }
        // A session of another case is not found under this case's address.
        RegisteredClient second = fixtures.client(a, b, Fixtures.unique("Second "));
        assertThat(perform(get("/cases/" + second.id() + "/sessions/" + session + "/history"), a).getStatus())
                .isEqualTo(404);
        assertThat(perform(get("/cases/" + second.id() + "/sessions/" + session + "/correct"), a).getStatus())
                .isEqualTo(404);

        // A colleague who broke the glass reads the history, but corrects nothing.
        mvc.perform(post("/cases/" + client.id() + "/break-glass").with(as(colleague)).with(csrf())
                .param("reason", "EMERGENCY").param("explanation", "Client in crisis, tandem away"));
        MockHttpServletResponse history = perform(get(url() + "/" + session + "/history"), colleague);
        assertThat(history.getStatus()).isEqualTo(200);
        assertThat(history.getContentAsString()).contains("History only for the tandem.")
                .doesNotContain(url() + "/" + session + "/correct\"");
        assertThat(perform(correction(session, 2, "Glass", "Glass"), colleague).getStatus()).isEqualTo(403);
        assertThat(sessions.page(a, client.id()).sessions().get(0).note()).isEqualTo("Corrected for the tandem.");
    }

    @Test
    void theParticipantsFollowTheSetting() throws Exception {
        // No setting chosen yet, and any setting with the client: the client and the one recording.
        String plain = perform(get(url()), a).getContentAsString();
        assertThat(checked(plain, "clientPresent", "true")).isTrue();
        assertThat(checked(plain, "staff", a.id().toString())).isTrue();
        assertThat(checked(plain, "staff", b.id().toString())).isFalse();
        assertThat(plain).contains("hx-get=\"" + url() + "/participants\"");

        // A session with the client's context alone: the client is not ticked.
        String context = perform(get(url() + "/participants").param("setting", "CONTEXT_ONLY"), a)
                .getContentAsString();
        assertThat(context.strip()).startsWith("<fieldset").contains("id=\"participants\"");
        assertThat(checked(context, "clientPresent", "true")).isFalse();
        assertThat(checked(context, "staff", a.id().toString())).isTrue();
        assertThat(checked(context, "staff", b.id().toString())).isFalse();

        // With both of the tandem: both ticked, and the client.
        String tandem = perform(get(url() + "/participants").param("setting", "TANDEM"), b).getContentAsString();
        assertThat(checked(tandem, "clientPresent", "true")).isTrue();
        assertThat(checked(tandem, "staff", a.id().toString())).isTrue();
        assertThat(checked(tandem, "staff", b.id().toString())).isTrue();

        // Without script: the page opened for a setting starts from the same defaults.
        String page = perform(get(url()).param("setting", "CONTEXT_ONLY"), a).getContentAsString();
        assertThat(checked(page, "clientPresent", "true")).isFalse();
        assertThat(page).contains("<option value=\"CONTEXT_ONLY\" selected=\"selected\">");
        assertThat(actions()).contains(SessionActions.SESSION_PARTICIPANTS_READ);

        // The service's rule, for every setting.
        for (Setting setting : Setting.values()) {
            SessionService.Participants p = SessionService.Participants.of(setting, a.id(), List.of(a.id(), b.id()));
            assertThat(p.client()).as(setting.name()).isEqualTo(setting != Setting.CONTEXT_ONLY);
            assertThat(p.staff()).as(setting.name())
                    .isEqualTo(setting == Setting.TANDEM ? java.util.Set.of(a.id(), b.id()) : java.util.Set.of(a.id()));
        }
    }

    /** Whether the checkbox {@code name} with {@code value} is rendered ticked. */
    static boolean checked(String html, String name, String value) {
        Matcher inputs = Pattern.compile("<input[^>]*>").matcher(html);
        while (inputs.find()) {
            String input = inputs.group();
            if (input.contains("type=\"checkbox\"") && input.contains("name=\"" + name + "\"")
                    && input.contains("value=\"" + value + "\"")) {
                return input.contains("checked");
            }
        }
        throw new AssertionError("no checkbox " + name + "=" + value);
    }

    private long versions(UUID session) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_session_version WHERE session_id = ?").param(session)
                .query(Long.class).single();
    }

    private List<String> actions() {
        return audit.about(org.id(), client.pseudonym()).stream().map(AuditEntry::action).toList();
    }
}
