package org.exitwork.accounts;

import java.util.List;

import javax.sql.DataSource;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.SchemaColumns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** R14: staff emergency contacts, encrypted, for the organisation's managers only, every read audited. */
@DatabaseTest
@AutoConfigureMockMvc
class EmergencyContactsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;
    StaffPrincipal dpo;
    String name;
    String relation;
    String phone;

    @BeforeEach
    void staff() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.staff(org, Role.MANAGER);
        dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        name = Fixtures.unique("Kinmarker");
        relation = Fixtures.unique("Relmarker");
        phone = "+49 30 " + (1000000 + (int) (Math.random() * 8999999));
    }

    private void addOwn(StaffPrincipal who) throws Exception {
        mvc.perform(post("/profile/emergency-contacts").with(as(who)).with(csrf())
                        .param("name", name).param("relation", relation).param("phone", phone))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/profile/emergency-contacts"));
    }

    private String page(String path, StaffPrincipal who, int status) throws Exception {
        return mvc.perform(get(path).with(as(who))).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM acc_emergency_contact WHERE org_id = ?").param(org.id())
                .query(Long.class).single();
    }

    @Test
    void aStaffMemberRecordsTheirOwnContactsEncryptedAndOnlyManagersReadThem() throws Exception {
        addOwn(a);
        assertThat(page("/profile/emergency-contacts", a, 200)).contains(name, relation, phone);
        assertThat(DatabaseScan.find(dataSource, List.of(name, relation, phone)))
                .as("emergency contacts are stored encrypted only").isEmpty();

        assertThat(page("/manage/emergency-contacts", manager, 200)).contains(a.displayName(), name, relation, phone)
                .contains(b.displayName());

        // Nobody else sees them: not a colleague, not the DPO, not the administrator.
        assertThat(page("/profile/emergency-contacts", b, 200)).doesNotContain(name).doesNotContain(phone);
        for (StaffPrincipal other : List.of(b, dpo, org.admin())) {
            assertThat(page("/manage/emergency-contacts", other, 403)).doesNotContain(name).doesNotContain(phone);
            assertThat(page("/profile/emergency-contacts", other, 200)).doesNotContain(name).doesNotContain(phone);
        }
        // Nor a manager of another organisation.
        StaffPrincipal foreignManager = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        assertThat(page("/manage/emergency-contacts", foreignManager, 200)).doesNotContain(name)
                .doesNotContain(a.displayName());
    }

    @Test
    void everyManagerReadIsAuditedWithoutContent() throws Exception {
        addOwn(a);
        page("/manage/emergency-contacts", manager, 200);
        page("/manage/emergency-contacts", manager, 200);
        List<AuditEntry> reads = audit.recent(org.id(), 50).stream()
                .filter(e -> e.action().equals("EMERGENCY_CONTACTS_READ")).toList();
        assertThat(reads).hasSize(2).allSatisfy(e -> {
            assertThat(e.actorId()).isEqualTo(manager.id());
            assertThat(String.valueOf(e.detail()) + e.subject()).doesNotContain(name).doesNotContain(relation)
                    .doesNotContain(phone);
        });
        assertThat(audit.about(org.id(), a.username())).filteredOn(e -> e.action().equals("EMERGENCY_CONTACT_ADDED"))
                .hasSize(1).allSatisfy(e -> assertThat(e.detail()).isNull());
    }

    @Test
    void onlyTheOwnerRemovesAContact() throws Exception {
        addOwn(a);
        var id = jdbc.sql("SELECT id FROM acc_emergency_contact WHERE staff_id = ?").param(a.id())
                .query(java.util.UUID.class).single();
        for (StaffPrincipal other : List.of(b, manager, dpo, org.admin(),
                fixtures.staff(fixtures.organisation(), Role.PRACTITIONER))) {
            mvc.perform(post("/profile/emergency-contacts/{id}/remove", id).with(as(other)).with(csrf()))
                    .andExpect(status().isNotFound());
        }
        assertThat(rows()).isEqualTo(1);
        mvc.perform(post("/profile/emergency-contacts/{id}/remove", id).with(as(a)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(rows()).isZero();
        assertThat(audit.about(org.id(), a.username())).filteredOn(e -> e.action().equals("EMERGENCY_CONTACT_REMOVED"))
                .hasSize(1);
    }

    @Test
    void badInputIsShownAgainAndNothingIsStored() throws Exception {
        mvc.perform(post("/profile/emergency-contacts").with(as(a)).with(csrf())
                .param("name", " ").param("relation", relation).param("phone", phone)).andExpect(status().isBadRequest());
        mvc.perform(post("/profile/emergency-contacts").with(as(a)).with(csrf())
                .param("name", name).param("relation", relation).param("phone", "Main Street 5"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/profile/emergency-contacts").with(as(a)).with(csrf())
                .param("name", name).param("relation", "").param("phone", phone)).andExpect(status().isBadRequest());
        mvc.perform(post("/profile/emergency-contacts").with(as(a)).with(csrf())
                .param("name", "x".repeat(121)).param("relation", relation).param("phone", phone))
                .andExpect(status().isBadRequest());
        assertThat(rows()).isZero();
    }

    @Test
    void aSmuggledInAddressFieldIsIgnoredAndNoTableHasAnAddressColumn() throws Exception {
        String street = Fixtures.unique("Streetmarker");
        mvc.perform(post("/profile/emergency-contacts").with(as(a)).with(csrf()).param("name", name)
                .param("relation", relation).param("phone", phone).param("address", street).param("street", street))
                .andExpect(status().is3xxRedirection());
        assertThat(DatabaseScan.find(dataSource, List.of(street))).isEmpty();
        // The one address in the schema is the organisation's own postal address, which every document that
        // leaves names as the sender's; no person's address has a column.
        assertThat(SchemaColumns.of(dataSource, "")).as("no home address anywhere")
                .filteredOn(c -> !c.equals("acc_organisation.postal_address"))
                .noneMatch(c -> c.matches(".*\\.(.*address.*|.*street.*|.*postcode.*|.*postal.*|.*zip.*|.*home.*|city|town)"));
        assertThat(SchemaColumns.of(dataSource, "acc_emergency_contact")).hasSize(7);
    }
}
