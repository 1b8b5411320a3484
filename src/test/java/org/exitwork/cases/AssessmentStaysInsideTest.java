package org.exitwork.cases;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * R5: the assessment never leaves its page. After recording one with marker strings, every GET
 * endpoint the application has (taken from the handler mapping, so an endpoint added later is
 * tried too) is called as every kind of staff member; the markers may appear only in the HTML of
 * the assessment page itself, for the tandem and for a colleague who broke the glass. Never in
 * another page, never in a PDF, JSON or download, never in the audit log, never in plain text in
 * the database.
 */
@DatabaseTest
@AutoConfigureMockMvc
class AssessmentStaysInsideTest {

    private static final String ASSESSMENT_PAGE = "/cases/{id}/assessment";
    /** What a search box is given: a prefix of the markers, so that the echo of the term is no hit. */
    private static final String SEARCH_TERM = "Assessmarker";
    private static final List<String> SEARCH_PARAMETERS = List.of("q", "query", "term", "search", "text");

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

    record Visitor(String name, StaffPrincipal principal, boolean mayRead) {
    }

    @Test
    void theAssessmentAppearsOnlyOnItsOwnPage() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Inside Client "));
        fixtures.note(a, client.id(), "An ordinary session note");

        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> v1 = markers("v1" + tag);
        Map<String, String> v2 = markers("v2" + tag);
        record(a, client, LocalDate.now().minusDays(10), v1, "HIGH", "RAISED");
        record(b, client, LocalDate.now(), v2, "LOW", "NONE_SEEN");
        List<String> markers = new ArrayList<>(v1.values());
        markers.addAll(v2.values());

        StaffPrincipal glassBreaker = fixtures.staff(org, Role.PRACTITIONER);
        assertThat(mvc.perform(post("/cases/{id}/break-glass", client.id()).with(as(glassBreaker)).with(csrf())
                .param("reason", "EMERGENCY").param("explanation", "Tandem unreachable, crisis call"))
                .andReturn().getResponse().getStatus()).isEqualTo(302);

        List<Visitor> visitors = List.of(
                new Visitor("tandem A", a, true),
                new Visitor("tandem B", b, true),
                new Visitor("colleague who broke the glass", glassBreaker, true),
                new Visitor("other practitioner", fixtures.staff(org, Role.PRACTITIONER), false),
                new Visitor("manager", fixtures.staff(org, Role.MANAGER), false),
                new Visitor("data protection officer", fixtures.staff(org, Role.DATA_PROTECTION_OFFICER), false),
                new Visitor("administrator", org.admin(), false));

        Set<String> patterns = getEndpoints();
        assertThat(patterns).as("the handler mapping lists the application's pages")
                .contains(ASSESSMENT_PAGE, "/cases/{id}", "/cases", "/audit", "/admin/staff");
        List<UUID> realIds = realIds(client.id(), org.id(), visitors);

        List<String> leaks = new ArrayList<>();
        Set<String> sawTheMarkers = new TreeSet<>();
        int requests = 0;
        for (String pattern : patterns) {
            for (Object[] vars : uriVariables(pattern, client.id(), realIds)) {
                for (Visitor visitor : visitors) {
                    for (boolean withSearch : List.of(false, true)) {
                        MockHttpServletRequestBuilder request = get(pattern, vars).with(as(visitor.principal()));
                        if (withSearch) {
                            SEARCH_PARAMETERS.forEach(p -> request.param(p, SEARCH_TERM));
                        }
                        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
                        requests++;
                        String where = "GET " + pattern + " " + List.of(vars) + (withSearch ? " ?q=" : "") + " as "
                                + visitor.name() + " (" + response.getStatus() + ", " + response.getContentType() + ")";
                        List<String> found = find(response, markers);
                        if (found.isEmpty()) {
                            continue;
                        }
                        boolean ownPage = ASSESSMENT_PAGE.equals(pattern) && vars[0].equals(client.id())
                                && visitor.mayRead() && isHtml(response) && response.getStatus() == 200;
                        if (ownPage) {
                            sawTheMarkers.add(visitor.name());
                        } else {
                            leaks.add(where + " shows " + found);
                        }
                    }
                }
            }
        }
        assertThat(leaks).as("the assessment leaked out of its page").isEmpty();
        assertThat(sawTheMarkers).as("the assessment page itself shows the assessment to those who may read it")
                .containsExactlyInAnyOrder("tandem A", "tandem B", "colleague who broke the glass");
        assertThat(requests).isGreaterThan(patterns.size() * visitors.size());

