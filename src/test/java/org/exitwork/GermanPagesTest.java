package org.exitwork;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.GroupFixtures;
import org.exitwork.testing.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every page a role reaches by following links, in German, shows no English: no text that is an
 * English bundle value differing from its German one, no raw enum name, no unresolved message key and
 * no rule number. The organisation has rows everywhere (a case with sessions, context, consent,
 * share, threat log, alerts; partners, a group, appointments, referrals, audit entries), so tables
 * and their words are seen, not only empty states.
 */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GermanPagesTest {

    static final int PAGES_PER_ROLE = 150;
    static final Pattern LINK = Pattern.compile("<a\\s[^>]*href=\"([^\"]+)\"");
    static final Pattern TEXT = Pattern.compile(">([^<]+)<");
    static final Pattern ENUM_NAME = Pattern.compile("\\b[A-Z]{2,}(_[A-Z]+)+\\b");
    static final Pattern UNRESOLVED = Pattern.compile("\\?\\?[^?]+\\?\\?");
    static final Pattern RULE = Pattern.compile("\\bR\\d{1,2}\\b");
    /** Proper names and words that are the same in every language, though a bundle lists them. */
    static final Set<String> NAMES = Set.of("Exitwork", "English", "Deutsch");
    /** Links that leave the page for a file, switch language or end the session. */
    static final Pattern SKIPPED = Pattern.compile(
            ".*(/sign-out|lang=|\\.pdf|/pdf|/document|/download|/export|\\.json|/shared/|/api/|/v3/|/referral-form/).*");
    static final Cookie GERMAN = new Cookie("exitwork-lang", "de");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    org.exitwork.audit.AuditLog audit;

    final Map<Role, StaffPrincipal> people = new HashMap<>();
    /** The security partner, whom the gate refuses a share. */
    UUID police;
    /** The practitioner's client, a partner and the consent to share with it: for the pages reached by posting. */
    RegisteredClient client;
    UUID youthPartner;
    UUID youthConsent;
    /** English values that differ from their German ones, value to key. */
    final Map<String, String> english = new HashMap<>();

    @BeforeAll
    void anOrganisationWithRowsEverywhere() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = fixtures.manager(org.id());
        people.put(Role.PRACTITIONER, a);
        people.put(Role.MANAGER, manager);
        people.put(Role.DATA_PROTECTION_OFFICER, fixtures.staff(org, Role.DATA_PROTECTION_OFFICER));
        people.put(Role.ADMIN, org.admin());

        client = fixtures.client(a, b, Fixtures.unique("Klara Klient "));
        fixtures.note(a, client.id(), "Ein Vermerk");
        fixtures.prospect(a);
        done(post("/cases/{id}/sessions", client.id()).param("sessionDate", LocalDate.now(clock).minusDays(2).toString())
                .param("setting", "TANDEM").param("text", "Gespräch").param("nextSteps", "Schule anrufen"), a);
        done(post("/cases/{id}/context/persons", client.id()).param("relation", "PARENT").param("name", "Mutter"), a);
        done(post("/cases/{id}/safety/threats", client.id()).param("occurredOn", LocalDate.now(clock).minusDays(3)
                .toString()).param("kind", "THREATENED").param("fromWhom", "Jemand").param("whatHappened", "Bedroht"), a);
        done(post("/network/partners").param("name", "Jugendamt Nord").param("kind", "YOUTH_AND_FAMILY")
                .param("mandate", "Unterstützt Familien").param("agreement", "INFORMAL"), manager);
        UUID youth = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = 'Jugendamt Nord'").param(org.id())
                .query(UUID.class).single();
        done(post("/network/partners").param("name", "Polizei Mitte").param("kind", "POLICE").param("mandate", "Gefahrenabwehr")
                .param("agreement", "INFORMAL").param("contacts[0].name", "Kommissarin Weber")
                .param("contacts[0].phone", "+49 30 1234567").param("contacts[0].email", "weber@polizei.example"), manager);
        police = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = 'Polizei Mitte'").param(org.id())
                .query(UUID.class).single();
        // A programme with an outcome, the client in it and rated twice: the programme pages, the case's chart
        // and the manager's figures all have something to show.
        done(post("/programmes").param("name", "Ausstieg Süd").param("goal", "Ein Leben ohne Gewalt")
                .param("targetGroups", "Junge Menschen und ihre Familien").param("areas", "RIGHT_WING")
                .param("pathways", "SCHOOL").param("staff", a.id().toString()), manager);
        UUID programme = jdbc.sql("SELECT id FROM prg_programme WHERE org_id = ?").param(org.id()).query(UUID.class)
                .single();
        done(post("/programmes/{id}/outcomes", programme).param("name", "Abstand zur Szene").param("scaleMax", "5")
                .param("lowEn", "still inside").param("lowDe", "noch ganz drin").param("highEn", "no contact")
                .param("highDe", "kein Kontakt mehr").param("indicators[0].name", "Kontakte zur Szene")
                .param("indicators[0].direction", "DECREASE").param("indicators[0].baseline", "wöchentlich")
                .param("indicators[0].frequency", "MONTHLY"), manager);
        UUID outcome = jdbc.sql("SELECT id FROM prg_outcome WHERE programme_id = ?").param(programme).query(UUID.class)
                .single();
        done(post("/cases/{id}/programme", client.id()).param("programme", programme.toString()), a);
        for (int daysAgo : new int[] { 20, 2 }) {
            done(post("/cases/{id}/outcomes", client.id()).param("ratedOn", LocalDate.now(clock).minusDays(daysAgo)
                    .toString()).param("entries[0].outcome", outcome.toString()).param("entries[0].score", "3"), a);
        }
        UUID contact = jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(police)
                .query(UUID.class).single();
        done(post("/cases/{id}/consents", client.id()).param("partnerId", youth.toString()).param("purpose", "Hilfe")
                .param("kinds", "ATTENDANCE", "CASE_CONFERENCE").param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(3).toString()).param("informedHow", "WITH_INTERPRETER"), a);
        UUID consent = jdbc.sql("SELECT id FROM con_consent WHERE client_id = ?").param(client.id()).query(UUID.class).single();
        youthPartner = youth;
        youthConsent = consent;
        assertThat(mvc.perform(post("/cases/{id}/shares", client.id()).with(as(a)).with(csrf())
                .param("partnerId", youth.toString()).param("consentId", consent.toString()).param("kinds", "ATTENDANCE")
                .param("texts[4]", "Kam jede Woche").param("form", "JSON").param("language", "de")).andReturn()
                .getResponse().getStatus()).as("share granted").isEqualTo(200);
        for (boolean cannotWait : new boolean[] { false, true }) {
            done(post("/cases/{id}/danger-alerts", client.id()).param("partnerId", police.toString())
                    .param("contactId", contact.toString()).param("kind", "OTHER").param("danger", "Gefahr")
                    .param("atRisk", "Jemand").param("howSoon", "Jetzt").param("cannotWait", Boolean.toString(cannotWait)), b);
        }
        done(post("/cases/{id}/conferences", client.id()).param("heldOn", LocalDate.now(clock).toString())
                .param("purpose", "Fallkonferenz").param("invitees[0].partnerId", youth.toString())
                .param("invitees[0].chosen", "true"), a);
        UUID group = GroupFixtures.group(mvc, a, "Klasse 9b", "Eine Schule");
        GroupFixtures.participant(mvc, a, group);
        LocalDateTime now = LocalDateTime.now(clock).withSecond(0).withNano(0);
        done(post("/safety/appointments").param("startsAt", now.plusHours(1).toString())
                .param("endsAt", now.plusHours(2).toString()).param("placeKind", "HOME_VISIT").param("place", "Hauptstraße 1")
                .param("clientId", client.id().toString()), a);
        RegisteredClient closed = fixtures.client(a, b, Fixtures.unique("Abgeschlossen "));
        done(post("/cases/{id}/ending/completed", closed.id()).param("closedOn", LocalDate.now(clock).toString())
                .param("aftercarePlan", "Nachsorge").param("followUp1", LocalDate.now(clock).plusDays(20).toString()), a);
        // Audit entries of every kind: a failed sign-in, a wrong second factor written the old English way.
        new WebSession(mvc).post("/sign-in", "username", a.username(), "password", "falsch");
        jdbc.sql("SELECT 1").query(Integer.class).single(); // the sign-in wrote its entry in its own transaction
        // The outbound log: a share refused by the gate (the police receive no share) is written as codes.
        assertThat(mvc.perform(post("/cases/{id}/shares", client.id()).with(as(a)).with(csrf())
                .param("partnerId", police.toString()).param("consentId", consent.toString()).param("kinds", "ATTENDANCE")
                .param("texts[4]", "Kam jede Woche").param("form", "JSON").param("language", "de")).andReturn()
                .getResponse().getStatus()).as("share refused").isEqualTo(409);
        // Entries stored in English by earlier versions: the outbound log, a corrected appointment, a
        // training taken, a destroyed master-key version (whose subject was English too).
        UUID someone = UUID.randomUUID();
        for (String[] earlier : new String[][] {
                { "DISCLOSURE_GRANTED", client.pseudonym(), "channel=CONFERENCE_MINUTES to=partner " + youth
                        + " what=CONFERENCE_MINUTES why=conference " + someone + " consent " + consent + " disclosure=" + someone },
                { "DISCLOSURE_GRANTED", client.pseudonym(), "channel=TO_CLIENT to=client what=WORK_AGREEMENT "
                        + "why=work agreement version 2 disclosure=" + someone },
                { "DISCLOSURE_REFUSED", client.pseudonym(), "channel=SHARE to=partner " + police + " what=ATTENDANCE "
                        + "reason=ONE_WAY_STREET consent=" + consent },
                { "DISCLOSURE_REFUSED", client.pseudonym(), "channel=TO_CLIENT to=client what=REPORT reason=not in tandem" },
                { "DISCLOSURE_REFUSED", client.pseudonym(), "channel=CONFERENCE_MINUTES to=partner " + youth
                        + " what=CONFERENCE_MINUTES reason=no-valid-consent" },
                { "SAFETY_APPOINTMENT_CORRECTED", a.username(), "changed=times,place_kind version=2 stage=PLANNED on=2026-11-30" },
                { "TRAINING_RECORDED", a.username(), "2026-11-30" },
                { "MASTER_KEY_DESTROYED", "master key version 4711", "created 2026-01-01T09:00:00Z, retired 2026-06-01T09:00:00Z" } }) {
            audit.record(new org.exitwork.audit.AuditEvent(org.id(), a.id(), a.username(), earlier[0], earlier[1],
                    earlier[2]));
        }

        // Quality among peers: a peer of another organisation in a group with the practitioner, a meeting.
        String peerName = Fixtures.unique("peer").toLowerCase(java.util.Locale.ROOT);
        assertThat(mvc.perform(post("/peer-groups/peers").with(as(manager)).with(csrf()).param("displayName", "Petra Peer")
                .param("username", peerName).param("homeOrganisation", "Ausstiegshilfe Nord")).andReturn().getResponse()
                .getStatus()).as("peer invited").isEqualTo(200);
        UUID peerId = jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(peerName).query(UUID.class).single();
        people.put(Role.PEER, new StaffPrincipal(peerId, org.id(), peerName, "Petra Peer", Role.PEER));
        done(post("/peer-groups").param("name", "Kreuzevaluation Nord"), manager);
        UUID peerGroup = jdbc.sql("SELECT id FROM qua_peer_group WHERE org_id = ?").param(org.id()).query(UUID.class)
                .single();
        for (UUID member : List.of(a.id(), peerId)) {
            done(post("/peer-groups/{id}/members", peerGroup).param("staffId", member.toString()), manager);
        }
        done(post("/peer-groups/{id}/meetings", peerGroup).param("heldOn", LocalDate.now(clock).toString()), manager);
        // Case vignettes: a draft with a flag, one awaiting review and one released by the manager with the peer's
        // feedback, so the flags, the review and the group's thread are seen in German.
        vignette(a, peerGroup, "Ein Entwurf", "Er rief aus 0151 2345678 an.");
        UUID inReview = vignette(a, peerGroup, "Zur Prüfung", "Ein junger Mann und seine Zweifel.");
        done(post("/cases/{id}/vignettes/{v}/submit", client.id(), inReview).param("version", "0"), a);
        UUID released = vignette(a, peerGroup, "Langsamer Ausstieg", "Zwei Jahre, viele Gespräche.");
        done(post("/cases/{id}/vignettes/{v}/submit", client.id(), released).param("version", "0"), a);
        done(post("/vignettes/review/{v}/release", released).param("version", "1"), manager);
        done(post("/peer-groups/{g}/vignettes/{v}/feedback", peerGroup, released).param("principles", "TRUST")
                .param("text", "Viel Vertrauen"), people.get(Role.PEER));

        // A word that is German as well ("Partner", "Status", "Kind") is no sign of English.
        Set<String> germanWords = new java.util.HashSet<>();
        for (String bundle : bundles()) {
            Properties de = load("src/main/resources/i18n/" + bundle + "_de.properties");
            de.stringPropertyNames().forEach(k -> germanWords.add(de.getProperty(k).strip()));
        }
        for (String bundle : bundles()) {
            Properties en = load("src/main/resources/i18n/" + bundle + ".properties");
            Properties de = load("src/main/resources/i18n/" + bundle + "_de.properties");
            for (String key : en.stringPropertyNames()) {
                String value = en.getProperty(key).strip();
                if (value.length() >= 4 && !value.equals(de.getProperty(key, "").strip()) && !NAMES.contains(value)
                        && !value.contains("{") && !germanWords.contains(value)) {
                    english.put(value, bundle + ": " + key);
                }
            }
        }
    }

    private UUID vignette(StaffPrincipal author, UUID group, String title, String narrative) throws Exception {
        String location = mvc.perform(post("/cases/{id}/vignettes", client.id()).with(as(author)).with(csrf())
                .param("groupId", group.toString()).param("title", title).param("narrative", narrative)).andReturn()
                .getResponse().getRedirectedUrl();
        assertThat(location).as("vignette written").isNotNull();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private void done(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        assertThat(mvc.perform(request.with(as(who)).with(csrf())).andReturn().getResponse().getStatus())
                .as("set-up step").isEqualTo(302);
    }

    @Test
    void practitioner() throws Exception {
        assertGermanOnly(Role.PRACTITIONER);
    }

    /**
     * The question pages of the step flows are reached by posting, never by a link: each one, with an
     * error and without, and the check pages, in German.
     */
    @Test
    void questionPagesReachedByPosting() throws Exception {
        StaffPrincipal a = people.get(Role.PRACTITIONER);
        List<String> findings = new ArrayList<>();
        String shares = "/cases/" + client.id() + "/shares/steps/";
        String[][] share = {
                {"partner"},
                {"partner", "partnerId", youthPartner.toString()},
                {"purpose", "partnerId", youthPartner.toString(), "consentId", youthConsent.toString()},
                {"kinds", "partnerId", youthPartner.toString(), "consentId", youthConsent.toString(), "kinds", "ATTENDANCE"},
                {"texts", "kinds", "ATTENDANCE", "texts[4]", ""},
                {"texts", "partnerId", youthPartner.toString(), "consentId", youthConsent.toString(), "kinds", "ATTENDANCE",
                        "texts[4]", "Kam jede Woche"},
                {"form", "partnerId", youthPartner.toString(), "consentId", youthConsent.toString(), "kinds", "ATTENDANCE",
                        "texts[4]", "Kam jede Woche", "form", "PDF", "language", "de"}};
        for (String[] step : share) {
            findings.addAll(posted(shares + step[0], a, java.util.Arrays.copyOfRange(step, 1, step.length)));
        }
        String sessions = "/cases/" + client.id() + "/sessions/steps/";
        String date = LocalDate.now(clock).toString();
        String[][] session = {
                {"when"},
                {"when", "sessionDate", date, "setting", "CONTEXT_ONLY", "placeKind", "OFFICE"},
                {"who", "sessionDate", date, "setting", "CONTEXT_ONLY", "staff", a.id().toString()},
                {"what", "sessionDate", date, "setting", "CONTEXT_ONLY", "text", ""},
                {"what", "sessionDate", date, "setting", "CONTEXT_ONLY", "text", "Gespräch", "themes", "ANGER"},
                {"next", "sessionDate", date, "setting", "CONTEXT_ONLY", "text", "Gespräch", "nextStepsDue", date},
                {"next", "sessionDate", date, "setting", "CONTEXT_ONLY", "text", "Gespräch", "nextSteps", "Anrufen",
                        "nextMeeting", LocalDate.now(clock).plusDays(3) + "T10:00", "nextMeetingMinutes", "60",
                        "nextMeetingPlace", "OFFICE"}};
        for (String[] step : session) {
            findings.addAll(posted(sessions + step[0], a, java.util.Arrays.copyOfRange(step, 1, step.length)));
        }
        findings.addAll(posted(sessions + "who/change", a, "setting", "TANDEM", "checking", "true"));
        findings.addAll(posted(shares + "kinds/change", a, "partnerId", youthPartner.toString(), "checking", "true"));
        assertThat(findings).as("English, raw codes or rule numbers on German question pages").isEmpty();
    }

    private List<String> posted(String path, StaffPrincipal who, String... params) throws Exception {
        MockHttpServletRequestBuilder request = post(path).with(as(who)).with(csrf()).cookie(GERMAN);
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String html = response.getContentAsString();
        assertThat(response.getStatus()).as(path + " " + String.join(",", params)).isIn(200, 400);
        assertThat(html).as(path + " is German").contains("<html lang=\"de\"").contains("Schritt ");
        return findingsOn(path + " " + String.join(",", params), html);
    }

    @Test
    void manager() throws Exception {
        assertGermanOnly(Role.MANAGER);
    }

    @Test
    void dataProtectionOfficer() throws Exception {
        assertGermanOnly(Role.DATA_PROTECTION_OFFICER);
        // The audit log in words: actions, details written as codes, and parts of Exitwork that act.
        String audit = mvc.perform(get("/audit").with(as(people.get(Role.DATA_PROTECTION_OFFICER))).cookie(GERMAN))
                .andReturn().getResponse().getContentAsString();
        // Each cell carries its column's name for phones: the value is what follows the tag.
        assertThat(audit.replaceAll("<td [^>]*>", "<td>")).contains("<td>Anmeldung fehlgeschlagen</td>",
                "<td>falsches Passwort, Fehlversuch 1</td>", "<td>Konto angelegt</td>", "<td>Rolle: Fachkraft</td>",
                "<td>Kommandozeile</td>", "<td>Partner erfasst</td>", "<td>Polizei, Informelle Zusammenarbeit, 1 Kontakte</td>")
                .doesNotContain("SIGN_IN_FAILED", "ACCOUNT_CREATED", "wrong password", "command line");
        // The outbound log, as written now and as written before, and other entries stored in English.
        assertThat(audit.replaceAll("<td [^>]*>", "<td>")).contains(
                "Weitergabe an Partner " + police + ", Daten: Teilnahme an Terminen, aufgrund der Einwilligung ",
                ": abgelehnt, Sicherheitsbehörden (Polizei, Nachrichtendienste, Justiz, Staatsanwaltschaft) erhalten nur",
                "Protokoll einer Fallkonferenz an Partner ",
                "Ausfertigung für die Klientin oder den Klienten, Daten: Arbeitsvereinbarung, Fassung 2 der Arbeitsvereinbarung",
                "Ausfertigung für die Klientin oder den Klienten, Daten: diese Auskunft: abgelehnt, nicht im Tandem des Falls",
                "Daten: Protokoll einer Fallkonferenz: abgelehnt, keine heute gültige Einwilligung nennt Fallkonferenzen",
                "<td>geändert: Zeiten, Art des Ortes; Fassung 2, vor Beginn, Termin am 30.11.2026</td>",
                "<td>besucht am 30.11.2026</td>", "<td>Hauptschlüssel-Version 4711</td>")
                .doesNotContain("channel=", "reason=", "why=", "changed=", "not in tandem", "master key version",
                        "Danger alert", "to the client", ": refused");
    }

    @Test
    void administrator() throws Exception {
        assertGermanOnly(Role.ADMIN);
    }

    @Test
    void peer() throws Exception {
        assertGermanOnly(Role.PEER);
    }

    private void assertGermanOnly(Role role) throws Exception {
        StaffPrincipal who = people.get(role);
        // Chosen once: the language sticks in its cookie from then on.
        MockHttpServletResponse chosen = mvc.perform(get("/").param("lang", "de").with(as(who))).andReturn().getResponse();
        assertThat(chosen.getCookie(GERMAN.getName())).as("language chosen").isNotNull();
        Cookie language = chosen.getCookie(GERMAN.getName());

        Deque<String> toVisit = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(toVisit);
        List<String> findings = new ArrayList<>();
        int visited = 0;
        while (!toVisit.isEmpty() && visited < PAGES_PER_ROLE) {
            String path = toVisit.poll();
            MockHttpServletResponse response = mvc.perform(get(URI.create(path)).with(as(who)).cookie(language))
                    .andReturn().getResponse();
            if (response.getStatus() / 100 == 3 && response.getRedirectedUrl() != null) {
                follow(response.getRedirectedUrl(), toVisit, seen);
                continue;
            }
            String type = String.valueOf(response.getContentType());
            if (response.getStatus() != 200 || !type.startsWith("text/html")) {
                continue;
            }
            visited++;
            String html = response.getContentAsString();
            assertThat(html).as(path + " is German").contains("<html lang=\"de\"");
            findings.addAll(findingsOn(path, html));
            Matcher links = LINK.matcher(html);
            while (links.find()) {
                follow(HtmlUtils.htmlUnescape(links.group(1)), toVisit, seen);
            }
        }
        assertThat(visited).as(role + ": pages visited " + seen).isGreaterThanOrEqualTo(switch (role) {
            case PRACTITIONER -> 40;
            case MANAGER -> 25;
            // Their groups and each group's page: a peer reaches nothing else.
            case PEER -> 2;
            default -> 3;
        });
        assertThat(findings).as(role + ": English, raw codes or rule numbers on German pages").isEmpty();
    }

    private static void follow(String href, Deque<String> toVisit, Set<String> seen) {
        String link = href.replaceAll("#.*$", "");
        if (link.startsWith("http://localhost")) {
            link = link.substring("http://localhost".length());
        }
        if (!link.startsWith("/") || link.startsWith("//") || SKIPPED.matcher(link).matches() || !seen.add(link)) {
            return;
        }
        toVisit.add(link);
    }

    /** Each offending text node of a page, as "page: text". */
    List<String> findingsOn(String path, String html) {
        String visible = html.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<script.*?</script>", "")
                .replaceAll("(?s)<style.*?</style>", "").replaceAll("(?s)<pre.*?</pre>", "")
                // Setting names (environment variables) are shown as code on purpose.
                .replaceAll("(?s)<code>.*?</code>", "");
        List<String> found = new ArrayList<>();
        // Error summaries link to fields by id, labels name inputs by id: an id is there once.
        Matcher ids = java.util.regex.Pattern.compile("\\sid=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> seenIds = new java.util.HashSet<>();
        while (ids.find()) {
            if (!seenIds.add(ids.group(1))) {
                found.add(path + ": id \"" + ids.group(1) + "\" twice");
            }
        }
        Matcher text = TEXT.matcher(visible);
        while (text.find()) {
            String node = HtmlUtils.htmlUnescape(text.group(1)).strip();
            if (node.isEmpty()) {
                continue;
            }
            if (english.containsKey(node)) {
                found.add(path + ": English \"" + node + "\" (" + english.get(node) + ")");
            }
            if (ENUM_NAME.matcher(node).find()) {
                found.add(path + ": raw code \"" + node + "\"");
            }
            if (UNRESOLVED.matcher(node).find()) {
                found.add(path + ": unresolved \"" + node + "\"");
            }
            if (RULE.matcher(node).find()) {
                found.add(path + ": rule number \"" + node + "\"");
            }
        }
        return found;
    }

    static Set<String> bundles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties") && !n.contains("_de"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(Path.of(file))) {
            p.load(reader);
        }
        return p;
    }
}
