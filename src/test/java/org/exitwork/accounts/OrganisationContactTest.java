package org.exitwork.accounts;

import java.util.List;
import java.util.Map;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.platform.SetupTask;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The organisation's contact, which every document that leaves names: the administrator and the managers
 * keep it at /organisation, bad input is refused at the field with nothing changed, every change is
 * audited, other modules read it through {@link Organisations}, and the set-up task is done once the
 * address and the e-mail are there.
 */
@DatabaseTest
class OrganisationContactTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Organisations organisations;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    List<SetupTask> tasks;

    @Autowired
    AuditLog audit;

    @Autowired
    AccountAdministration administration;

    @Autowired
    org.exitwork.audit.AuditWording wording;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal manager;
    String name;

    @BeforeEach
    void setUp() {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        manager = fixtures.manager(org.id());
        name = organisations.contact(org.id()).name();
    }

    private MockHttpServletRequestBuilder save(Map<String, String> fields) {
        MockHttpServletRequestBuilder request = post("/organisation");
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("name", name, "address", "Hafenweg 3\n20457 Hamburg",
                "email", "post@hafen.example", "telephone", "040 123 456", "dataProtection", "dsb@hafen.example"));
        // The form shows the contact's version; a test filling it in is based on the version there is.
        all.put("version", jdbc.sql("SELECT contact_version FROM acc_organisation WHERE id = ?").param(org.id())
                .query(Integer.class).single().toString());
        all.putAll(fields);
        all.forEach(request::param);
        return request;
    }

    private SetupTask task() {
        return tasks.stream().filter(t -> t.key().equals("organisation")).findFirst().orElseThrow();
    }

    @Test
    void aManagerSaysWhoTheOrganisationIsAndTheSetUpTaskIsDone() throws Exception {
        SetupTask task = task();
        assertThat(task.order()).isEqualTo(10);
        assertThat(task.link()).isEqualTo("/organisation");
        assertThat(task.isDone(org.id())).as("nothing entered yet").isFalse();
        assertThat(organisations.contact(org.id())).isEqualTo(new OrganisationContact(name, null, null, null, null));

        MockHttpServletResponse saved = web.perform(save(Map.of()), manager);
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/organisation");

        OrganisationContact contact = organisations.contact(org.id());
        assertThat(contact).isEqualTo(new OrganisationContact(name, "Hafenweg 3\n20457 Hamburg", "post@hafen.example",
                "040 123 456", "dsb@hafen.example"));
        assertThat(contact.addressLines()).containsExactly("Hafenweg 3", "20457 Hamburg");
        assertThat(task.isDone(org.id())).isTrue();
        assertThat(web.page("/organisation", manager)).contains("Hafenweg 3", "post@hafen.example", "dsb@hafen.example");

        List<AuditEntry> changes = audit.recent(org.id(), 50).stream()
                .filter(e -> e.action().equals("ORGANISATION_CONTACT_CHANGED")).toList();
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).actorId()).isEqualTo(manager.id());
        assertThat(changes.get(0).detail()).isEqualTo("@organisation.changed|ADDRESS,EMAIL,TELEPHONE,DATA_PROTECTION");
        // The DPO reads which parts changed in their own language.
        assertThat(wording.detail(changes.get(0).detail(), java.util.Locale.GERMAN))
                .isEqualTo("geändert: Postanschrift, E-Mail, Telefon, Datenschutzkontakt");
        assertThat(wording.detail(changes.get(0).detail(), java.util.Locale.ENGLISH))
                .isEqualTo("changed: postal address, e-mail, telephone, data protection contact");

        // Saving the same again changes nothing and records nothing.
        assertThat(web.status(save(Map.of()), manager)).isEqualTo(302);
        assertThat(audit.recent(org.id(), 50).stream().filter(e -> e.action().equals("ORGANISATION_CONTACT_CHANGED")))
                .hasSize(1);

        // The administrator keeps it too; the task is undone when the e-mail goes.
        assertThat(web.status(save(Map.of("email", "")), org.admin())).isEqualTo(302);
        assertThat(organisations.contact(org.id()).email()).isNull();
        assertThat(task.isDone(org.id())).isFalse();
    }

    @Test
    void theCommandLineDescribesAnOrganisationForTheDemo() {
        OrganisationContact demo = new OrganisationContact("Demo " + name, "Am Markt 1\n04109 Leipzig",
                "kontakt@demo.example", "0341 000", "datenschutz@demo.example");
        administration.describeOrganisation(org.id(), demo);
        assertThat(organisations.contact(org.id())).isEqualTo(demo);
        assertThat(task().isDone(org.id())).isTrue();
        assertThat(audit.recent(org.id(), 50)).filteredOn(e -> e.action().equals("ORGANISATION_CONTACT_CHANGED"))
                .singleElement().satisfies(e -> {
                    assertThat(e.actorName()).isEqualTo("command line");
                    assertThat(e.detail()).isEqualTo("@organisation.changed|NAME,ADDRESS,EMAIL,TELEPHONE,DATA_PROTECTION");
                });
    }

    @Test
    void badInputIsRefusedAtTheFieldAndChangesNothing() throws Exception {
        assertThat(web.status(save(Map.of()), manager)).isEqualTo(302);
        OrganisationContact before = organisations.contact(org.id());
        Map<String, String> fieldAndInput = Map.of(
                "email", "not an address",
                "telephone", "call me maybe",
                "name", " ",
                "address", "x".repeat(401),
                "dataProtection", "y".repeat(401));
        for (Map.Entry<String, String> bad : fieldAndInput.entrySet()) {
            MockHttpServletResponse response = web.perform(save(Map.of(bad.getKey(), bad.getValue())), manager);
            assertThat(response.getStatus()).as(bad.getKey()).isEqualTo(400);
            assertThat(response.getContentAsString()).as(bad.getKey() + ": the error sits at the field")
                    .contains("id=\"" + bad.getKey() + "-error\"").contains("Please correct the marked fields");
            assertThat(organisations.contact(org.id())).as(bad.getKey() + ": nothing changed").isEqualTo(before);
        }
        assertThat(web.perform(save(Map.of("email", "not an address")), manager).getContentAsString())
                .contains("Please enter an e-mail address such as info@example.org.");
    }

    @Test
    void onlyTheAdministratorAndTheManagersKeepIt() throws Exception {
        for (Role role : List.of(Role.PRACTITIONER, Role.DATA_PROTECTION_OFFICER)) {
            StaffPrincipal who = fixtures.staff(org, role);
            assertThat(web.status(get("/organisation"), who)).as(role.name()).isEqualTo(403);
            assertThat(web.status(save(Map.of("email", "evil@attacker.example")), who)).as(role.name()).isEqualTo(403);
        }
        assertThat(organisations.contact(org.id()).email()).isNull();
        assertThat(web.status(get("/organisation"), manager)).isEqualTo(200);
        assertThat(web.status(get("/organisation"), org.admin())).isEqualTo(200);
        // Another organisation's manager changes their own organisation, never this one.
        StaffPrincipal stranger = fixtures.manager(fixtures.organisation().id());
        assertThat(web.status(save(Map.of("email", "other@stranger.example")), stranger)).isEqualTo(302);
        assertThat(organisations.contact(org.id()).email()).isNull();
    }
}
