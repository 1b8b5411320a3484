package org.exitwork;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.exitwork.AuthorizationMatrixTest.Endpoint;
import org.exitwork.AuthorizationMatrixTest.Who;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.DatabaseVisits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.exitwork.testing.Fixtures.passwordOnly;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every input gets a clear answer. Every endpoint that changes something (each POST, PUT, PATCH and DELETE
 * handler the MVC handler mapping serves) is sent, by someone allowed to use it and on the real records
 * of {@link AuthorizationMatrixTest}'s world, its plausible form with one input at a time made wrong:
 * a choice that does not exist, an impossible date, a number out of range or not a number, an id that is
 * not one or names nothing there is, 1 MB of text, ten thousand list items or rows. The inputs are read
 * from the handler method itself (its form record's components, its request parameters), so a new field
 * is walked without anyone listing it. Each answer is a 4xx, never a 500; a form shown again links its
 * message to a field; and nothing is stored (the row count of every table stays the same, and no statement
 * committed during the request changed a row, in place or not: {@code testing.DatabaseVisits}). Empty values
 * may be fine (optional fields), but never a 500, and never half-stored. A question page of a form asked
 * one question per page may answer 200 with the next question, storing nothing: it carries the other
 * questions' answers to its check page, whose POST refuses them.
 */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryInputTest {

    /** Endpoints not walked here, each with the reason. */
    static final Map<String, String> NOT_WALKED = Map.ofEntries(
            Map.entry("POST /setup", "answers 404 for every input once the organisation exists (first run only)"),
            Map.entry("POST /api/v1/referrals", "signed JSON: PartnerApiTest.badInputIs400NamingTheFieldAndStoresNothing "
                    + "walks wrong types, unknown fields, oversized and malformed bodies and a lone surrogate"),
            Map.entry("POST /api/v1/referrals/{partnerReference}/information", "signed JSON, as above"),
            Map.entry("POST /safety/help/{id}/arrived", "the phone's check-in: needs its cookie and page token; "
                    + "its inputs (event id, phone time, minutes) are the ones of /safety/appointments/{id}/..."),
            Map.entry("POST /safety/help/{id}/extend", "the phone's check-in, as above"),
            Map.entry("POST /safety/help/{id}/now", "the phone's check-in, as above"),
            Map.entry("POST /safety/help/{id}/left", "the phone's check-in, as above"));

    /** Endpoints that, for the visitor the matrix allows, answer the same whatever they are sent, and store nothing. */
    static final Map<String, String> ANSWERS_ALIKE = Map.of(
            "POST /cases/{id}/safety/compartment/requests", "only someone who broke the glass asks; the tandem (the "
                    + "matrix's allowed visitor) is sent back to the compartment it reads anyway",
            "POST /account/reset-notice", "acknowledges the holder's own notices among those named (others are "
                    + "ignored) and sends them on, or back while one is left; a list no page makes is 400");

    /**
     * Audit entries and sessions are written by reading a form again; a link's uses are counted whatever is
     * posted through it (the daily budget that keeps the audit log bounded). None is what a form stores.
     */
    private static final List<String> NOT_COUNTED = List.of("aud_", "spring_session", "flyway_", "dis_link_use");

    /** Not inputs of a form: who asks, the path, the request itself. */
    private static final Set<Class<?>> NOT_INPUTS = Set.of(jakarta.servlet.http.HttpServletRequest.class,
            jakarta.servlet.http.HttpServletResponse.class, jakarta.servlet.http.HttpSession.class,
            org.springframework.ui.Model.class, org.springframework.validation.BindingResult.class,
            org.springframework.validation.Errors.class, org.springframework.web.servlet.mvc.support.RedirectAttributes.class,
            Locale.class, java.security.Principal.class);

    private static final String MEGABYTE = "x".repeat(1_000_000);
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
    /** Ids the phone makes up itself (so that an action sent twice counts once): any new one is right. */
    private static final Set<String> MADE_UP_BY_THE_CLIENT = Set.of("eventId");
    private static final int MANY = 10_000;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private AuthorizationMatrixTest matrix;
    private String countEveryTable;
    /** MockMvc as the tests get it, but without keeping every answer for printing on failure (megabytes here). */
    private MockMvc quiet;

    /** The matrix's people and records, made once in a fresh organisation of this test's own. */
    @BeforeAll
    void createTheWorld() throws Exception {
        matrix = new AuthorizationMatrixTest();
        context.getAutowireCapableBeanFactory().autowireBean(matrix);
        matrix.createTheWorld();
        // As a person does: the enrolment form is seen (which makes its secret) before a code is posted to it.
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/sign-in/enrol")
                .with(passwordOnly(matrix.world.mustEnrol))).andReturn().getResponse().getStatus()).isEqualTo(200);
        countEveryTable = String.join(" UNION ALL ", DatabaseScan.tables(dataSource).stream()
                .filter(t -> NOT_COUNTED.stream().noneMatch(t.toLowerCase(Locale.ROOT)::startsWith))
                .map(t -> "SELECT '" + t.toLowerCase(Locale.ROOT) + "', COUNT(*) FROM " + t).toList());
        WebApplicationContext web = (WebApplicationContext) context;
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(web);
        for (MockMvcBuilderCustomizer customizer : context.getBeanProvider(MockMvcBuilderCustomizer.class)
                .orderedStream().toList()) {
            if (customizer instanceof SpringBootMockMvcBuilderCustomizer) {
                SpringBootMockMvcBuilderCustomizer withoutPrinting = new SpringBootMockMvcBuilderCustomizer(web);
                withoutPrinting.setAddFilters(true);
                withoutPrinting.setPrint(MockMvcPrint.NONE);
                withoutPrinting.customize(builder);
            } else {
                customizer.customize(builder);
            }
        }
        quiet = builder.build();
    }

    /** One input: its request parameter name and Java type (for a collection, its element type). */
    record Input(String name, Class<?> type, Class<?> element) {

        boolean many() {
            return Collection.class.isAssignableFrom(type) || type.isArray();
        }

        /** The id of the field on the page, as the error summary links to it. */
        String fieldId() {
            return name.replace("[", "").replace("]", "");
        }
    }

    /** A wrong value for an input, and whether it must be refused (an empty value may be fine). */
    record Wrong(Input input, List<String> values, String what, boolean mustBeRefused) {

        /** What kind of wrong this is, for the walk's timing. */
        String kind() {
            Class<?> type = input.many() ? input.element() : input.type();
            return (values.size() > 1 ? "many " : what.equals("empty") ? "empty " : "")
                    + (type == null ? "?" : type.isEnum() ? "choice" : type.getSimpleName());
        }

        @Override
        public String toString() {
            return input.name() + " = " + what;
        }
    }

    @Test
    void everyChangingEndpointIsWalkedOrListedWithAReason() {
        Set<String> unaccounted = new TreeSet<>();
        for (String key : changingEndpoints().keySet()) {
            if (!NOT_WALKED.containsKey(key) && endpoint(key) == null) {
                unaccounted.add(key);
            }
        }
        assertThat(unaccounted).as("endpoints neither in AuthorizationMatrixTest.ENDPOINTS nor listed here with a reason")
                .isEmpty();
        Set<String> stale = new TreeSet<>(NOT_WALKED.keySet());
        stale.addAll(ANSWERS_ALIKE.keySet());
        stale.removeAll(changingEndpoints().keySet());
        assertThat(stale).as("reasons for endpoints that no longer exist").isEmpty();
    }

    @Test
    void everyWrongInputIsAClientErrorAndStoresNothing() throws Exception {
        List<String> findings = new ArrayList<>();
        int requests = 0;
        long walkStarted = System.nanoTime();
        for (Map.Entry<String, HandlerMethod> changing : changingEndpoints().entrySet()) {
            if (NOT_WALKED.containsKey(changing.getKey())) {
                continue;
            }
            Endpoint endpoint = endpoint(changing.getKey());
            Who who = visitor(endpoint);
            int expected = endpoint.answers().get(who).status();
            boolean goodFormSucceeds = expected == 200 || expected == 302;
            Map<String, Long> before = rowCounts();
            for (Wrong wrong : wrongs(inputs(changing.getValue()))) {
                MockHttpServletResponse response;
                requests++;
                long sent = System.nanoTime();
                List<String> written;
                DatabaseVisits.watch();
                try {
                    response = perform(endpoint, who, wrong);
                    timeByKind.merge(wrong.kind(), System.nanoTime() - sent, Long::sum);
                } catch (jakarta.servlet.ServletException failed) {
                    DatabaseVisits.stopWatching();
                    // MockMvc hands on what the server would have answered with 500.
                    findings.add(endpoint.key() + " as " + who + " with " + wrong + ": 500 (" + failed.getCause() + ")");
                    before = rowCounts();
                    continue;
                }
                written = stored(DatabaseVisits.stopWatching());
                int status = response.getStatus();
                String what = endpoint.key() + " as " + who + " with " + wrong + ": " + status;
                if (status >= 500) {
                    findings.add(what + " (a server error)");
                    before = rowCounts();
                    continue;
                }
                boolean refused = status >= 400;
                Map<String, Long> after = rowCounts();
                if (!refused) {
                    // A question page carries the other questions' answers along (hidden) to its check page,
                    // which refuses them; answering with the next question stores nothing.
                    boolean stored = !after.equals(before) || !written.isEmpty();
                    if (wrong.mustBeRefused() && (stored || status != 200 && !ANSWERS_ALIKE.containsKey(endpoint.key()))) {
                        findings.add(what + " (accepted" + (stored ? ", stored: " + changed(before, after) + " wrote to "
                                + written : "") + ")");
                    }
                    before = after;
                    continue;
                }
                if (!after.equals(before) || !written.isEmpty()) {
                    findings.add(what + " (stored something: " + changed(before, after) + "; wrote to " + written + ")");
                    before = after;
                }
                if (goodFormSucceeds && status == 400 && wrong.mustBeRefused() && isPage(response)
                        && formShownAgain(response) && !linksToAField(response.getContentAsString(), wrong.input())) {
                    findings.add(what + " (the form is shown again without the message at " + wrong.input().fieldId() + ")");
                }
            }
        }
        System.out.println("EveryInputTest: " + requests + " wrong inputs sent in " + (System.nanoTime() - walkStarted) / 1_000_000
                + " ms, " + countingNanos / 1_000_000 + " ms of it counting rows; by kind (ms): "
                + timeByKind.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() / 1_000_000).toList());
        findings.forEach(f -> System.out.println("FINDING " + (f.length() > 400 ? f.substring(0, 400) : f)));
        assertThat(requests).as("wrong inputs sent").isGreaterThan(300);
        assertThat(findings).as("answers that are not a clear client error").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------

    /** Every POST, PUT, PATCH and DELETE handler of the MVC handler mapping, by method and pattern. */
    private Map<String, HandlerMethod> changingEndpoints() {
        Map<String, HandlerMethod> found = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : handlerMapping.getHandlerMethods().entrySet()) {
            for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
                if (method == RequestMethod.GET || method == RequestMethod.HEAD || method == RequestMethod.OPTIONS) {
                    continue;
                }
                for (String pattern : e.getKey().getPatternValues()) {
                    found.put(method.name() + " " + pattern, e.getValue());
                }
            }
        }
        return found;
    }

    private static Endpoint endpoint(String key) {
        return AuthorizationMatrixTest.ENDPOINTS.stream().filter(e -> e.key().equals(key)).findFirst().orElse(null);
    }

    /** Someone the matrix lets use the endpoint, the people who work with it most first. */
    private static Who visitor(Endpoint endpoint) {
        for (Who who : List.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER, Who.PRACTITIONER, Who.DATA_PROTECTION_OFFICER,
                Who.ADMIN, Who.PEER, Who.PASSWORD_ONLY, Who.ANONYMOUS)) {
            if (endpoint.allowed().contains(who)) {
                return who;
            }
        }
        throw new AssertionError(endpoint.key() + ": nobody may use it; list it in NOT_WALKED with the reason");
    }

    /** The inputs a handler reads: its form records' components (rows of lists included) and request parameters. */
    static List<Input> inputs(HandlerMethod handler) {
        List<Input> inputs = new ArrayList<>();
        for (MethodParameter p : handler.getMethodParameters()) {
            p.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            Class<?> type = p.getParameterType();
            if (p.hasParameterAnnotation(PathVariable.class) || p.hasParameterAnnotation(AuthenticationPrincipal.class)
                    || p.hasParameterAnnotation(CookieValue.class) || p.hasParameterAnnotation(RequestHeader.class)
                    || p.hasParameterAnnotation(RequestBody.class) || NOT_INPUTS.stream().anyMatch(t -> t.isAssignableFrom(type))) {
                continue;
            }
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            String name = param != null && !param.name().isEmpty() ? param.name() : p.getParameterName();
            if (type.isRecord()) {
                components("", type, inputs);
            } else if (Map.class.isAssignableFrom(type)) {
                continue;
            } else {
                inputs.add(new Input(name, type, element(p.getGenericParameterType())));
            }
        }
        return inputs;
    }

    private static void components(String prefix, Class<?> record, List<Input> inputs) {
        for (RecordComponent c : record.getRecordComponents()) {
            String name = prefix + c.getName();
            Class<?> type = c.getType();
            Class<?> element = element(c.getGenericType());
            if (type.isRecord()) {
                components(name + ".", type, inputs);
            } else if (Collection.class.isAssignableFrom(type) && element != null && element.isRecord()) {
                inputs.add(new Input(name, type, element));
                components(name + "[0].", element, inputs);
            } else if (!Map.class.isAssignableFrom(type)) {
                inputs.add(new Input(name, type, element));
            }
        }
    }

    private static Class<?> element(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    /** The wrong values tried for each input. */
    static List<Wrong> wrongs(List<Input> inputs) {
        List<Wrong> wrongs = new ArrayList<>();
        for (Input input : inputs) {
            Class<?> type = input.many() ? input.element() : input.type();
            if (type == null) {
                continue;
            }
            if (input.many() && type.isRecord()) {
                // Ten thousand rows: far beyond what any form shows.
                List<String> rows = new ArrayList<>();
                String first = type.getRecordComponents()[0].getName();
                for (int i = 0; i < MANY; i++) {
                    rows.add(input.name() + "[" + i + "]." + first + "=x");
                }
                wrongs.add(new Wrong(input, rows, MANY + " rows", true));
                continue;
            }
            for (String value : wrongValues(type)) {
                if (value.equals(UNKNOWN_ID) && MADE_UP_BY_THE_CLIENT.contains(input.name())) {
                    continue;
                }
                wrongs.add(new Wrong(input, List.of(value), value.length() > 40 ? value.length() + " characters" : value,
                        true));
            }
            if (input.many() && (type == String.class || type == UUID.class)) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < MANY; i++) {
                    values.add(type == UUID.class ? UUID.randomUUID().toString() : "item " + i);
                }
                wrongs.add(new Wrong(input, values, MANY + " items", true));
            }
            wrongs.add(new Wrong(input, List.of(""), "empty", false));
        }
        return wrongs;
    }

    private static List<String> wrongValues(Class<?> type) {
        if (type.isEnum()) {
            return List.of("NOPE");
        }
        if (type == LocalDate.class) {
            return List.of("2026-02-30", "yesterday", "99999-01-01");
        }
        if (type == LocalDateTime.class) {
            return List.of("2026-02-30T10:00", "yesterday", "99999-01-01T10:00");
        }
        if (type == LocalTime.class) {
            return List.of("25:61", "noon");
        }
        if (type == Instant.class) {
            return List.of("yesterday", "99999-01-01T10:00:00Z");
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return List.of("ninety", "99999999999999999999", "-1");
        }
        if (type == boolean.class || type == Boolean.class) {
            return List.of("maybe");
        }
        if (type == UUID.class) {
            // Not an id, and an id of nothing there is (a choice no list offered).
            return List.of("not-an-id", UNKNOWN_ID);
        }
        if (type == String.class) {
            return List.of(MEGABYTE);
        }
        return List.of();
    }

    private MockHttpServletResponse perform(Endpoint endpoint, Who who, Wrong wrong) throws Exception {
        AuthorizationMatrixTest.World world = matrix.world;
        world.visitor = who;
        MockHttpServletRequestBuilder request = request(endpoint.httpMethod(), endpoint.pattern(),
                endpoint.uriVariables().apply(world));
        endpoint.form().accept(request, world);
        var built = request.buildRequest(new org.springframework.mock.web.MockServletContext());
        // The good form with this one input replaced (for rows: the row's whole parameters added).
        Map<String, List<String>> params = new LinkedHashMap<>();
        built.getParameterMap().forEach((name, values) -> params.put(name, new ArrayList<>(List.of(values))));
        MockHttpServletRequestBuilder wrongRequest = request(endpoint.httpMethod(), endpoint.pattern(),
                endpoint.uriVariables().apply(world));
        if (built.getContentType() != null && !built.getContentType().startsWith("application/x-www-form-urlencoded")) {
            wrongRequest.contentType(built.getContentType());
        }
        if (wrong.values().size() > 1 && wrong.values().get(0).contains("=")) {
            params.keySet().removeIf(name -> name.startsWith(wrong.input().name() + "["));
            for (String row : wrong.values()) {
                int eq = row.indexOf('=');
                params.put(row.substring(0, eq), List.of(row.substring(eq + 1)));
            }
        } else {
            params.put(wrong.input().name(), wrong.values());
        }
        params.forEach((name, values) -> wrongRequest.param(name, values.toArray(String[]::new)));
        if (endpoint.httpMethod() != HttpMethod.GET) {
            wrongRequest.with(csrf());
        }
        switch (who) {
            case ANONYMOUS -> {
            }
            case PASSWORD_ONLY -> wrongRequest.with(passwordOnly(endpoint.halfSignedIn().apply(world)));
            default -> wrongRequest.with(as(world.principal(who)));
        }
        return quiet.perform(wrongRequest).andReturn().getResponse();
    }

    private static boolean isPage(MockHttpServletResponse response) {
        return response.getContentType() != null && response.getContentType().startsWith("text/html");
    }

    /** A form shown again carries the error summary; a bare error page does not. */
    private static boolean formShownAgain(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString().contains("data-error-summary");
    }

    /**
     * The error summary links to the field (its id, rows included: {@code measures0.kind}), or, where a page
     * holds one form per record (ids with the record's id), to a field of the page.
     */
    private static boolean linksToAField(String html, Input input) {
        if (html.contains("href=\"#" + input.fieldId() + "\"")) {
            return true;
        }
        int summary = html.indexOf("data-error-summary");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"#([^\"]+)\"")
                .matcher(html.substring(summary, Math.min(html.length(), summary + 4000)));
        while (link.find()) {
            if (html.contains("id=\"" + link.group(1) + "\"")) {
                return true;
            }
        }
        return false;
    }

    private long countingNanos;
    private final Map<String, Long> timeByKind = new TreeMap<>();

    private Map<String, Long> rowCounts() throws Exception {
        long started = System.nanoTime();
        try {
            return countRows();
        } finally {
            countingNanos += System.nanoTime() - started;
        }
    }

    private Map<String, Long> countRows() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(countEveryTable)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /**
     * The tables a request changed rows of in work it committed (an update in place included, which the row
     * counts do not show), but for audit entries and sessions.
     */
    private static List<String> stored(DatabaseVisits.Watched watched) {
        return watched.committedWrites().stream().distinct()
                .filter(t -> NOT_COUNTED.stream().noneMatch(t::startsWith)).toList();
    }

    /** The watch sees a change made in place: the organisation's contact saved over the one before. */
    @Test
    void aChangeInPlaceIsSeen() throws Exception {
        org.exitwork.accounts.StaffPrincipal manager = matrix.world.principal(Who.MANAGER);
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/organisation")
                .with(as(manager))).andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertThat(version.find()).as("the form's version").isTrue();
        long rows = rowCounts().get("acc_organisation");
        DatabaseVisits.watch();
        MockHttpServletResponse saved;
        List<String> written;
        try {
            saved = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/organisation")
                    .with(as(manager)).with(csrf()).param("name", "Renamed " + System.nanoTime())
                    .param("address", "Street 1").param("email", "office@example.org").param("version", version.group(1)))
                    .andReturn().getResponse();
        } finally {
            written = stored(DatabaseVisits.stopWatching());
        }
        assertThat(saved.getStatus()).as("saved").isEqualTo(302);
        assertThat(rowCounts().get("acc_organisation")).as("a change in place: no row more").isEqualTo(rows);
        assertThat(written).contains("acc_organisation");
    }

    private static String changed(Map<String, Long> before, Map<String, Long> after) {
        List<String> changes = new ArrayList<>();
        after.forEach((table, count) -> {
            if (!count.equals(before.get(table))) {
                changes.add(table + " " + before.get(table) + " -> " + count);
            }
        });
        return String.join(", ", changes);
    }
}
