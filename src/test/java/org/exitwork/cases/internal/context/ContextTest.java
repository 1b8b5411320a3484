package org.exitwork.cases.internal.context;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.access.CaseActions;
import org.exitwork.cases.internal.sessions.PlaceKind;
import org.exitwork.cases.internal.sessions.SessionService;
import org.exitwork.cases.internal.sessions.Setting;
import org.exitwork.cases.internal.sessions.Theme;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** R12 and institutions: context persons and the institution history, kept by the tandem, encrypted. */
@DatabaseTest
@AutoConfigureMockMvc
class ContextTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    ContextService context;

    @Autowired
    SessionService sessions;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;
    LocalDate today;

    @BeforeEach
    void aCase() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, Fixtures.unique("Context Client "));
        today = LocalDate.now(SessionService.ZONE);
    }

    String url() {
        return "/cases/" + client.id() + "/context";
    }

    MockHttpServletRequestBuilder addPerson(String relation, String name, String note) {
        return post(url() + "/persons").with(csrf()).param("relation", relation).param("name", name)
                .param("note", note);
    }

    MockHttpServletRequestBuilder institution(String kind, String name, Object since) {
        return post(url() + "/institutions").with(csrf()).param("kind", kind).param("institutionName", name)
                .param("since", since == null ? "" : since.toString());
    }

    @Test
    void theTandemAddsChangesAndRemovesContextPersons() throws Exception {
        mvc.perform(addPerson("PARENT", "Greta Mother", "Calls every Sunday").with(as(a)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(addPerson("TEACHER", "Mr Bauer", "").with(as(b))).andExpect(status().is3xxRedirection());
        mvc.perform(get(url()).with(as(b))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Greta Mother")))
                .andExpect(content().string(containsString("Calls every Sunday")))
                .andExpect(content().string(containsString("Teacher or school staff")))
                .andExpect(content().string(containsString("Institutional caretakers")));
        List<ContextService.ContextPerson> persons = context.page(a, client.id()).persons();
        assertThat(persons).extracting(ContextService.ContextPerson::name).containsExactly("Greta Mother", "Mr Bauer");
        assertThat(persons.get(1).note()).isNull();
        UUID greta = persons.get(0).id();

        // The edit form is filled with what is stored.
        mvc.perform(get(url()).param("edit", greta.toString()).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"Greta Mother\"")))
                .andExpect(content().string(containsString("/context/persons/" + greta + "/remove")));
        mvc.perform(post(url() + "/persons/" + greta).with(csrf()).with(as(a)).param("relation", "OTHER_RELATIVE")
                .param("name", "Greta Aunt").param("note", "Lives nearby").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        ContextService.ContextPerson changed = context.page(a, client.id()).persons().stream()
                .filter(p -> p.id().equals(greta)).findFirst().orElseThrow();
        assertThat(changed.relation()).isEqualTo(ContextRelation.OTHER_RELATIVE);
        assertThat(changed.name()).isEqualTo("Greta Aunt");
        assertThat(changed.note()).isEqualTo("Lives nearby");

        mvc.perform(post(url() + "/persons/" + greta + "/remove").with(csrf()).with(as(b)))
                .andExpect(status().is3xxRedirection());
        assertThat(personRows()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_context_person WHERE id = ?").param(greta).query(Long.class)
                .single()).as("the row is deleted").isZero();
        assertThat(actions()).contains(ContextActions.CONTEXT_PERSON_ADDED, ContextActions.CONTEXT_PERSON_CHANGED,
                ContextActions.CONTEXT_PERSON_REMOVED, ContextActions.CONTEXT_READ);
        assertThat(audit.about(org.id(), client.pseudonym())).extracting(AuditEntry::detail)
                .noneMatch(d -> d != null && (d.contains("Greta") || d.contains("Sunday") || d.contains("Bauer")));
    }

    @Test
    void sessionsListContextPersonsAndKeepTheSessionWhenOneIsRemoved() {
        UUID brother = context.addPerson(a, client.id(),
                new ContextService.PersonDraft(ContextRelation.SIBLING, "Brother Tom", null));
        sessions.record(a, client.id(), new SessionService.SessionDraft(today, 90, Setting.FAMILY_CONTEXT,
                PlaceKind.OFFICE, false, Set.of(a.id()), Set.of(brother), Set.of(Theme.FAMILY_HISTORY),
                "Family session without the client.", null, null, null));
        SessionService.Session s = sessions.page(a, client.id()).sessions().get(0);
        assertThat(s.persons()).extracting(SessionService.Person::name).containsExactly("Brother Tom");
        assertThat(s.clientPresent()).isFalse();

        context.removePerson(a, client.id(), brother);
        SessionService.Session after = sessions.page(a, client.id()).sessions().get(0);
        assertThat(after.note()).isEqualTo("Family session without the client.");
        assertThat(after.persons()).isEmpty();
    }

    @Test
    void badInputIsRefusedWithA400AndChangesNothing() throws Exception {
        UUID person = context.addPerson(a, client.id(),
                new ContextService.PersonDraft(ContextRelation.FRIEND, "Kept Name", "Kept note"));
        for (MockHttpServletRequestBuilder bad : List.of(
                addPerson("", "No Relation", ""),
                addPerson("DANGEROUS_INFLUENCE", "Unknown Relation", ""),
                addPerson("FRIEND", "  ", ""),
                addPerson("FRIEND", "n".repeat(201), ""),
                addPerson("FRIEND", "Long Note", "x".repeat(2001)))) {
            mvc.perform(bad.with(as(a))).andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("class=\"problem\" role=\"alert\"")));
        }
        mvc.perform(post(url() + "/persons/" + person).with(csrf()).with(as(a)).param("relation", "FRIEND")
                        .param("name", "").param("note", "changed"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("changed")));
        assertThat(personRows()).isEqualTo(1);
        ContextService.ContextPerson kept = context.page(a, client.id()).persons().get(0);
        assertThat(kept.name()).isEqualTo("Kept Name");
        assertThat(kept.note()).isEqualTo("Kept note");

        for (MockHttpServletRequestBuilder bad : List.of(
                institution("", "No Kind", today),
                institution("POLICE_STATION", "Unknown Kind", today),
                institution("SCHOOL", " ", today),
                institution("SCHOOL", "No Date", null),
                institution("SCHOOL", "Future", today.plusDays(1)),
                institution("SCHOOL", "Bad Date", "tomorrow"))) {
            mvc.perform(bad.with(as(a))).andExpect(status().isBadRequest());
        }
        assertThat(stayRows()).isZero();
    }

    @Test
    void aMoveEndsTheCurrentStayAndKeepsTheHistory() throws Exception {
        mvc.perform(institution("PRISON", "JVA Nordstadt", today.minusDays(300)).with(as(a)))
                .andExpect(status().is3xxRedirection());
        ContextService.ContextPage first = context.page(a, client.id());
        assertThat(first.current()).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo(InstitutionKind.PRISON);
            assertThat(s.name()).isEqualTo("JVA Nordstadt");
            assertThat(s.startedOn()).isEqualTo(today.minusDays(300));
        });
        assertThat(first.history()).isEmpty();

        mvc.perform(institution("PROBATION", "Bewährungshilfe Süd", today.minusDays(20)).with(as(b)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(institution("COMMUNITY", "Wohngruppe Am Hang", today).with(as(a)))
                .andExpect(status().is3xxRedirection());
        ContextService.ContextPage page = context.page(a, client.id());
        assertThat(page.current()).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo(InstitutionKind.COMMUNITY);
            assertThat(s.endedOn()).isNull();
        });
        assertThat(page.history()).extracting(ContextService.Stay::name)
                .containsExactly("Bewährungshilfe Süd", "JVA Nordstadt");
        assertThat(page.history()).extracting(ContextService.Stay::endedOn)
                .containsExactly(today, today.minusDays(20));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_institution_stay WHERE client_id = ? AND ended_on IS NULL")
                .param(client.id()).query(Long.class).single()).as("one current stay").isEqualTo(1);

        mvc.perform(get(url()).with(as(b))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Wohngruppe Am Hang")))
                .andExpect(content().string(containsString("JVA Nordstadt")))
                .andExpect(content().string(containsString("data-testid=\"institution-history\"")));

        // A move dated before the current stay began is refused and changes nothing.
        mvc.perform(institution("SCHOOL", "Too Early School", today.minusDays(1)).with(as(a)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("before the start of the current stay")));
        assertThat(stayRows()).isEqualTo(3);
        assertThat(actions().stream().filter(ContextActions.INSTITUTION_RECORDED::equals)).hasSize(3);
    }

    @Test
    void nobodyOutsideTheTandemChangesTheContextAndEachRefusalIsAudited() throws Exception {
        UUID person = context.addPerson(a, client.id(),
                new ContextService.PersonDraft(ContextRelation.PEER, "Peer Only For Tandem", null));
        context.recordInstitution(a, client.id(), InstitutionKind.SCHOOL, "School Only For Tandem", today);
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        for (StaffPrincipal outsider : List.of(colleague, fixtures.staff(org, Role.MANAGER),
                fixtures.staff(org, Role.DATA_PROTECTION_OFFICER))) {
            mvc.perform(get(url()).with(as(outsider))).andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString("Peer Only For Tandem"))));
            mvc.perform(addPerson("FRIEND", "Intruder", "").with(as(outsider))).andExpect(status().isForbidden());
            mvc.perform(addPerson("", "", "").with(as(outsider))).andExpect(status().isForbidden());
            mvc.perform(post(url() + "/persons/" + person).with(csrf()).with(as(outsider)).param("relation", "FRIEND")
                    .param("name", "Renamed")).andExpect(status().isForbidden());
            mvc.perform(post(url() + "/persons/" + person + "/remove").with(csrf()).with(as(outsider)))
                    .andExpect(status().isForbidden());
            mvc.perform(institution("PRISON", "Intruder Prison", today).with(as(outsider)))
                    .andExpect(status().isForbidden());
            assertThat(audit.about(org.id(), client.pseudonym()).stream()
                    .filter(e -> e.action().equals(CaseActions.ACCESS_REFUSED) && e.actorId().equals(outsider.id()))
                    .map(AuditEntry::detail)).contains("read context", "add context person", "change context person",
                    "remove context person", "record institution");
        }
        mvc.perform(get(url()).with(as(org.admin()))).andExpect(status().isForbidden());
        mvc.perform(addPerson("FRIEND", "Admin", "").with(as(org.admin()))).andExpect(status().isForbidden());
        assertThat(context.page(a, client.id()).persons()).extracting(ContextService.ContextPerson::name)
                .containsExactly("Peer Only For Tandem");
        assertThat(stayRows()).isEqualTo(1);

        // A colleague who broke the glass reads, without forms to change anything.
        mvc.perform(post("/cases/" + client.id() + "/break-glass").with(as(colleague)).with(csrf())
                .param("reason", "ABSENCE").param("explanation", "Tandem on leave, client called"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(url()).with(as(colleague))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Peer Only For Tandem")))
                .andExpect(content().string(not(containsString("id=\"add-person\""))))
                .andExpect(content().string(not(containsString("id=\"record-institution\""))));
        mvc.perform(get(url()).param("edit", person.toString()).with(as(colleague))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/remove"))));
        mvc.perform(addPerson("FRIEND", "By Glass", "").with(as(colleague))).andExpect(status().isForbidden());
    }

    @Test
    void anotherOrganisationAndAnotherCaseFindNothing() throws Exception {
        UUID person = context.addPerson(a, client.id(),
                new ContextService.PersonDraft(ContextRelation.PARENT, "Only Here", null));
        var other = fixtures.organisation();
        for (Role role : new Role[] {Role.PRACTITIONER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER}) {
            StaffPrincipal stranger = fixtures.staff(other, role);
            mvc.perform(get(url()).with(as(stranger))).andExpect(status().isNotFound());
            mvc.perform(addPerson("FRIEND", "Stranger", "").with(as(stranger))).andExpect(status().isNotFound());
            mvc.perform(post(url() + "/persons/" + person).with(csrf()).with(as(stranger)).param("relation", "FRIEND")
                    .param("name", "Renamed")).andExpect(status().isNotFound());
            mvc.perform(post(url() + "/persons/" + person + "/remove").with(csrf()).with(as(stranger)))
                    .andExpect(status().isNotFound());
            mvc.perform(institution("PRISON", "Stranger Prison", today).with(as(stranger)))
                    .andExpect(status().isNotFound());
        }
        // The person's id under another case of the same tandem: not found, not changed.
        RegisteredClient second = fixtures.client(a, b, Fixtures.unique("Second "));
        String secondUrl = "/cases/" + second.id() + "/context";
        mvc.perform(post(secondUrl + "/persons/" + person).with(csrf()).with(as(a)).param("relation", "FRIEND")
                .param("name", "Renamed")).andExpect(status().isNotFound());
        mvc.perform(post(secondUrl + "/persons/" + person + "/remove").with(csrf()).with(as(a)))
                .andExpect(status().isNotFound());
        mvc.perform(get(secondUrl).param("edit", person.toString()).with(as(a))).andExpect(status().isNotFound());
        assertThat(context.page(a, client.id()).persons()).extracting(ContextService.ContextPerson::name)
                .containsExactly("Only Here");
    }

    @Test
    void aClosedCaseIsReadOnly() throws Exception {
        context.addPerson(a, client.id(), new ContextService.PersonDraft(ContextRelation.FRIEND, "Before Closing", null));
        jdbc.sql("UPDATE cas_client SET stage = 'CLOSED' WHERE id = ?").param(client.id()).update();
        mvc.perform(get(url()).with(as(a))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Before Closing")))
                .andExpect(content().string(not(containsString("id=\"add-person\""))));
        mvc.perform(addPerson("FRIEND", "After Closing", "").with(as(a))).andExpect(status().isConflict());
        mvc.perform(institution("SCHOOL", "After Closing", today).with(as(a))).andExpect(status().isConflict());
        assertThat(personRows()).isEqualTo(1);
    }

    private long personRows() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_context_person WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private long stayRows() {
        return jdbc.sql("SELECT COUNT(*) FROM cas_institution_stay WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    private List<String> actions() {
        return audit.about(org.id(), client.pseudonym()).stream().map(AuditEntry::action).toList();
    }
}
