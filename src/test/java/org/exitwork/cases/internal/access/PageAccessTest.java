package org.exitwork.cases.internal.access;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A page asks the access rules once per case and person (issue 19), and only a page: a request that
 * changes something, and work outside a request, ask them every time. Shown by taking a practitioner out
 * of the tandem behind the rules' back while a request is under way.
 */
@DatabaseTest
class PageAccessTest {

    @Autowired
    CaseAccess access;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    private RequestAttributes before;

    @AfterEach
    void endRequest() {
        RequestContextHolder.setRequestAttributes(before);
    }

    private void request(String method) {
        if (before == null) {
            before = RequestContextHolder.getRequestAttributes();
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(method, "/cases")));
    }

    record World(StaffPrincipal a, StaffPrincipal b, RegisteredClient client) {
    }

    private World world() {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        return new World(a, b, fixtures.client(a, b, Fixtures.unique("Page Access ")));
    }

    private void leaveTandem(World w) {
        assertThat(jdbc.sql("DELETE FROM cas_tandem_member WHERE client_id = ? AND staff_id = ?")
                .params(w.client().id(), w.a().id()).update()).isEqualTo(1);
    }

    @Test
    void aPageDecidesOnceAndTheNextPageAnew() {
        World w = world();
        request("GET");
        assertThat(access.accessOf(w.a(), w.client().id())).isEqualTo(Access.TANDEM);
        leaveTandem(w);
        assertThat(access.accessOf(w.a(), w.client().id())).as("the same page").isEqualTo(Access.TANDEM);
        assertThat(access.accessOf(w.b(), w.client().id())).isEqualTo(Access.TANDEM);

        request("GET");
        assertThat(access.accessOf(w.a(), w.client().id())).as("the next page").isEqualTo(Access.NONE);
        assertThatThrownBy(() -> access.forReading(w.a(), w.client().id(), "read")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aRequestThatChangesSomethingAsksEveryTime() {
        World w = world();
        request("POST");
        assertThat(access.accessOf(w.a(), w.client().id())).isEqualTo(Access.TANDEM);
        leaveTandem(w);
        assertThat(access.accessOf(w.a(), w.client().id())).isEqualTo(Access.NONE);
        assertThatThrownBy(() -> access.forTandem(w.a(), w.client().id(), "write")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void outsideARequestTheRulesAreAskedEveryTime() {
        World w = world();
        RequestContextHolder.resetRequestAttributes();
        before = null;
        assertThat(access.accessOf(w.a(), w.client().id())).isEqualTo(Access.TANDEM);
        leaveTandem(w);
        assertThat(access.accessOf(w.a(), w.client().id())).isEqualTo(Access.NONE);
    }

    @Test
    void aPageKeepsPeopleAndOrganisationsApart() {
        World w = world();
        World other = world();
        request("GET");
        assertThat(access.accessOf(w.a(), w.client().id())).isEqualTo(Access.TANDEM);
        // The same page asking for another organisation's practitioner and case finds nothing kept for them.
        assertThatThrownBy(() -> access.find(other.a(), w.client().id())).isInstanceOf(NotFoundException.class);
        assertThat(access.accessOf(other.a(), other.client().id())).isEqualTo(Access.TANDEM);
        assertThatThrownBy(() -> access.find(w.a(), other.client().id())).isInstanceOf(NotFoundException.class);
        StaffPrincipal colleague = fixtures.staff(new Fixtures.Organisation(w.a().organisationId(), null, null),
                Role.PRACTITIONER);
        assertThat(access.accessOf(colleague, w.client().id())).isEqualTo(Access.NONE);
    }
}
