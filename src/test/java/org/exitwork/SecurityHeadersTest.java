package org.exitwork;

import java.util.List;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.exitwork.testing.Fixtures.passwordOnly;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The browser is told to protect the pages; the actuator tells nobody anything but "UP". */
@DatabaseTest
@AutoConfigureMockMvc
class SecurityHeadersTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    StaffPrincipal practitioner;
    StaffPrincipal admin;
    RegisteredClient client;

    @BeforeEach
    void setUp() {
        Fixtures.Organisation org = fixtures.organisation();
        admin = org.admin();
        practitioner = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(practitioner, fixtures.staff(org, Role.PRACTITIONER), "Header Test Person");
    }

    @Test
    void aCasePageIsFramedByNobodyRunsNoInlineScriptAndIsNotCached() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/cases/{id}", client.id()).with(as(practitioner)))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertProtectiveHeaders(response);
        assertThat(response.getHeader("Cache-Control")).as("Cache-Control").contains("no-store");
    }

    @Test
    void everyKindOfPageCarriesTheHeaders() throws Exception {
        List<MockHttpServletRequestBuilder> pages = List.of(
                get("/sign-in"),
                get("/cases/{id}", client.id()),
                get("/cases").with(as(practitioner)),
                get("/admin/staff").with(as(admin)),
                get("/cases/{id}", client.id()).with(as(admin)),
                get("/does-not-exist").with(as(practitioner)),
                get("/cases/{id}/identity", client.id()).with(as(practitioner)),
                get("/").with(passwordOnly(practitioner)));
        for (MockHttpServletRequestBuilder page : pages) {
            assertProtectiveHeaders(mvc.perform(page).andReturn().getResponse());
        }
        assertThat(mvc.perform(get("/cases/{id}/identity", client.id()).with(as(practitioner))).andReturn()
                .getResponse().getHeader("Cache-Control")).as("the identity vault is never cached").contains("no-store");
    }

    private static void assertProtectiveHeaders(MockHttpServletResponse response) {
        String csp = response.getHeader("Content-Security-Policy");
        assertThat(csp).as("Content-Security-Policy").isNotBlank()
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'none'")
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("object-src 'none'");
        assertThat(response.getHeader("X-Frame-Options")).as("X-Frame-Options").isEqualTo("DENY");
        assertThat(response.getHeader("Referrer-Policy")).as("Referrer-Policy").isEqualTo("no-referrer");
        assertThat(response.getHeader("X-Content-Type-Options")).as("X-Content-Type-Options").isEqualTo("nosniff");
    }

    @Test
    void healthSaysUpAndNothingElse() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(get("/actuator/health"),
                get("/actuator/health").with(as(admin)), get("/actuator/health").with(as(practitioner)))) {
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentType()).contains("json");
            assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void noOtherActuatorEndpointRevealsAnything() throws Exception {
        List<String> paths = List.of("/actuator", "/actuator/", "/actuator/env", "/actuator/beans", "/actuator/info",
                "/actuator/health/db", "/actuator/health/diskSpace", "/actuator/health/liveness",
                "/actuator/configprops", "/actuator/mappings", "/actuator/metrics", "/actuator/loggers",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/sessions", "/actuator/flyway",
                "/actuator/modulith", "/actuator/conditions", "/actuator/shutdown");
        for (String path : paths) {
            check(path, "anonymous", mvc.perform(get(path)).andReturn().getResponse());
            check(path, "password only", mvc.perform(get(path).with(passwordOnly(admin))).andReturn().getResponse());
            check(path, "practitioner", mvc.perform(get(path).with(as(practitioner))).andReturn().getResponse());
            check(path, "administrator", mvc.perform(get(path).with(as(admin))).andReturn().getResponse());
        }
    }

    private static void check(String path, String who, MockHttpServletResponse response) throws Exception {
        int status = response.getStatus();
        String what = path + " for " + who + " answered " + status;
        boolean refused = status == 401 || status == 403 || status == 404
                || (status == 302 && response.getRedirectedUrl() != null);
        assertThat(refused).as(what + ": expected 404, 401/403 or a redirect").isTrue();
        assertThat(response.getContentAsString()).as(what)
                .doesNotContain("_links")
                .doesNotContain("spring.")
                .doesNotContain("\"UP\"")
                .doesNotContain("components")
                .doesNotContain("propertySources")
                .doesNotContain("\"beans\"")
                .doesNotContain("exitwork.");
    }
}
