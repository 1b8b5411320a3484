package org.exitwork.network;

import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A partner's services and contact protocol (R11): managers record them on the partner's page, everyone
 * who reads partners sees them, how to reach the partner is sealed, a wrong form changes nothing, and
 * no partner but an active social service can have any.
 */
@DatabaseTest
@AutoConfigureMockMvc
class PartnerServicesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    PartnerServices services;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal manager;
    StaffPrincipal practitioner;
    UUID partner;
    String marker;

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        manager = fixtures.manager(org.id());
        practitioner = fixtures.staff(org, Role.PRACTITIONER);
        String name = "Job centre " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", "EMPLOYMENT")
                .param("mandate", "Work").param("agreement", "INFORMAL"), manager)).isEqualTo(302);
        partner = jdbc.sql("SELECT id FROM net_partner WHERE name = ?").param(name).query(UUID.class).single();
        marker = Fixtures.unique("reachmarker");
    }

    private MockHttpServletResponse save(StaffPrincipal who, String days, String how, String... needs) throws Exception {
        return web.perform(post("/network/partners/{id}/services", partner).param("needs", needs)
                .param("howToReach", how).param("language", "German, Arabic").param("responseDays", days), who);
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM net_partner_service WHERE partner_id = ?").param(partner)
                .query(Long.class).single();
    }

    @Test
    void managersRecordThemEveryReaderSeesThemAndHowToReachIsSealed() throws Exception {
        assertThat(save(manager, "7", "Call " + marker, "WORK", "EDUCATION").getStatus()).isEqualTo(302);
        assertThat(services.offer(org.id(), partner)).hasValueSatisfying(o -> {
            assertThat(o.needs()).containsExactlyInAnyOrder(Need.WORK, Need.EDUCATION);
            assertThat(o.howToReach()).isEqualTo("Call " + marker);
            assertThat(o.responseDays()).isEqualTo(7);
        });
        assertThat(DatabaseScan.find(dataSource, java.util.List.of(marker))).isEmpty();
        String page = web.page("/network/partners/" + partner, practitioner);
        assertThat(page).contains("data-testid=\"services\"", "Work", "Education", "Call " + marker, "7 days")
                .doesNotContain("data-testid=\"services-form\"");
        assertThat(audit.recent(org.id(), 50).stream().map(AuditEntry::action)).contains("PARTNER_SERVICES_CHANGED");

        // No need ticked: the partner offers nothing any more.
        assertThat(web.perform(post("/network/partners/{id}/services", partner), manager).getStatus()).isEqualTo(302);
        assertThat(services.offer(org.id(), partner)).isEmpty();
        assertThat(rows()).isZero();
    }

    @Test
    void aWrongFormIsShownAgainAndChangesNothing() throws Exception {
        assertThat(save(manager, "7", "Desk", "WORK").getStatus()).isEqualTo(302);
        for (MockHttpServletResponse wrong : java.util.List.of(save(manager, "0", "Desk", "HEALTH"),
                save(manager, "91", "Desk", "HEALTH"), save(manager, "seven", "Desk", "HEALTH"),
                save(manager, "7", " ", "HEALTH"), save(manager, "", "Desk", "HEALTH"))) {
            assertThat(wrong.getStatus()).isEqualTo(400);
            assertThat(wrong.getContentAsString()).contains("data-error-summary");
        }
        assertThat(services.offer(org.id(), partner).orElseThrow().needs()).containsExactly(Need.WORK);
        assertThat(save(practitioner, "7", "Desk", "HEALTH").getStatus()).isEqualTo(403);
        assertThat(services.offer(org.id(), partner).orElseThrow().needs()).containsExactly(Need.WORK);
    }

    @Test
    void anotherOrganisationSeesNoneOfThem() throws Exception {
        assertThat(save(manager, "7", "Desk", "WORK").getStatus()).isEqualTo(302);
        UUID other = fixtures.organisation().id();
        assertThat(services.offer(other, partner)).isEmpty();
        assertThat(services.offers(other)).isEmpty();
        assertThat(web.status(post("/network/partners/{id}/services", partner).param("needs", "WORK")
                .param("howToReach", "x").param("responseDays", "3"), fixtures.manager(other))).isEqualTo(404);
    }
}
