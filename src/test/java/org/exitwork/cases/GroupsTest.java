package org.exitwork.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.GroupFixtures;
import org.exitwork.testing.GroupFixtures.Participant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * R13 group work, under R6: only the leaders read and write a group; colleagues see its name and
 * leaders; administrators and other organisations nothing. Attendance by pseudonym; a participant can
 * have an individual case, which only that case's tandem sees, and which erasure unlinks.
 */
@DatabaseTest
@AutoConfigureMockMvc
class GroupsTest {

    static final String NAME = "Class 9b Tuesday";
    static final String INSTITUTION = "Instmarker Comprehensive School";
    static final String NOTE = "Sessmarker: they argued about the video from the camp.";

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

    Fixtures.Organisation org;
    /** Leads the group and carries the client together with {@link #b}. */
    StaffPrincipal a;
    /** In the client's tandem, but no leader of the group. */
    StaffPrincipal b;
    /** Leads the group with A, but is not in the client's tandem. */
    StaffPrincipal c;
    StaffPrincipal colleague;
    RegisteredClient client;
    UUID group;
    Participant first;
    Participant second;

    @BeforeEach
    void aGroupWithTwoParticipants() throws Exception {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        c = fixtures.staff(org, Role.PRACTITIONER);
        colleague = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, "Groupclient Person");
        group = GroupFixtures.group(mvc, a, NAME, INSTITUTION, c);
        first = GroupFixtures.participant(mvc, a, group);
        second = GroupFixtures.participant(mvc, c, group);
    }

    String groupUrl() {
        return "/groups/" + group;
    }

    String page(StaffPrincipal who) throws Exception {
        return mvc.perform(get(groupUrl()).with(as(who))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    String subject() {
        return "group:" + group.toString().substring(0, 8);
    }

    MockHttpServletRequestBuilder session(StaffPrincipal who, String date, String minutes, String note,
            UUID... present) {
        MockHttpServletRequestBuilder request = post(groupUrl() + "/sessions").with(as(who)).with(csrf())
                .param("heldOn", date).param("minutes", minutes).param("note", note)
                .param("themes", "EXTREMISM_GROUP_HATRED", "ANGER");
        for (UUID p : present) {
            request.param("present", p.toString());
        }
        return request;
    }

    @Test
    void theLeadersReadAndWriteTheGroupAndEverythingIsAudited() throws Exception {
        mvc.perform(session(c, "2026-01-20", "90", NOTE, first.id())).andExpect(status().is3xxRedirection());
        for (StaffPrincipal leader : List.of(a, c)) {
            assertThat(page(leader)).contains(NAME, INSTITUTION, NOTE, first.pseudonym(), second.pseudonym(),
                    "1 of 2 present", "90 minutes", "Extremism and group hatred", "School");
        }
        mvc.perform(get(groupUrl() + "/sessions/new").with(as(a))).andExpect(status().isOk());
        mvc.perform(get(groupUrl() + "/edit").with(as(c))).andExpect(status().isOk());

        List<AuditEntry> entries = audit.about(org.id(), subject());
        assertThat(entries).extracting(AuditEntry::action).contains("GROUP_CREATED", "GROUP_PARTICIPANT_ADDED",
                "GROUP_SESSION_RECORDED", "GROUP_READ");
        assertThat(entries).allSatisfy(e -> assertThat(String.valueOf(e.detail()))
                .doesNotContain(NAME).doesNotContain("Instmarker").doesNotContain("Sessmarker")
                .doesNotContain(first.pseudonym()));
        assertThat(audit.about(org.id(), NAME)).as("the name is no audit subject").isEmpty();
    }

    @Test
    void colleaguesSeeTheNameAndTheLeadersOnly() throws Exception {
        mvc.perform(session(a, "2026-01-20", "60", NOTE, first.id(), second.id()))
                .andExpect(status().is3xxRedirection());
        for (Role role : List.of(Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER)) {
            StaffPrincipal other = role == Role.PRACTITIONER ? colleague : fixtures.staff(org, role);
            String list = mvc.perform(get("/groups").with(as(other))).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString();
            assertThat(list).as(role.name()).contains(NAME, a.displayName(), c.displayName())
                    .doesNotContain("Instmarker");
            String restricted = mvc.perform(get(groupUrl()).with(as(other))).andExpect(status().isForbidden())
                    .andReturn().getResponse().getContentAsString();
            assertThat(restricted).as(role.name()).contains("data-testid=\"group-restricted\"", NAME,
                            a.displayName(), c.displayName())
                    .doesNotContain("Instmarker").doesNotContain("Sessmarker").doesNotContain(first.pseudonym());
            mvc.perform(get(groupUrl() + "/sessions/new").with(as(other))).andExpect(status().isForbidden());
            mvc.perform(get(groupUrl() + "/edit").with(as(other))).andExpect(status().isForbidden());
            mvc.perform(post(groupUrl() + "/participants").with(as(other)).with(csrf()))
                    .andExpect(status().isForbidden());
            mvc.perform(session(other, "2026-01-21", "60", "intruder note", first.id()))
                    .andExpect(status().isForbidden());
            // Refused before the form is looked at: bad input does not tell an outsider anything either.
            mvc.perform(session(other, "not a date", "0", "", UUID.randomUUID())).andExpect(status().isForbidden());
            mvc.perform(post(groupUrl()).with(as(other)).with(csrf()).param("name", "Taken over")
                    .param("setting", "OTHER").param("institution", "x").param("leaders", other.id().toString()))
                    .andExpect(status().isForbidden());
        }
        assertThat(count("cas_group_participant WHERE group_id = ?", group)).isEqualTo(2);
        assertThat(count("cas_group_session WHERE group_id = ?", group)).isEqualTo(1);
        assertThat(count("cas_group_leader WHERE group_id = ?", group)).isEqualTo(2);
        assertThat(audit.about(org.id(), subject())).extracting(AuditEntry::action).contains("GROUP_ACCESS_REFUSED");
        // Only practitioners start groups.
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        mvc.perform(get("/groups/new").with(as(manager))).andExpect(status().isForbidden());
        mvc.perform(post("/groups").with(as(manager)).with(csrf()).param("name", "Managers group")
                .param("setting", "SCHOOL").param("institution", "x")).andExpect(status().isForbidden());
    }

    @Test
    void theAdministratorSeesNoGroupAtAll() throws Exception {
        StaffPrincipal admin = org.admin();
        assertThat(mvc.perform(get("/groups").with(as(admin))).andExpect(status().isForbidden()).andReturn()
                .getResponse().getContentAsString()).doesNotContain(NAME);
        assertThat(mvc.perform(get(groupUrl()).with(as(admin))).andExpect(status().isForbidden()).andReturn()
                .getResponse().getContentAsString()).doesNotContain(NAME).doesNotContain(a.displayName());
        mvc.perform(post(groupUrl() + "/participants").with(as(admin)).with(csrf())).andExpect(status().isForbidden());
        assertThat(count("cas_group_participant WHERE group_id = ?", group)).isEqualTo(2);
    }

    @Test
    void anotherOrganisationFindsNothing() throws Exception {
        var otherOrg = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(otherOrg, Role.PRACTITIONER);
        assertThat(mvc.perform(get("/groups").with(as(stranger))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).doesNotContain(NAME);
        mvc.perform(get(groupUrl()).with(as(stranger))).andExpect(status().isNotFound());
        mvc.perform(post(groupUrl() + "/participants").with(as(stranger)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(session(stranger, "2026-01-21", "60", "cross-organisation note", first.id()))
                .andExpect(status().isNotFound());
        // Nor can a stranger be made a leader.
        mvc.perform(post("/groups").with(as(a)).with(csrf()).param("name", "Cross group").param("setting", "PRISON")
                .param("institution", "x").param("leaders", stranger.id().toString()))
                .andExpect(status().isBadRequest());
        assertThat(count("cas_group WHERE org_id = ?", otherOrg.id())).isZero();
        assertThat(count("cas_group WHERE org_id = ?", org.id())).isEqualTo(1);
    }

    @Test
    void attendanceIsRecordedByParticipant() throws Exception {
        mvc.perform(session(a, "2026-01-13", "90", "", first.id(), second.id())).andExpect(status().is3xxRedirection());
        mvc.perform(session(c, "2026-01-20", "45", "", second.id())).andExpect(status().is3xxRedirection());
        mvc.perform(session(a, "2026-01-27", "60", "")).andExpect(status().is3xxRedirection());

        String page = page(a);
        assertThat(page).contains("2 of 2 present", "1 of 2 present", "0 of 2 present");
        assertThat(attended(page, first)).isEqualTo(1);
        assertThat(attended(page, second)).isEqualTo(2);
        assertThat(count("cas_group_attendance a JOIN cas_group_session s ON s.id = a.session_id "
                + "WHERE s.group_id = ?", group)).isEqualTo(3);

        // Someone of another group cannot be marked present here.
        UUID otherGroup = GroupFixtures.group(mvc, a, "Other group", "Other school");
        Participant outsider = GroupFixtures.participant(mvc, a, otherGroup);
        mvc.perform(session(a, "2026-01-28", "60", "", first.id(), outsider.id()))
                .andExpect(status().isBadRequest());
        assertThat(count("cas_group_session WHERE group_id = ?", group)).isEqualTo(3);
    }

    @Test
    void aParticipantGetsAnIndividualCaseThatOnlyItsTandemSeesAndErasureUnlinks() throws Exception {
        mvc.perform(post(groupUrl() + "/participants/{p}/link", first.id()).with(as(a)).with(csrf())
                .param("clientId", client.id().toString())).andExpect(status().is3xxRedirection());
        assertThat(linkOf(first)).isEqualTo(client.id());

        assertThat(page(a)).contains("data-testid=\"has-case\"", client.pseudonym(), "/cases/" + client.id());
        String coLeaders = page(c);
        assertThat(coLeaders).as("a co-leader outside the tandem learns nothing of the case")
                .contains(first.pseudonym()).doesNotContain("has-case").doesNotContain(client.pseudonym())
                .doesNotContain(client.id().toString());
        // The second member of the tandem does not lead the group: no access to it at all.
        mvc.perform(get(groupUrl()).with(as(b))).andExpect(status().isForbidden());
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::action)
                .contains("GROUP_PARTICIPANT_LINKED");
        assertThat(audit.about(org.id(), subject())).extracting(AuditEntry::action)
                .contains("GROUP_PARTICIPANT_LINKED");

        // The participant stays in the group and keeps attending.
        mvc.perform(session(a, "2026-02-03", "90", "", first.id())).andExpect(status().is3xxRedirection());

        // Erasure deletes the client row; the group keeps its participant, without the link.
        eraseClientRow(client.id());
        assertThat(linkOf(first)).isNull();
        assertThat(count("cas_group_participant WHERE id = ?", first.id())).isEqualTo(1);
        String after = page(a);
        assertThat(after).contains(first.pseudonym()).doesNotContain("has-case")
                .doesNotContain(client.pseudonym());
        assertThat(attended(after, first)).isEqualTo(1);
    }

    @Test
    void onlyOwnTandemCasesCanBeLinkedAndOnlyTheTandemUnlinks() throws Exception {
        // C leads the group but is not in the client's tandem.
        mvc.perform(post(groupUrl() + "/participants/{p}/link", first.id()).with(as(c)).with(csrf())
                .param("clientId", client.id().toString())).andExpect(status().isForbidden());
        assertThat(linkOf(first)).isNull();
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::action)
                .contains("CASE_ACCESS_REFUSED");

        mvc.perform(post(groupUrl() + "/participants/{p}/link", first.id()).with(as(a)).with(csrf())
                .param("clientId", client.id().toString())).andExpect(status().is3xxRedirection());
        // C links the same participant to a case of C's own: refused, the tandem's link stays.
        StaffPrincipal d = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient cCase = fixtures.client(c, d, "Other Client Of C");
        mvc.perform(post(groupUrl() + "/participants/{p}/link", first.id()).with(as(c)).with(csrf())
                .param("clientId", cCase.id().toString())).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("problem", "group.problem.cannot-link"));
        assertThat(linkOf(first)).isEqualTo(client.id());
        // The same case cannot stand for two participants of one group.
        mvc.perform(post(groupUrl() + "/participants/{p}/link", second.id()).with(as(a)).with(csrf())
                .param("clientId", client.id().toString())).andExpect(status().is3xxRedirection());
        assertThat(linkOf(second)).isNull();

        mvc.perform(post(groupUrl() + "/participants/{p}/unlink", first.id()).with(as(c)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(linkOf(first)).isEqualTo(client.id());
        mvc.perform(post(groupUrl() + "/participants/{p}/unlink", first.id()).with(as(a)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(linkOf(first)).isNull();
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::action)
                .contains("GROUP_PARTICIPANT_UNLINKED");

        // A participant of another group cannot be reached through this one.
        UUID otherGroup = GroupFixtures.group(mvc, a, "Another group", "Another school");
        Participant elsewhere = GroupFixtures.participant(mvc, a, otherGroup);
        mvc.perform(post(groupUrl() + "/participants/{p}/link", elsewhere.id()).with(as(a)).with(csrf())
                .param("clientId", client.id().toString())).andExpect(status().isNotFound());
        assertThat(linkOf(elsewhere)).isNull();
    }

    @Test
    void badInputIsRefusedAndStoresNothing() throws Exception {
        long groupsBefore = count("cas_group WHERE org_id = ?", org.id());
        assertThat(mvc.perform(post("/groups").with(as(a)).with(csrf()).param("name", " ").param("setting", "SCHOOL")
                .param("institution", "kept institution text")).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString()).contains("kept institution text", "aria-invalid=\"true\"");
        mvc.perform(post("/groups").with(as(a)).with(csrf()).param("name", "Valid").param("setting", "CIRCUS")
                .param("institution", "x")).andExpect(status().isBadRequest());
        mvc.perform(post("/groups").with(as(a)).with(csrf()).param("name", "Valid").param("setting", "SCHOOL")
                .param("institution", "x".repeat(201))).andExpect(status().isBadRequest());
        mvc.perform(post("/groups").with(as(a)).with(csrf()).param("name", "Valid").param("setting", "SCHOOL")
                .param("institution", "x").param("leaders", fixtures.staff(org, Role.MANAGER).id().toString()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/groups").with(as(a)).with(csrf()).param("name", "Valid").param("setting", "SCHOOL")
                .param("institution", "x").param("leaders", "not-a-uuid")).andExpect(status().isBadRequest());
        assertThat(count("cas_group WHERE org_id = ?", org.id())).isEqualTo(groupsBefore);

        mvc.perform(session(a, "2999-01-01", "60", "a session from the future", first.id()))
                .andExpect(status().isBadRequest());
        mvc.perform(session(a, "2026-01-01", "0", "", first.id())).andExpect(status().isBadRequest());
        mvc.perform(session(a, "2026-01-01", "601", "", first.id())).andExpect(status().isBadRequest());
        mvc.perform(session(a, "2026-01-01", "ninety", "", first.id())).andExpect(status().isBadRequest());
        mvc.perform(session(a, "", "60", "", first.id())).andExpect(status().isBadRequest());
        mvc.perform(session(a, "2026-01-01", "60", "n".repeat(20001))).andExpect(status().isBadRequest());
        mvc.perform(session(a, "2026-01-01", "60", "").param("themes", "ASTROLOGY")).andExpect(status().isBadRequest());
        mvc.perform(session(a, "2026-01-01", "60", "").param("present", "not-a-uuid"))
                .andExpect(status().isBadRequest());
        mvc.perform(session(a, "2026-01-01", "60", "", UUID.randomUUID())).andExpect(status().isBadRequest());
        assertThat(count("cas_group_session WHERE group_id = ?", group)).isZero();

        mvc.perform(post(groupUrl()).with(as(a)).with(csrf()).param("name", "Renamed").param("setting", "SCHOOL")
                .param("institution", "x")).andExpect(status().isBadRequest());
        mvc.perform(post(groupUrl() + "/participants/{p}/link", first.id()).with(as(a)).with(csrf())
                .param("clientId", "not-a-uuid")).andExpect(status().isBadRequest());
        mvc.perform(post(groupUrl() + "/participants/{p}/link", first.id()).with(as(a)).with(csrf()))
                .andExpect(status().isBadRequest());
        assertThat(linkOf(first)).isNull();
        assertThat(page(a)).contains(NAME).doesNotContain("Renamed");
        mvc.perform(get("/groups/not-a-uuid").with(as(a))).andExpect(status().isBadRequest());
        mvc.perform(get("/groups/" + UUID.randomUUID()).with(as(a))).andExpect(status().isNotFound());
    }

    @Test
    void leadersChangeAndWhoLeftNoLongerReads() throws Exception {
        mvc.perform(post(groupUrl()).with(as(a)).with(csrf()).param("name", "Class 10b Tuesday")
                .param("setting", "YOUTH_WORK").param("institution", "Youth centre North")
                .param("leaders", a.id().toString(), colleague.id().toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(page(colleague)).contains("Class 10b Tuesday", "Youth centre North", "Youth work");
        mvc.perform(get(groupUrl()).with(as(c))).andExpect(status().isForbidden());
        assertThat(audit.about(org.id(), subject())).extracting(AuditEntry::action).contains("GROUP_CHANGED");
    }

    @Test
    void groupTextsAreNowhereInPlainText() throws Exception {
        mvc.perform(session(a, "2026-01-20", "90", NOTE, first.id())).andExpect(status().is3xxRedirection());
        page(a);
        assertThat(DatabaseScan.find(dataSource, List.of(first.pseudonym()))).as("the scan can find what is plain")
                .isNotEmpty();
        assertThat(DatabaseScan.find(dataSource, List.of(NAME, "Instmarker", "Comprehensive School", "Sessmarker",
                "video from the camp"))).isEmpty();
    }

    private UUID linkOf(Participant p) {
        return jdbc.sql("SELECT client_id FROM cas_group_participant WHERE id = ?").param(p.id())
                .query((rs, n) -> rs.getObject(1, UUID.class)).list().get(0);
    }

    private long count(String fromWhere, Object param) {
        return jdbc.sql("SELECT COUNT(*) FROM " + fromWhere).param(param).query(Long.class).single();
    }

    private static int attended(String page, Participant p) {
        // The row's cells carry data-label (stacked cards on phones); the count is the one marked "attended".
        var m = java.util.regex.Pattern.compile("<th scope=\"row\"[^>]*>" + java.util.regex.Pattern.quote(p.pseudonym())
                + "</th>(?:(?!</tr>).)*?<td[^>]*data-testid=\"attended\"[^>]*>(\\d+)</td>",
                java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("row of " + p.pseudonym()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /**
     * What erasure does to the database: the client's rows go, the cas_client row last. (The case
     * lifecycle's erasure relies on cascades; the foundation's tables are cleared by hand here.)
     */
    private void eraseClientRow(UUID clientId) {
        for (String table : List.of("cas_session_note", "cas_access_grant", "cas_tandem_member", "cas_identity")) {
            jdbc.sql("DELETE FROM " + table + " WHERE client_id = ?").param(clientId).update();
        }
        jdbc.sql("DELETE FROM cas_client WHERE id = ?").param(clientId).update();
    }
}
