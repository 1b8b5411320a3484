package org.exitwork.cases;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditWording;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.UnreadableException;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.GroupFixtures;
import org.exitwork.testing.GroupFixtures.Participant;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * R13 under R6 and R20: a group's leaders give participants private labels that only they read,
 * sealed with the group's key; and a leader opens a case for a participant through the usual intake,
 * linked so that only the case's tandem sees it. Erasing the case takes the link and the label;
 * erasing the group leaves the case.
 */
@DatabaseTest
@AutoConfigureMockMvc
class GroupLabelsAndCasesTest {

    /** The label's words; each is searched for on its own, so no fragment survives anywhere. */
    static final String LABEL = "Labelmarker tall one, Jacketmarker blue";
    static final String CHANGED = "Cousinmarker of the kiosk owner";

    @Autowired
    AuditWording wording;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    Erasure erasure;

    @Autowired
    ClientKeys keys;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    /** Leads the group. */
    StaffPrincipal a;
    /** Leads the group with A. */
    StaffPrincipal c;
    /** A practitioner who does not lead the group. */
    StaffPrincipal colleague;
    UUID group;
    Participant first;
    Participant second;

    @BeforeEach
    void aGroupWithTwoParticipants() throws Exception {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        c = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        group = GroupFixtures.group(mvc, a, "Class 8a Thursday", "Labelschool", c);
        first = GroupFixtures.participant(mvc, a, group);
        second = GroupFixtures.participant(mvc, a, group);
    }

    // --- private labels ---

