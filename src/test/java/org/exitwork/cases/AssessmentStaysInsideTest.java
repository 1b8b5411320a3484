package org.exitwork.cases;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.PostgresRun;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.ControllerAdviceBean;
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
 * R5: the assessment never leaves its page. After recording one with marker strings, every GET
 * endpoint the application has (taken from the handler mapping, so an endpoint added later is
 * tried too) is called as every kind of staff member; the markers may appear only in the HTML of
 * the assessment page itself, for the tandem and for a colleague who broke the glass. Never in
 * another page, never in a PDF, JSON or download, never in the audit log, never in plain text in
 * the database.
 * <p>
 * Path variables take every real id, in every combination; a variable of another type (a date) takes
 * one id and values of its type. Each request goes once without and, where the handler can read them
 * at all, once with the search parameters (about 21,200 requests; before the handlers were looked at,
 * 72,600, half of them a date variable filled with ids and answered 400, most of the rest the same
 * request again with parameters nothing reads).
 */
@DatabaseTest
@Tag(PostgresRun.ENDPOINT_WALK) // on H2 in the full run; on PostgreSQL when named (README "Tests")
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
    ApplicationContext context;

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

        Map<String, List<Handler>> endpoints = getEndpoints();
        Set<String> patterns = endpoints.keySet();
        assertThat(patterns).as("the handler mapping lists the application's pages")
                .contains(ASSESSMENT_PAGE, "/cases/{id}", "/cases", "/audit", "/admin/staff");
        List<UUID> realIds = realIds(client.id(), org.id(), visitors);
        List<LocalDate> dates = List.of(LocalDate.now().withDayOfMonth(1), LocalDate.now().withDayOfYear(1));
        Set<String> searched = new TreeSet<>();
        for (String pattern : patterns) {
            if (readsSearch(endpoints.get(pattern))) {
                searched.add(pattern);
            }
        }
        assertThat(searched).as("the search boxes are among the pages that are given the search term")
                .contains("/cases/search");
        assertThat(templatesReadingSearchParameters()).as("templates that read a search parameter themselves")
                .isEmpty();

        List<String> leaks = new ArrayList<>();
        Set<String> sawTheMarkers = new TreeSet<>();
        int requests = 0;
        long started = System.nanoTime();
        for (String pattern : patterns) {
            for (Object[] vars : uriVariables(pattern, endpoints.get(pattern), client.id(), realIds, dates)) {
                for (Visitor visitor : visitors) {
                    for (boolean withSearch : searched.contains(pattern) ? List.of(false, true) : List.of(false)) {
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
        System.out.printf("AssessmentStaysInsideTest: %d patterns, %d ids, %d requests in %d ms; given the search term: %s%n",
                patterns.size(), realIds.size(), requests, (System.nanoTime() - started) / 1_000_000, searched);
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

    /** A handler method of a pattern, and whether its mapping asks for request parameters. */
    record Handler(HandlerMethod method, boolean hasParamsCondition) {
    }

    /**
     * Every pattern that answers GET (or any method), straight from the handler mapping, with the handler
     * methods that answer it.
     */
    private Map<String, List<Handler>> getEndpoints() {
        Map<String, List<Handler>> patterns = new java.util.TreeMap<>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                for (String pattern : info.getPatternValues()) {
                    patterns.computeIfAbsent(pattern, k -> new ArrayList<>())
                            .add(new Handler(method, !info.getParamsCondition().isEmpty()));
                }
            }
        });
        return patterns;
    }

    /**
     * The ways to fill a pattern's variables: the case's id for a case's {@code {id}}; every other variable
     * is tried with every real id there is (the case's rows, the organisation's rows, the staff), so a
     * sub-resource is really reached, and every combination of them where there are several.
     * <p>
     * A variable that a handler binds to a type no id converts to (a {@code LocalDate}, a number) answers
     * 400 before any handler code runs for every id alike; it is tried with one id (that 400) and with
     * values of its own type, which do reach the handler: the first of this month and of this year (where
     * reporting periods start); 0, 1 and 2; every constant of an enum. A type without such values fails the
     * test, so that whoever adds one says which values it takes.
     */
    private static List<Object[]> uriVariables(String pattern, List<Handler> handlers, UUID clientId,
            List<UUID> realIds, List<LocalDate> dates) {
        List<String> names = new UriTemplate(pattern).getVariableNames();
        List<Object[]> combinations = new ArrayList<>();
        combinations.add(new Object[0]);
        for (String name : names) {
            List<?> candidates = "id".equals(name) && pattern.startsWith("/cases/{id}") ? List.of(clientId)
                    : candidates(pattern, name, handlers, realIds, dates);
            List<Object[]> next = new ArrayList<>();
            for (Object[] prefix : combinations) {
                for (Object candidate : candidates) {
                    Object[] extended = Arrays.copyOf(prefix, prefix.length + 1);
                    extended[prefix.length] = candidate;
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }

    /** The values a path variable is tried with, by the type the pattern's handlers bind it to. */
    private static List<?> candidates(String pattern, String name, List<Handler> handlers, List<UUID> realIds,
            List<LocalDate> dates) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Handler handler : handlers) {
            for (MethodParameter parameter : parameters(handler.method().getMethod())) {
                PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
                if (variable == null) {
                    continue;
                }
                String bound = !variable.name().isEmpty() ? variable.name() : parameter.getParameterName();
                if (name.equals(bound) || Map.class.isAssignableFrom(parameter.getParameterType())) {
                    types.add(Map.class.isAssignableFrom(parameter.getParameterType()) ? String.class
                            : parameter.getParameterType());
                }
            }
        }
        if (types.isEmpty() || types.stream().anyMatch(t -> t == UUID.class || t == String.class
                || t == Object.class || t == CharSequence.class)) {
            return realIds; // also a variable no handler binds: as before, every id
        }
        List<Object> candidates = new ArrayList<>();
        candidates.add(realIds.get(0)); // an id where the type wants something else: 400, before any handler code
        for (Class<?> type : types) {
            if (type == LocalDate.class) {
                candidates.addAll(dates);
            } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                candidates.addAll(List.of(0, 1, 2));
            } else if (type.isEnum()) {
                candidates.addAll(Arrays.asList(type.getEnumConstants()));
            } else {
                throw new AssertionError("{" + name + "} of " + pattern + " is bound to " + type.getName()
                        + ": say in uriVariables which values of it to try");
            }
        }
        return candidates.stream().distinct().toList();
    }

    /**
     * Whether the handler could see the search parameters at all: its mapping asks for parameters, or one of
     * its arguments, or a {@code @ModelAttribute} method run before it (in its controller or an advice),
     * binds request parameters: a {@code @RequestParam} with a search parameter's name or all of them, a
     * form or command object, the request itself, or anything this does not know. Elsewhere the same
     * request with the search parameters is the same request: no filter, interceptor or template reads
     * them (the templates are checked below).
     */
    private boolean readsSearch(List<Handler> handlers) {
        for (Handler handler : handlers) {
            if (handler.hasParamsCondition() || readsParameters(handler.method().getMethod())) {
                return true;
            }
            Class<?> controller = handler.method().getBeanType();
            for (Method method : org.springframework.util.ReflectionUtils.getUniqueDeclaredMethods(controller)) {
                if (AnnotatedElementUtils.hasAnnotation(method, ModelAttribute.class) && readsParameters(method)) {
                    return true;
                }
            }
            for (ControllerAdviceBean advice : ControllerAdviceBean.findAnnotatedBeans(context)) {
                if (!advice.isApplicableToBeanType(controller)) {
                    continue;
                }
                for (Method method : org.springframework.util.ReflectionUtils.getUniqueDeclaredMethods(
                        advice.getBeanType())) {
                    if (AnnotatedElementUtils.hasAnnotation(method, ModelAttribute.class)
                            && !PATH_ONLY_ADVICE.contains(method.getDeclaringClass().getSimpleName() + "." + method.getName())
                            && readsParameters(method)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Model attributes of every page that are given the request but read only its path or session, never
     * its parameters (PageModel: the current path for the language links; SignedInModel: the failed sign-ins
     * kept in the session).
     */
    private static final Set<String> PATH_ONLY_ADVICE = Set.of("PageModel.currentPath", "SignedInModel.failedAttempts");

    /** Types of handler arguments that never carry request parameters. */
    private static final List<Class<?>> BLIND = List.of(org.springframework.ui.Model.class,
            org.springframework.validation.Errors.class, org.springframework.web.servlet.mvc.support.RedirectAttributes.class,
            Locale.class, java.util.TimeZone.class, java.time.ZoneId.class, jakarta.servlet.ServletResponse.class,
            jakarta.servlet.http.HttpSession.class, java.security.Principal.class,
            org.springframework.web.bind.support.SessionStatus.class);

    private static boolean readsParameters(Method method) {
        for (MethodParameter parameter : parameters(method)) {
            Class<?> type = parameter.getParameterType();
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
                if (Map.class.isAssignableFrom(type) || SEARCH_PARAMETERS.contains(name)) {
                    return true;
                }
                continue;
            }
            boolean blind = parameter.hasParameterAnnotation(PathVariable.class)
                    || parameter.hasParameterAnnotation(AuthenticationPrincipal.class)
                    || parameter.hasParameterAnnotation(RequestHeader.class)
                    || parameter.hasParameterAnnotation(CookieValue.class)
                    || BLIND.stream().anyMatch(b -> b.isAssignableFrom(type));
            if (!blind) {
                return true;
            }
        }
        return false;
    }

    private static List<MethodParameter> parameters(Method method) {
        List<MethodParameter> parameters = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            parameters.add(parameter);
        }
        return parameters;
    }

    /**
     * Templates that read a search parameter straight from the request ({@code param.q}, getParameter), or
     * all of its parameters.
     */
    private static List<String> templatesReadingSearchParameters() throws Exception {
        String names = String.join("|", SEARCH_PARAMETERS);
        // A name of theirs, or every parameter at once (iterating param, the request's parameter map).
        Pattern reads = Pattern.compile("param\\s*\\.\\s*(" + names + ")\\b|param\\s*\\[\\s*'(" + names
                + ")'|getParameter(Values)?\\s*\\(\\s*'(" + names + ")'|paramValues|parameterMap|getParameterMap"
                + "|\\bparam\\s*}|\\bparam\\s*\\.\\s*(keySet|entrySet|values|containsKey|size)\\b");
        List<String> found = new ArrayList<>();
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
        assertThat(templates).as("the templates are found").isNotEmpty();
        for (Resource template : templates) {
            String text = template.getContentAsString(StandardCharsets.UTF_8);
            if (reads.matcher(text).find()) {
                found.add(template.getDescription());
            }
        }
        return found;
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
