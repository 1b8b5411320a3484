package org.exitwork.quality;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Quality among peers, first part: peers of other organisations reach their cross-evaluation groups and
 * nothing else, groups are seen by their members alone (and kept by the organisation's managers), and the
 * principles are there to reflect on, in both languages.
 */
@DatabaseTest
@AutoConfigureMockMvc
class PeerGroupsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal outsider;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    StaffPrincipal peer;
    StaffPrincipal otherPeer;
    UUID group;
    UUID otherGroup;

    @BeforeEach
    void groups() throws Exception {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        outsider = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        peer = invite("Petra Peer", "Neighbouring exit NGO");
        otherPeer = invite("Otto Other", "Third exit NGO");
        group = create("North cross-evaluation");
        otherGroup = create("South cross-evaluation");
        add(group, a);
        add(group, peer);
        add(otherGroup, b);
        add(otherGroup, otherPeer);
    }

    private StaffPrincipal invite(String name, String home) throws Exception {
        String username = Fixtures.unique("peer").toLowerCase(java.util.Locale.ROOT);
        MockHttpServletResponse page = mvc.perform(post("/peer-groups/peers").with(as(manager)).with(csrf())
                .param("displayName", name).param("username", username).param("homeOrganisation", home))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("data-testid=\"temporary-password\"");
        UUID id = jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(username).query(UUID.class).single();
        return new StaffPrincipal(id, org.id(), username, name, Role.PEER);
    }

    private UUID create(String name) throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/peer-groups").with(as(manager)).with(csrf())
                .param("name", name)).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(302);
        return UUID.fromString(created.getRedirectedUrl().substring("/peer-groups/".length()));
    }

    private void add(UUID groupId, StaffPrincipal member) throws Exception {
        assertThat(status(post("/peer-groups/{id}/members", groupId).with(csrf())
                .param("staffId", member.id().toString()), manager)).isEqualTo(302);
    }

    private int status(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return response(request, who).getStatus();
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request, StaffPrincipal who) throws Exception {
        return mvc.perform(request.with(as(who))).andReturn().getResponse();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    @Test
    void anInvitedPeerSignsInWithPasswordAndSecondFactorAndLandsOnTheirGroups() throws Exception {
        String username = Fixtures.unique("signin").toLowerCase(java.util.Locale.ROOT);
        String page = mvc.perform(post("/peer-groups/peers").with(as(manager)).with(csrf())
                .param("displayName", "Sina Signin").param("username", username)
                .param("homeOrganisation", "Exit NGO West")).andReturn().getResponse().getContentAsString();
        Matcher shown = Pattern.compile("data-testid=\"temporary-password\">([^<]+)<").matcher(page);
        assertThat(shown.find()).as("the temporary password is shown to the manager once").isTrue();
        String temporary = shown.group(1);
        assertThat(jdbc.sql("SELECT role FROM acc_staff WHERE username = ?").param(username).query(String.class)
                .single()).isEqualTo("PEER");
        assertThat(jdbc.sql("SELECT peer_organisation FROM qua_peer p JOIN acc_staff s ON s.id = p.staff_id "
                + "WHERE s.username = ?").param(username).query(String.class).single()).isEqualTo("Exit NGO West");

        MockHttpServletResponse signedIn = mvc.perform(post("/sign-in").with(csrf()).param("username", username)
                .param("password", temporary)).andReturn().getResponse();
        assertThat(signedIn.getRedirectedUrl()).isEqualTo("/sign-in/continue");
        Cookie session = signedIn.getCookie("SESSION");
        MockHttpServletResponse next = mvc.perform(get("/sign-in/continue").cookie(session)).andReturn().getResponse();
        assertThat(next.getRedirectedUrl()).as("the temporary password is replaced first").isEqualTo("/sign-in/new-password");
        String newPassword = "a long enough password for the peer";
        next = mvc.perform(post("/sign-in/new-password").cookie(session).with(csrf()).param("currentPassword", temporary)
                .param("newPassword", newPassword).param("repeatPassword", newPassword)).andReturn().getResponse();
        session = next.getCookie("SESSION") != null ? next.getCookie("SESSION") : session;
        assertThat(mvc.perform(get("/sign-in/continue").cookie(session)).andReturn().getResponse().getRedirectedUrl())
                .as("then the second factor, like staff").isEqualTo("/sign-in/enrol");
        assertThat(mvc.perform(get("/peer-groups").cookie(session)).andReturn().getResponse().getRedirectedUrl())
                .as("no group before the second factor").endsWith("/sign-in/continue");
        String enrol = mvc.perform(get("/sign-in/enrol").cookie(session)).andReturn().getResponse().getContentAsString();
        Matcher key = Pattern.compile("data-testid=\"totp-secret\">([^<]+)<").matcher(enrol);
        assertThat(key.find()).isTrue();
        String code = Totp.code(key.group(1).replaceAll("\\s", ""), Math.floorDiv(clock.instant().getEpochSecond(), 30));
        MockHttpServletResponse enrolled = mvc.perform(post("/sign-in/enrol").cookie(session).with(csrf())
                .param("code", code)).andReturn().getResponse();
        assertThat(enrolled.getContentAsString()).contains("data-testid=\"recovery-codes\"");
        session = enrolled.getCookie("SESSION") != null ? enrolled.getCookie("SESSION") : session;

        assertThat(mvc.perform(get("/").cookie(session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/peer-groups");
        MockHttpServletResponse groups = mvc.perform(get("/peer-groups").cookie(session)).andReturn().getResponse();
        assertThat(groups.getStatus()).isEqualTo(200);
        String body = groups.getContentAsString();
        assertThat(body).contains("data-testid=\"nav-peer-groups\"").contains("data-testid=\"no-groups\"")
                .doesNotContain("href=\"/cases\"").doesNotContain("href=\"/programmes\"")
                .doesNotContain("href=\"/profile\"").doesNotContain("href=\"/start\"")
                .doesNotContain("href=\"/team\"").doesNotContain("href=\"/network/partners\"");
        assertThat(mvc.perform(get("/cases").cookie(session)).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aPeerReachesNoCaseListPartnerProgrammeFigureOrAuditByHandMadeRequests() throws Exception {
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Peer Probe Client "));
        UUID partner = UUID.randomUUID();
        UUID programme = UUID.randomUUID();
        UUID report = UUID.randomUUID();
        List<MockHttpServletRequestBuilder> requests = List.of(
                get("/start"), get("/cases"), get("/cases/new"), get("/cases/{id}", client.id()),
                get("/cases/{id}/identity", client.id()), get("/cases/{id}/sessions", client.id()),
                get("/cases/{id}/intake", client.id()), get("/manage/overview"), get("/groups"),
                get("/network/partners"), get("/network/partners/{id}", partner), get("/programmes"),
                get("/programmes/{id}", programme), get("/programmes/{id}/dashboard", programme),
                get("/funder-reports"), get("/funder-reports/{id}", report), get("/audit"), get("/team"),
                get("/team/supervision"), get("/profile"), get("/safety/today"), get("/danger-alerts"),
                get("/referrals"), get("/admin/staff"), get("/organisation"),
                post("/cases").with(csrf()).param("pathway", "SELF_REFERRAL").param("areas", "UNCLEAR"),
                post("/cases/{id}/break-glass", client.id()).with(csrf()).param("reason", "SUPERVISION")
                        .param("explanation", "A peer trying to break the glass"),
                post("/cases/{id}/sessions", client.id()).with(csrf()).param("sessionDate", LocalDate.now(clock).toString())
                        .param("setting", "ONE_ON_ONE").param("text", "A peer's forged note"),
                post("/network/partners").with(csrf()).param("name", "Peer partner").param("kind", "POLICE"),
                post("/programmes").with(csrf()).param("name", "Peer programme"),
                post("/admin/staff").with(csrf()).param("username", "peermade").param("displayName", "Peer made")
                        .param("role", "MANAGER"));
        long staffBefore = count("acc_staff");
        long glassBefore = jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'BREAK_THE_GLASS'").query(Long.class).single();
        for (MockHttpServletRequestBuilder request : requests) {
            MockHttpServletResponse answer = response(request, peer);
            assertThat(answer.getStatus()).as(answer.getStatus() + " for a peer").isEqualTo(403);
            assertThat(answer.getContentAsString()).doesNotContain(client.pseudonym()).doesNotContain("Peer Probe Client");
        }
        assertThat(count("acc_staff")).isEqualTo(staffBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'BREAK_THE_GLASS'").query(Long.class).single())
                .isEqualTo(glassBefore);
        assertThat(mvc.perform(get("/").with(as(peer))).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/peer-groups");
    }

    @Test
    void membersSeeTheirGroupsAndNobodyElseFindsThem() throws Exception {
        String list = response(get("/peer-groups"), peer).getContentAsString();
        assertThat(list).contains("North cross-evaluation").doesNotContain("South cross-evaluation");
        String page = response(get("/peer-groups/{id}", group), peer).getContentAsString();
        assertThat(page).contains("North cross-evaluation").contains("Petra Peer").contains(a.displayName())
                .contains("Neighbouring exit NGO").doesNotContain("name=\"staffId\"");
        assertThat(status(get("/peer-groups/{id}", group), a)).isEqualTo(200);
        assertThat(status(get("/peer-groups/{id}", group), manager)).isEqualTo(200);

        // Another group's peer and a colleague outside the group find no such group.
        assertThat(status(get("/peer-groups/{id}", group), otherPeer)).isEqualTo(404);
        assertThat(status(get("/peer-groups/{id}", group), outsider)).isEqualTo(404);
        assertThat(status(get("/peer-groups/{id}", otherGroup), peer)).isEqualTo(404);
        assertThat(status(get("/peer-groups/{id}", UUID.randomUUID()), peer)).isEqualTo(404);
        assertThat(response(get("/peer-groups"), outsider).getContentAsString())
                .doesNotContain("North cross-evaluation").doesNotContain("South cross-evaluation");
        // The data protection officer and the administrator have no business here.
        assertThat(status(get("/peer-groups/{id}", group), dpo)).isEqualTo(403);
        assertThat(status(get("/peer-groups"), org.admin())).isEqualTo(403);
        // Another organisation's staff and peers find nothing.
        Fixtures.Organisation foreign = fixtures.organisation();
        for (Role role : List.of(Role.MANAGER, Role.PRACTITIONER, Role.PEER)) {
            assertThat(status(get("/peer-groups/{id}", group), fixtures.staff(foreign, role))).as(role.name())
                    .isEqualTo(404);
        }

        // A member keeps nothing: only the organisation's managers create, add, remove and record.
        long members = count("qua_peer_group_member");
        long groups = count("qua_peer_group");
        for (StaffPrincipal who : List.of(peer, a)) {
            assertThat(status(post("/peer-groups/{id}/members", group).with(csrf())
                    .param("staffId", otherPeer.id().toString()), who)).isEqualTo(403);
            assertThat(status(post("/peer-groups/{id}/members/{staffId}/remove", group, a.id()).with(csrf()), who))
                    .isEqualTo(403);
            assertThat(status(post("/peer-groups/{id}/meetings", group).with(csrf())
                    .param("heldOn", LocalDate.now(clock).toString()), who)).isEqualTo(403);
            assertThat(status(post("/peer-groups").with(csrf()).param("name", "Made by a member"), who)).isEqualTo(403);
            assertThat(status(get("/peer-groups/peers"), who)).isEqualTo(403);
            assertThat(status(post("/peer-groups/peers").with(csrf()).param("displayName", "Friend")
                    .param("username", Fixtures.unique("friend")).param("homeOrganisation", "NGO"), who)).isEqualTo(403);
        }
        assertThat(count("qua_peer_group_member")).isEqualTo(members);
        assertThat(count("qua_peer_group")).isEqualTo(groups);

        // Removed from the group, the peer finds it no more.
        assertThat(status(post("/peer-groups/{id}/members/{staffId}/remove", group, peer.id()).with(csrf()), manager))
                .isEqualTo(302);
        assertThat(status(get("/peer-groups/{id}", group), peer)).isEqualTo(404);
        assertThat(response(get("/peer-groups"), peer).getContentAsString()).doesNotContain("North cross-evaluation");
    }

    @Test
    void aMeetingIsRecordedWithItsDateAndOnlyPlausibleDatesAndPeopleAreTaken() throws Exception {
        LocalDate held = LocalDate.now(clock).minusDays(3);
        assertThat(status(post("/peer-groups/{id}/meetings", group).with(csrf()).param("heldOn", held.toString()),
                manager)).isEqualTo(302);
        assertThat(jdbc.sql("SELECT held_on FROM qua_peer_group_meeting WHERE group_id = ?").param(group)
                .query(LocalDate.class).single()).isEqualTo(held);
        assertThat(response(get("/peer-groups/{id}", group), peer).getContentAsString()).contains("data-testid=\"meetings\"");

        long meetings = count("qua_peer_group_meeting");
        for (String date : List.of(LocalDate.now(clock).plusYears(3).toString(), "1900-01-01", "2026-02-31", "")) {
            assertThat(status(post("/peer-groups/{id}/meetings", group).with(csrf()).param("heldOn", date), manager))
                    .as(date).isEqualTo(400);
        }
        assertThat(count("qua_peer_group_meeting")).isEqualTo(meetings);

        long members = count("qua_peer_group_member");
        Fixtures.Organisation foreign = fixtures.organisation();
        for (StaffPrincipal nobody : List.of(dpo, org.admin(), fixtures.staff(foreign, Role.PRACTITIONER),
                fixtures.staff(foreign, Role.PEER), a)) {
            MockHttpServletResponse refused = response(post("/peer-groups/{id}/members", group).with(csrf())
                    .param("staffId", nobody.id().toString()), manager);
            assertThat(refused.getStatus()).as(nobody.role().name()).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("href=\"#staffId\"");
        }
        assertThat(count("qua_peer_group_member")).isEqualTo(members);
    }

    @Test
    void theAdministratorMakesNoPeerAndPeersStayOutOfTheTeam() throws Exception {
        long staff = count("acc_staff");
        MockHttpServletResponse refused = response(post("/admin/staff").with(csrf()).param("username",
                Fixtures.unique("adminpeer")).param("displayName", "Admin Made Peer").param("role", "PEER"), org.admin());
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("href=\"#role\"");
        assertThat(count("acc_staff")).isEqualTo(staff);
        // The administrator still sees the peer's account, to deactivate it or ask for a reset.
        assertThat(response(get("/admin/staff"), org.admin()).getContentAsString()).contains(peer.username())
                .doesNotContain("<option value=\"PEER\"");
        // A peer is in no list of the organisation's people: not in the team, not a tandem's choice.
        String team = response(get("/team"), manager).getContentAsString();
        assertThat(team).doesNotContain("Petra Peer");
        assertThat(status(get("/team/staff/{id}", peer.id()), manager)).as("no care record of a peer").isEqualTo(404);
        // Audited as the manager's.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE action = 'PEER_INVITED' AND actor_id = ?")
                .param(manager.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void thePrinciplesAreOnTheGroupPageInBothLanguages() throws Exception {
        String english = response(get("/peer-groups/{id}", group).param("lang", "en"), peer).getContentAsString();
        assertThat(english).contains("data-testid=\"principles\"").contains("Voluntariness").contains("Trust and relationship")
                .contains("Tandem").contains("Open narrative process").contains("Resources first")
                .contains("Confidentiality and the one-way street").contains("Family and context")
                .contains("Ending on the client");
        String german = response(get("/peer-groups/{id}", group).param("lang", "de"), peer).getContentAsString();
        assertThat(german).contains("Freiwilligkeit").contains("Vertrauen und Beziehung").contains("Tandem")
                .contains("Offener narrativer Prozess").contains("Ressourcen zuerst")
                .contains("Vertraulichkeit und Einbahnstraße").contains("Familie und Umfeld")
                .contains("Ende nach den Bedingungen");
    }
}