    @Test
    void leadersGiveChangeAndRemoveALabelAndEachStepIsAuditedWithoutItsText() throws Exception {
        label(a, first, LABEL).andExpect(status().isFound())
                .andExpect(redirectedUrl("/groups/" + group + "#participants"))
                .andExpect(flash().attribute("notice", "group.notice.labelled"));
        assertThat(labelOnPage(page(a), first)).isEqualTo(LABEL);
        assertThat(labelOnPage(page(c), first)).as("the co-leader reads it too").isEqualTo(LABEL);
        assertThat(labelOnPage(page(a), second)).as("the other participant has none").isEmpty();
        assertThat(body(get("/groups/{id}/sessions/new", group), c)).as("the attendance list shows it")
                .contains(first.pseudonym(), "(" + LABEL + ")");
        assertThat(body(get("/groups/{id}/participants/{p}/label", group, first.id()), a))
                .contains("value=\"" + LABEL + "\"", "Remove the label");

        // Both languages, and the page says who sees labels and cases and what erasure does.
        assertThat(page(a)).contains("Private label", "Give a label", "Open a case",
                "the group keeps the pseudonym and the attendance. When the group is erased, the case stays.");
        String german = mvc.perform(get("/groups/{id}", group).param("lang", "de").with(as(a)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(german).contains("Private Kennzeichnung", "Kennzeichnung ändern", "Fall eröffnen",
                "Wird ein Fall gelöscht").doesNotContain("Give a label").doesNotContain("Open a case");
        assertThat(mvc.perform(get("/groups/{id}/participants/{p}/case", group, first.id()).param("lang", "de")
                .with(as(a))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("Einen Fall für " + first.pseudonym() + " eröffnen", "Wird der Fall gelöscht");

        label(c, first, "  " + CHANGED + "  ").andExpect(status().isFound());
        assertThat(labelOnPage(page(a), first)).as("changed, without the surrounding spaces").isEqualTo(CHANGED);
        assertThat(page(a)).doesNotContain("Labelmarker");

        mvc.perform(post("/groups/{id}/participants/{p}/label/remove", group, first.id()).with(as(a)).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/groups/" + group + "#participants"))
                .andExpect(flash().attribute("notice", "group.notice.label-removed"));
        assertThat(labelOnPage(page(a), first)).isEmpty();
        assertThat(labelColumn(first)).isNull();
        assertThat(body(get("/groups/{id}/participants/{p}/label", group, first.id()), a))
                .doesNotContain("Remove the label");

        List<AuditEntry> entries = audit.about(org.id(), subject());
        assertThat(entries).filteredOn(e -> e.action().equals("GROUP_PARTICIPANT_LABELLED"))
                .extracting(AuditEntry::detail).containsExactlyInAnyOrder("@group.label-given", "@group.label-changed");
        assertThat(wording.detail("@group.label-changed", java.util.Locale.GERMAN)).isEqualTo("Kennzeichnung geändert");
        assertThat(wording.detail("@group.label-changed", java.util.Locale.ENGLISH)).isEqualTo("label changed");
        assertThat(entries).filteredOn(e -> e.action().equals("GROUP_PARTICIPANT_LABEL_REMOVED")).hasSize(1);
        assertThat(entries).allSatisfy(e -> assertThat(String.valueOf(e.detail()))
                .doesNotContain("Labelmarker").doesNotContain("Cousinmarker").doesNotContain(first.pseudonym()));
    }

    @Test
    void nobodyButTheLeadersReadsOrWritesALabelAndTheyAreRefusedAsOnEveryGroupPage() throws Exception {
        label(a, first, LABEL).andExpect(status().isFound());
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        for (StaffPrincipal other : List.of(colleague, manager, dpo, org.admin())) {
            String who = other.role().name();
            for (var request : List.of(get("/groups/{id}", group),
                    get("/groups/{id}/participants/{p}/label", group, first.id()),
                    get("/groups/{id}/participants/{p}/case", group, first.id()),
                    get("/groups/{id}/sessions/new", group), get("/groups"))) {
                MockHttpServletResponse response = mvc.perform(request.with(as(other))).andReturn().getResponse();
                assertThat(response.getContentAsString()).as(who + " " + request).doesNotContain("Labelmarker")
                        .doesNotContain("Jacketmarker");
            }
            // The exact refusal of the group pages: 403, and nothing changes.
            mvc.perform(get("/groups/{id}/participants/{p}/label", group, first.id()).with(as(other)))
                    .andExpect(status().isForbidden());
            label(other, first, "Intrudermarker").andExpect(status().isForbidden());
            label(other, second, "Intrudermarker").andExpect(status().isForbidden());
            // Refused before the form is looked at: bad input tells an outsider nothing either.
            label(other, first, "").andExpect(status().isForbidden());
            mvc.perform(post("/groups/{id}/participants/{p}/label/remove", group, first.id()).with(as(other))
                    .with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(labelOnPage(page(a), first)).isEqualTo(LABEL);
        assertThat(labelColumn(second)).isNull();
        assertThat(audit.about(org.id(), subject())).extracting(AuditEntry::action).contains("GROUP_ACCESS_REFUSED");

        // Another organisation does not find the group at all.
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        mvc.perform(get("/groups/{id}/participants/{p}/label", group, first.id()).with(as(stranger)))
                .andExpect(status().isNotFound());
        label(stranger, first, "Intrudermarker").andExpect(status().isNotFound());
        // A participant of another group cannot be reached through this one.
        UUID otherGroup = GroupFixtures.group(mvc, a, "Other group", "Other school");
        Participant elsewhere = GroupFixtures.participant(mvc, a, otherGroup);
        label(a, elsewhere, "Wrongroutemarker").andExpect(status().isNotFound());
        assertThat(labelColumn(elsewhere)).isNull();
        assertThat(DatabaseScan.find(dataSource, List.of("Intrudermarker", "Wrongroutemarker"))).isEmpty();
    }

    @Test
    void anAttackerWithADatabaseLoginFindsNoLabelInAnyTable() throws Exception {
        label(a, first, LABEL).andExpect(status().isFound());
        label(c, second, CHANGED).andExpect(status().isFound());
        page(a);
        assertThat(DatabaseScan.find(dataSource, List.of(first.pseudonym()))).as("the scan finds what is plain")
                .isNotEmpty();
        assertThat(DatabaseScan.find(dataSource, List.of("Labelmarker", "Jacketmarker", "tall one", "Cousinmarker",
                "kiosk owner"))).isEmpty();
        // The ciphertext is bound to its row: copied onto another participant it does not open.
        byte[] sealed = labelColumn(first);
        assertThat(keys.cipherFor(group).row("cas_group_participant", first.id()).open("label", sealed))
                .isEqualTo(LABEL);
        assertThatThrownBy(() -> keys.cipherFor(group).row("cas_group_participant", second.id()).open("label", sealed))
                .isInstanceOf(UnreadableException.class);
    }

    @Test
    void aBadLabelGetsAnErrorAtTheFieldAndChangesNothing() throws Exception {
        label(a, first, LABEL).andExpect(status().isFound());
        for (String bad : List.of("", "   ", "x".repeat(101))) {
            String page = label(a, first, bad).andExpect(status().isBadRequest()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(page).contains("id=\"label-error\"", "aria-invalid=\"true\"",
                    "Please correct the marked fields");
            assertThat(page).contains(bad.isBlank() ? "Please write a label, or remove it"
                    : "Please write at most 100 characters.");
            assertThat(labelColumnText(first)).isEqualTo(LABEL);
        }
        mvc.perform(post("/groups/{id}/participants/{p}/label", group, first.id()).with(as(a)).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/groups/{id}/participants/{p}/label", "not-a-uuid", first.id()).with(as(a)).with(csrf())
                .param("label", "x")).andExpect(status().isBadRequest());
        assertThat(labelColumnText(first)).isEqualTo(LABEL);
        // The limit itself is accepted.
        label(a, first, "y".repeat(100)).andExpect(status().isFound());
        assertThat(labelOnPage(page(a), first)).isEqualTo("y".repeat(100));
        // The German error.
        assertThat(mvc.perform(post("/groups/{id}/participants/{p}/label", group, first.id()).with(as(a))
                .with(csrf()).param("label", "").param("lang", "de")).andReturn().getResponse()
                .getContentAsString()).contains("Bitte schreiben Sie eine Kennzeichnung");
    }

    @Test
    void theLabelIsInNoReportNoExportAndNoAuditPage() throws Exception {
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, "Reportclient Person");
        mvc.perform(post("/groups/{id}/participants/{p}/link", group, first.id()).with(as(a)).with(csrf())
                .param("clientId", client.id().toString())).andExpect(status().isFound());
        label(a, first, LABEL).andExpect(status().isFound());
        mvc.perform(post("/groups/{id}/sessions", group).with(as(a)).with(csrf())
                .param("heldOn", LocalDate.now(clock).toString()).param("minutes", "60")
                .param("present", first.id().toString())).andExpect(status().isFound());

        byte[] pdf = mvc.perform(get("/cases/{id}/client-report/report", client.id()).with(as(a)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String report;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            report = new PDFTextStripper().getText(document);
        }
        assertThat(report).as("the report lists the group the client takes part in").contains("Class 8a Thursday");
        assertThat(report).doesNotContain("Labelmarker").doesNotContain("Jacketmarker");

        byte[] zip = mvc.perform(get("/cases/{id}/client-report/export", client.id()).with(as(a)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        StringBuilder export = new StringBuilder();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (entries.getNextEntry() != null) {
                export.append(new String(entries.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(export.toString()).contains("Class 8a Thursday").doesNotContain("Labelmarker")
                .doesNotContain("Jacketmarker");

        for (StaffPrincipal tandem : List.of(a, b)) {
            assertThat(mvc.perform(get("/cases/{id}", client.id()).with(as(tandem))).andReturn().getResponse()
                    .getContentAsString()).doesNotContain("Labelmarker");
        }
        String auditPage = body(get("/audit"), fixtures.staff(org, Role.DATA_PROTECTION_OFFICER));
        assertThat(auditPage).contains(subject())
                .doesNotContain("Labelmarker").doesNotContain("Jacketmarker");
    }

    // --- opening a case for a participant ---

    @Test
    void aLeaderOpensACaseForAParticipantThroughTheUsualIntakeAndOnlyTheCasesTandemSeesTheLink() throws Exception {
        label(a, first, LABEL).andExpect(status().isFound());
        String form = body(get("/groups/{id}/participants/{p}/case", group, first.id()), a);
        assertThat(form).as("prefilled with what the group tells: a school")
                .containsPattern("<option value=\"SCHOOL\" selected=\"selected\"");
        assertThat(form).contains("Nothing of the group goes into it");

        MockHttpServletResponse opened = openCase(a, first).andExpect(status().isFound())
                .andExpect(flash().attribute("notice", "group.notice.case-opened")).andReturn().getResponse();
        Matcher m = Pattern.compile("/cases/([0-9a-f-]{36})/intake").matcher(opened.getRedirectedUrl());
        assertThat(m.matches()).as(opened.getRedirectedUrl()).isTrue();
        UUID caseId = UUID.fromString(m.group(1));

        assertThat(linkOf(first)).isEqualTo(caseId);
        assertThat(jdbc.sql("SELECT stage FROM cas_client WHERE id = ?").param(caseId).query(String.class).single())
                .isEqualTo("PROSPECT");
        assertThat(jdbc.sql("SELECT pathway FROM cas_client WHERE id = ?").param(caseId).query(String.class)
                .single()).isEqualTo("SCHOOL");
        assertThat(jdbc.sql("SELECT staff_id FROM cas_tandem_member WHERE client_id = ?").param(caseId)
                .query(UUID.class).list()).as("the opening leader carries it, as every prospect").containsExactly(a.id());
        String pseudonym = jdbc.sql("SELECT pseudonym FROM cas_client WHERE id = ?").param(caseId)
                .query(String.class).single();
        assertThat(pseudonym).as("a pseudonym of its own").isNotEqualTo(first.pseudonym());

        // The case knows nothing of the group but the link.
        String intake = body(get("/cases/{id}/intake", caseId), a);
        assertThat(intake).contains(pseudonym).doesNotContain(first.pseudonym()).doesNotContain("Labelmarker")
                .doesNotContain("Class 8a");

        // The opening leader sees the link; the co-leader outside the tandem nothing, not even that it exists.
        String mine = page(a);
        assertThat(row(mine, first)).contains("data-testid=\"has-case\"", pseudonym, "/cases/" + caseId)
                .doesNotContain("data-testid=\"open-case\"");
        String coLeader = page(c);
        assertThat(coLeader).contains(first.pseudonym()).doesNotContain("has-case").doesNotContain(pseudonym)
                .doesNotContain(caseId.toString());
        assertThat(row(coLeader, first)).as("the row looks as any other").contains("data-testid=\"open-case\"");
        mvc.perform(get("/cases/{id}", caseId).with(as(c))).andExpect(status().isForbidden());

        // Audited on both sides, without content.
        assertThat(audit.about(org.id(), subject())).extracting(AuditEntry::action)
                .contains("GROUP_PARTICIPANT_CASE_OPENED");
        assertThat(audit.about(org.id(), pseudonym)).extracting(AuditEntry::action)
                .contains("PROSPECT_OPENED", "GROUP_PARTICIPANT_LINKED");
        assertThat(audit.about(org.id(), pseudonym)).filteredOn(e -> e.action().equals("GROUP_PARTICIPANT_LINKED"))
                .extracting(AuditEntry::detail).containsExactly(subject());

        // One person, one case: the co-leader cannot open a second one, and learns only that it cannot be done.
        long clients = clients();
        openCase(c, first).andExpect(status().isFound()).andExpect(redirectedUrl("/groups/" + group + "#participants"))
                .andExpect(flash().attribute("problem", "group.problem.cannot-open-case"));
        openCase(a, first).andExpect(status().isFound())
                .andExpect(flash().attribute("problem", "group.problem.cannot-open-case"));
        assertThat(clients()).isEqualTo(clients);
        assertThat(linkOf(first)).isEqualTo(caseId);

        // The other participant can still get one, from the co-leader, who then carries it.
        UUID cCase = caseIdOf(openCase(c, second).andExpect(status().isFound()).andReturn().getResponse());
        assertThat(row(page(c), second)).contains("/cases/" + cCase);
        assertThat(row(page(a), second)).doesNotContain("has-case").doesNotContain(cCase.toString());
    }

    @Test
    void openingACaseRefusesEveryoneButTheLeadersAndBadInputChangesNothing() throws Exception {
        long clients = clients();
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        for (StaffPrincipal other : List.of(colleague, manager, fixtures.staff(org, Role.DATA_PROTECTION_OFFICER),
                org.admin())) {
            mvc.perform(get("/groups/{id}/participants/{p}/case", group, first.id()).with(as(other)))
                    .andExpect(status().isForbidden());
            openCase(other, first).andExpect(status().isForbidden());
            mvc.perform(post("/groups/{id}/participants/{p}/case", group, first.id()).with(as(other)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        StaffPrincipal stranger = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        openCase(stranger, first).andExpect(status().isNotFound());
        UUID otherGroup = GroupFixtures.group(mvc, a, "Other group", "Other school");
        Participant elsewhere = GroupFixtures.participant(mvc, a, otherGroup);
        openCase(a, elsewhere).andExpect(status().isNotFound());

        String noPathway = mvc.perform(post("/groups/{id}/participants/{p}/case", group, first.id()).with(as(a))
                .with(csrf()).param("areas", "GANGS")).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString();
        assertThat(noPathway).contains("id=\"pathway-error\"", "Please fill in this field.");
        String noArea = mvc.perform(post("/groups/{id}/participants/{p}/case", group, first.id()).with(as(a))
                .with(csrf()).param("pathway", "SCHOOL")).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString();
        assertThat(noArea).contains("Please choose at least one.");
        mvc.perform(post("/groups/{id}/participants/{p}/case", group, first.id()).with(as(a)).with(csrf())
                .param("pathway", "CIRCUS").param("areas", "GANGS")).andExpect(status().isBadRequest());
        mvc.perform(post("/groups/{id}/participants/{p}/case", group, first.id()).with(as(a)).with(csrf())
                .param("pathway", "SCHOOL").param("areas", "ASTROLOGY")).andExpect(status().isBadRequest());
        mvc.perform(post("/groups/{id}/participants/{p}/case", group, "not-a-uuid").with(as(a)).with(csrf())
                .param("pathway", "SCHOOL").param("areas", "GANGS")).andExpect(status().isBadRequest());
        assertThat(clients()).isEqualTo(clients);
        assertThat(linkOf(first)).isNull();
    }

    // --- erasure, both ways ---

    @Test
    void erasingTheCaseRemovesTheLinkAndTheLabelAndTheGroupKeepsTheAnonymousAttendance() throws Exception {
        label(a, first, LABEL).andExpect(status().isFound());
        label(a, second, CHANGED).andExpect(status().isFound());
        UUID caseId = caseIdOf(openCase(a, first).andExpect(status().isFound()).andReturn().getResponse());
        mvc.perform(post("/groups/{id}/sessions", group).with(as(a)).with(csrf())
                .param("heldOn", LocalDate.now(clock).toString()).param("minutes", "60")
                .param("present", first.id().toString(), second.id().toString())).andExpect(status().isFound());

        // The prospect does not want individual work and asks for erasure; they stay in the group.
        mvc.perform(post("/cases/{id}/erasure", caseId).with(as(a)).with(csrf()).param("confirmed", "true"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/start"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE id = ?").param(caseId).query(Long.class).single())
                .isZero();
        assertThat(linkOf(first)).isNull();
        assertThat(labelColumn(first)).as("the label pointed to the person: gone with the case").isNull();
        assertThat(labelColumnText(second)).as("another participant's label stays").isEqualTo(CHANGED);
        String after = page(a);
        assertThat(row(after, first)).contains(first.pseudonym()).doesNotContain("has-case");
        assertThat(attended(after, first)).as("the group keeps its anonymous attendance").isEqualTo(1);
        assertThat(after).contains("2 of 2 present");
    }

    @Test
    void erasingTheGroupShredsItsLabelsAndLeavesTheCase() throws Exception {
        mvc.perform(post("/manage/retention").with(as(fixtures.manager(org.id()))).with(csrf())
                .param("prospectDays", "90").param("closedDays", "365").param("groupDays", "10")
                .param("appointmentDays", "30")).andExpect(status().isFound());
        label(a, first, LABEL).andExpect(status().isFound());
        UUID caseId = caseIdOf(openCase(a, first).andExpect(status().isFound()).andReturn().getResponse());
        byte[] sealed = jdbc.sql("SELECT label FROM cas_group_participant WHERE id = ?").param(first.id())
                .query(byte[].class).single();
        assertThat(sealed).isNotEmpty();

        clock.advance(Duration.ofDays(11));
        erasure.eraseEverythingExpired();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_group_participant WHERE group_id = ?").param(group)
                .query(Long.class).single()).isZero();
        assertThatThrownBy(() -> keys.cipherFor(group)).as("a copy of the sealed label opens nothing any more")
                .isInstanceOf(UnreadableException.class);
        // The case is the person's own: it stays, readable by its tandem, and no longer shows the group.
        String pseudonym = jdbc.sql("SELECT pseudonym FROM cas_client WHERE id = ?").param(caseId)
                .query(String.class).single();
        assertThat(body(get("/cases/{id}/intake", caseId), a)).contains(pseudonym);
        assertThat(keys.cipherFor(caseId)).isNotNull();
        assertThat(DatabaseScan.find(dataSource, List.of("Labelmarker", "Jacketmarker"))).isEmpty();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Labelmarker");
    }

    // --- helpers ---

    ResultActions label(StaffPrincipal who, Participant p, String text) throws Exception {
        return mvc.perform(post("/groups/{id}/participants/{p}/label", group, p.id()).with(as(who)).with(csrf())
                .param("label", text));
    }

    ResultActions openCase(StaffPrincipal who, Participant p) throws Exception {
        return mvc.perform(post("/groups/{id}/participants/{p}/case", group, p.id()).with(as(who)).with(csrf())
                .param("pathway", "SCHOOL").param("areas", "RIGHT_WING", "UNCLEAR"));
    }

    static UUID caseIdOf(MockHttpServletResponse response) {
        Matcher m = Pattern.compile("/cases/([0-9a-f-]{36})/intake").matcher(String.valueOf(response.getRedirectedUrl()));
        assertThat(m.matches()).as(response.getRedirectedUrl()).isTrue();
        return UUID.fromString(m.group(1));
    }

    String page(StaffPrincipal who) throws Exception {
        return mvc.perform(get("/groups/{id}", group).with(as(who))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    String body(MockHttpServletRequestBuilder request, StaffPrincipal who)
            throws Exception {
        return mvc.perform(request.with(as(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    String subject() {
        return "group:" + group.toString().substring(0, 8);
    }

    /** The participant's row of the group page. */
    static String row(String page, Participant p) {
        int start = page.indexOf("data-participant=\"" + p.id() + "\"");
        assertThat(start).as("row of " + p.pseudonym()).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** The label shown in the participant's row, "" for none. */
    static String labelOnPage(String page, Participant p) {
        Matcher m = Pattern.compile("<span class=\"participant-label\">([^<]*)</span>").matcher(row(page, p));
        return m.find() ? HtmlUtils.htmlUnescape(m.group(1)) : "";
    }

    static int attended(String page, Participant p) {
        Matcher m = Pattern.compile("<td[^>]*data-testid=\"attended\"[^>]*>(\\d+)</td>").matcher(row(page, p));
        assertThat(m.find()).as("attendance of " + p.pseudonym()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    byte[] labelColumn(Participant p) {
        return jdbc.sql("SELECT label FROM cas_group_participant WHERE id = ?").param(p.id())
                .query((rs, n) -> rs.getBytes(1)).list().get(0);
    }

    /** The stored label opened the way the leaders' pages open it: through the group page. */
    String labelColumnText(Participant p) throws Exception {
        return labelOnPage(page(a), p);
    }

    UUID linkOf(Participant p) {
        return jdbc.sql("SELECT client_id FROM cas_group_participant WHERE id = ?").param(p.id())
                .query((rs, n) -> rs.getObject(1, UUID.class)).list().get(0);
    }

    long clients() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ?").param(org.id()).query(Long.class).single();
    }
}
