package org.exitwork.disclosure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Files of client data leave only through the gate (R19, ARCHITECTURE: outbound policy). Every GET
 * endpoint of the handler mapping (so one added later is tried too) is called as the tandem, with
 * every real id there is; a response that is a download (Content-Disposition: attachment) or a file
 * (PDF, ZIP, octet-stream) must come from a handler in {@code org.exitwork.disclosure}. The
 * compile-time side is {@code OutboundChannelsTest.onlyTheDisclosureModuleHandsOutFiles}.
 */
@DatabaseTest
@AutoConfigureMockMvc
class DownloadsLeaveThroughTheGateTest {

    private static final List<String> FILE_TYPES = List.of("application/pdf", "application/zip",
            "application/octet-stream");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void everyFileComesFromTheGate() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Gate Client "));
        fixtures.note(a, client.id(), "A session note for the download walk");
        assertThat(mvc.perform(post("/cases/{id}/agreement", client.id()).with(as(a)).with(csrf())
                .param("objective", "An objective").param("changes[0].wording", "A change")
                .param("nextSteps", "Next steps").param("language", "en").param("basedOn", "0"))
                .andReturn().getResponse().getStatus()).isEqualTo(302);

        Map<String, Class<?>> handlers = getEndpoints();
        assertThat(handlers).containsKeys("/cases/{id}/agreement/{version}/pdf", "/cases/{id}/client-report/report",
                "/cases/{id}/client-report/export");
        List<UUID> realIds = realIds(client.id(), org.id(), List.of(a, b));

        List<String> outside = new ArrayList<>();
        Set<String> filesSeen = new TreeSet<>();
        for (Map.Entry<String, Class<?>> endpoint : handlers.entrySet()) {
            String pattern = endpoint.getKey();
            for (Object[] vars : uriVariables(pattern, client.id(), realIds)) {
                MockHttpServletResponse response = mvc.perform(get(pattern, vars).with(as(a))).andReturn()
                        .getResponse();
                if (!isFile(response)) {
                    continue;
                }
                filesSeen.add(pattern);
                if (!endpoint.getValue().getPackageName().startsWith("org.exitwork.disclosure")) {
                    outside.add("GET " + pattern + " " + List.of(vars) + " from " + endpoint.getValue().getName()
                            + " (" + response.getContentType() + ", " + response.getHeader("Content-Disposition") + ")");
                }
            }
        }
        assertThat(outside).as("files handed out outside the disclosure gate").isEmpty();
        assertThat(filesSeen).as("the walk reached the gate's own downloads").contains(
                "/cases/{id}/agreement/{version}/pdf", "/cases/{id}/client-report/report",
                "/cases/{id}/client-report/export");
    }

    private static boolean isFile(MockHttpServletResponse response) {
        String disposition = response.getHeader("Content-Disposition");
        String type = response.getContentType() == null ? "" : response.getContentType().toLowerCase(Locale.ROOT);
        return disposition != null && disposition.toLowerCase(Locale.ROOT).startsWith("attachment")
                || FILE_TYPES.stream().anyMatch(type::startsWith);
    }

    /** Every pattern that answers GET, with the class of its handler. */
    private Map<String, Class<?>> getEndpoints() {
        Map<String, Class<?>> patterns = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : handlerMapping.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                e.getKey().getPatternValues().forEach(p -> patterns.put(p, e.getValue().getBeanType()));
            }
        }
        return patterns;
    }

    /** The case's id for a case's {@code {id}}, every real id for any other variable. */
    private static List<Object[]> uriVariables(String pattern, UUID clientId, List<UUID> realIds) {
        List<Object[]> combinations = new ArrayList<>();
        combinations.add(new Object[0]);
        for (String name : new UriTemplate(pattern).getVariableNames()) {
            List<Object> candidates = new ArrayList<>();
            if ("id".equals(name) && pattern.startsWith("/cases/{id}")) {
                candidates.add(clientId);
            } else if ("version".equals(name)) {
                candidates.add(1);
            } else {
                candidates.addAll(realIds);
            }
            List<Object[]> next = new ArrayList<>();
            for (Object[] prefix : combinations) {
                for (Object candidate : candidates) {
                    Object[] extended = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    extended[prefix.length] = candidate;
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** Ids of every row that belongs to the client or the organisation, and of the staff. */
    private List<UUID> realIds(UUID clientId, UUID orgId, List<StaffPrincipal> staff) throws Exception {
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(clientId);
        staff.forEach(s -> ids.add(s.id()));
        try (Connection c = dataSource.getConnection()) {
            for (String table : DatabaseScan.tables(dataSource)) {
                Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnName(i));
                    }
                }
                if (!columns.contains("id")) {
                    continue;
                }
                String owner = columns.contains("client_id") ? "client_id" : columns.contains("org_id") ? "org_id" : null;
                if (owner == null) {
                    continue;
                }
                UUID ownerId = owner.equals("client_id") ? clientId : orgId;
                for (Object id : jdbc.sql("SELECT id FROM " + table + " WHERE " + owner + " = ?").param(ownerId)
                        .query((rs, n) -> rs.getObject(1)).list()) {
                    if (id instanceof UUID uuid) {
                        ids.add(uuid);
                    }
                }
            }
        }
        return List.copyOf(ids);
    }
}