        List<String> inAudit = new ArrayList<>();
        for (Map<String, Object> entry : jdbc.sql("SELECT * FROM aud_entry").query().listOfRows()) {
            for (Object value : entry.values()) {
                markers.stream().filter(m -> String.valueOf(value).toLowerCase(Locale.ROOT)
                        .contains(m.toLowerCase(Locale.ROOT))).forEach(m -> inAudit.add(entry + " contains " + m));
            }
        }
        assertThat(inAudit).as("audit entries carry no assessment content").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE subject = ? AND action = 'ASSESSMENT_READ'")
                .param(client.pseudonym()).query(Long.class).single()).as("the reads were audited").isGreaterThan(0);
        assertThat(DatabaseScan.find(dataSource, markers)).as("markers in plain text in the database").isEmpty();
    }

    private static Map<String, String> markers(String tag) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String field : List.of("resources", "capacities", "protectiveFactors", "socialContext", "dangerToSelfWhy",
                "dangerToOthersWhy")) {
            m.put(field, SEARCH_TERM + field + "x" + tag);
        }
        return m;
    }

    private void record(StaffPrincipal who, RegisteredClient client, LocalDate on, Map<String, String> texts,
            String self, String others) throws Exception {
        MockHttpServletRequestBuilder request = post(ASSESSMENT_PAGE, client.id()).with(as(who)).with(csrf())
                .param("assessedOn", on.toString()).param("dangerToSelf", self).param("dangerToOthers", others);
        // Markers stand inside ordinary words, as a search index would tokenise them.
        texts.forEach((field, marker) -> request.param(field, "She talked about " + marker + " today."));
        assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).as("assessment recorded").isEqualTo(302);
    }

    /** Every pattern that answers GET (or any method), straight from the handler mapping. */
    private Set<String> getEndpoints() {
        Set<String> patterns = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                patterns.addAll(info.getPatternValues());
            }
        }
        return patterns;
    }

    /**
     * The case's id for a case's {@code {id}}; every other variable is tried with every real id there
     * is (the case's rows, the organisation's rows, the staff), so a sub-resource is really reached.
     */
    private static List<Object[]> uriVariables(String pattern, UUID clientId, List<UUID> realIds) {
        List<String> names = new UriTemplate(pattern).getVariableNames();
        List<Object[]> combinations = new ArrayList<>();
        combinations.add(new Object[0]);
        for (String name : names) {
            List<UUID> candidates = "id".equals(name) && pattern.startsWith("/cases/{id}") ? List.of(clientId) : realIds;
            List<Object[]> next = new ArrayList<>();
            for (Object[] prefix : combinations) {
                for (UUID candidate : candidates) {
                    Object[] extended = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    extended[prefix.length] = candidate;
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** Ids of every row that belongs to the client or the organisation, and of the visitors. */
    private List<UUID> realIds(UUID clientId, UUID orgId, List<Visitor> visitors) throws Exception {
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(clientId);
        visitors.forEach(v -> ids.add(v.principal().id()));
        try (Connection c = dataSource.getConnection()) {
            for (String table : DatabaseScan.tables(dataSource)) {
                Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
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
        assertThat(jdbc.sql("SELECT id FROM cas_assessment WHERE client_id = ?").param(clientId).query(UUID.class).list())
                .as("the assessment's own ids are among those tried").isNotEmpty().allMatch(ids::contains);
        return List.copyOf(ids);
    }

    private static boolean isHtml(MockHttpServletResponse response) {
        return response.getContentType() != null && response.getContentType().startsWith("text/html")
                && response.getHeader("Content-Disposition") == null;
    }

    /** The markers in the body: as text in several encodings, and as extracted text if it is a PDF. */
    private static List<String> find(MockHttpServletResponse response, List<String> markers) throws Exception {
        byte[] body = response.getContentAsByteArray();
        List<String> haystacks = new ArrayList<>();
        haystacks.add(new String(body, StandardCharsets.UTF_8));
        haystacks.add(new String(body, StandardCharsets.UTF_16BE));
        haystacks.add(new String(body, StandardCharsets.UTF_16LE));
        haystacks.add(new String(body, StandardCharsets.ISO_8859_1));
        boolean pdf = body.length > 4 && new String(body, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")
                || (response.getContentType() != null && response.getContentType().contains("pdf"));
        if (pdf) {
            String text = pdfText(body);
            if (text != null) {
                haystacks.add(text);
            }
        }
        response.getHeaderNames().forEach(h -> haystacks.add(h + ": " + String.join(", ", response.getHeaders(h))));
        List<String> lowered = haystacks.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        List<String> found = new ArrayList<>();
        for (String marker : markers) {
            String needle = marker.toLowerCase(Locale.ROOT);
            if (lowered.stream().anyMatch(h -> h.contains(needle))) {
                found.add(marker);
            }
        }
        return found;
    }

    /**
     * The text of a PDF, through PDFBox when it is on the classpath (3.x {@code Loader}, else 2.x
     * {@code PDDocument.load}); {@code null} without PDFBox, when only the raw bytes are checked.
     */
    private static String pdfText(byte[] pdf) throws Exception {
        Class<?> stripperClass;
        try {
            stripperClass = Class.forName("org.apache.pdfbox.text.PDFTextStripper");
        } catch (ClassNotFoundException absent) {
            return null;
        }
        Class<?> documentClass = Class.forName("org.apache.pdfbox.pdmodel.PDDocument");
        Object document;
        try {
            document = Class.forName("org.apache.pdfbox.Loader").getMethod("loadPDF", byte[].class).invoke(null, pdf);
        } catch (ClassNotFoundException olderPdfBox) {
            document = documentClass.getMethod("load", byte[].class).invoke(null, pdf);
        }
        try {
            Object stripper = stripperClass.getConstructor().newInstance();
            return (String) stripperClass.getMethod("getText", documentClass).invoke(stripper, document);
        } finally {
            ((AutoCloseable) document).close();
        }
    }
}
