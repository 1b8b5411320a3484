package org.exitwork.referrals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.exitwork.network.PartnerKind;
import org.exitwork.referrals.internal.ReferralMatcher;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.PostgresRun;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * R5 and R7: no feature, export or API lets a partner read or co-edit the NGO's assessment. One client
 * carries marker strings in its resources-and-safety assessment, a session note and its work
 * agreement. For every {@link PartnerKind} a partner is registered with credentials of both scopes and
 * a one-time form link; then every endpoint of the handler mapping (so an endpoint added later is
 * walked too), with every method it declares and its path variables filled with the real ids of the
 * client, its organisation and its people (and a random id), is called three times: signed with the
 * SUBMIT_REFERRAL credential, signed with the ADD_INFORMATION credential, and with no session at all,
 * carrying only the form link. The partner API and every endpoint without ids are called so by the
 * partners of every kind, and every token page by every kind with its own form link's token; with the
 * ids (on the staff pages and the token pages) the kinds take turns (each kind still calls each such
 * page several times), which keeps the walk at a tenth of the requests. Only the two partner
 * operations (with their own scope), the form link's own pages and the public pages answer 2xx; everything else 401, 403, 404 or a redirect to the
 * sign-in; no answer of any kind shows a marker or the client's pseudonym.
 */
@DatabaseTest
@Tag(PostgresRun.ENDPOINT_WALK) // on H2 in the full run; on PostgreSQL when named (README "Tests")
@AutoConfigureMockMvc
class PartnersSeeNothingTest {

    private static final String SUBMIT = "/api/v1/referrals";
    private static final String INFORMATION = "/api/v1/referrals/{partnerReference}/information";
    private static final String FORM = "/referral-form/{token}";

    /**
     * Public pages that answer 2xx to anyone, staff session or not (they show nothing about clients; the
     * markers are checked in their bodies like everywhere else). A share link's page is the same download
     * button for every well-formed token, and so are a service request's and a funder report's links; the
     * download and the openings (the POSTs) are not among them: with a token that is no share's, request's or
     * report's they must be refused.
     */
    private static final Set<String> PUBLIC = Set.of("/sign-in", "/api/openapi.json", "/setup", "/error",
            "/shared/{token}", "/service-request/{token}", "/funded/{token}");

    /**
     * The one form post that answers 2xx to anyone: a fresh one-time passkey challenge, asked for by the
     * sign-in page before anybody is known. It names no one (its body is checked for the markers too).
     */
    private static final Set<String> PUBLIC_POSTS = Set.of("/sign-in/passkey/options");

    /**
     * Endpoints deliberately not walked, with the reason. Static resources and /actuator/health are not
     * in the handler mapping; they are called once each below.
     */
    private static final Map<String, String> LEFT_OUT = Map.of();

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    DataSource dataSource;

    @Autowired
    ReferralMatcher matcher;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    enum Mode {
        SUBMIT_CREDENTIAL, INFORMATION_CREDENTIAL, FORM_LINK_ONLY
    }

    record Endpoint(String pattern, HttpMethod method) {
    }

    @Test
    void noPartnerOfAnyKindReachesTheAssessmentNotesOrAgreement() throws Exception {
        long started = System.nanoTime();
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        String fullName = Fixtures.unique("Seenothing Client ");
        RegisteredClient client = fixtures.client(a, b, fullName);
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        List<String> markers = new ArrayList<>();

        // The assessment.
        MockHttpServletRequestBuilder assessment = post("/cases/{id}/assessment", client.id()).with(as(a)).with(csrf())
                .param("assessedOn", LocalDate.now(clock).toString()).param("dangerToSelf", "HIGH")
                .param("dangerToOthers", "RAISED");
        for (String field : List.of("resources", "capacities", "protectiveFactors", "socialContext", "dangerToSelfWhy",
                "dangerToOthersWhy")) {
            String marker = "Psnassess" + field + tag;
            markers.add(marker);
            assessment.param(field, "She talked about " + marker + " today.");
        }
        assertThat(mvc.perform(assessment).andReturn().getResponse().getStatus()).as("assessment recorded")
                .isEqualTo(302);
        // A session note.
        String note = "Psnnote" + tag;
        markers.add(note);
        fixtures.note(a, client.id(), "We spoke about " + note + " at length.");
        // The work agreement.
        String objective = "Psnobjective" + tag;
        String change = "Psnchange" + tag;
        String steps = "Psnsteps" + tag;
        markers.addAll(List.of(objective, change, steps));
        assertThat(mvc.perform(post("/cases/{id}/agreement", client.id()).with(as(a)).with(csrf())
                .param("objective", objective).param("changes[0].wording", change).param("nextSteps", steps)
                .param("language", "en").param("basedOn", "0")).andReturn().getResponse().getStatus())
                .as("work agreement written").isEqualTo(302);
        List<String> secrets = new ArrayList<>(markers);
        secrets.add(client.pseudonym());
        secrets.add(fullName);
        MockHttpServletResponse tandemView = mvc.perform(get("/cases/{id}/assessment", client.id()).with(as(a)))
                .andReturn().getResponse();
        assertThat(find(tandemView, secrets)).as("the markers are really there, and found, for the tandem")
                .containsAll(markers.subList(0, 6)).contains(client.pseudonym());
        assertThat(mvc.perform(get("/cases/{id}/agreement", client.id()).with(as(a))).andReturn().getResponse()
                .getContentAsString()).contains(objective, change, steps);

        PartnerCalls calls = new PartnerCalls(mvc, jdbc, clock);
        Map<PartnerKind, UUID> partners = new LinkedHashMap<>();
        Map<PartnerKind, PartnerCalls.Credential> submits = new LinkedHashMap<>();
        Map<PartnerKind, PartnerCalls.Credential> informs = new LinkedHashMap<>();
        Map<PartnerKind, String> links = new LinkedHashMap<>();
        for (PartnerKind kind : PartnerKind.values()) {
            UUID partner = calls.partner(manager, kind.name());
            partners.put(kind, partner);
            submits.put(kind, calls.credential(manager, partner, "SUBMIT_REFERRAL"));
            informs.put(kind, calls.credential(manager, partner, "ADD_INFORMATION"));
            links.put(kind, calls.link(manager, partner));
        }

        Set<Endpoint> endpoints = endpoints();
        List<UUID> realIds = realIds(client.id(), org.id(), List.of(a, b, manager));
        assertThat(endpoints).as("the handler mapping lists the application's endpoints").contains(
                new Endpoint("/cases/{id}/assessment", HttpMethod.GET), new Endpoint(SUBMIT, HttpMethod.POST),
                new Endpoint(INFORMATION, HttpMethod.POST), new Endpoint(FORM, HttpMethod.GET));

        List<String> problems = new ArrayList<>();
        Map<String, Integer> twoHundreds = new TreeMap<>();
        Map<String, Integer> apiCalls = new HashMap<>();
        int requests = 0;
        List<PartnerKind> kinds = List.of(PartnerKind.values());
        int turn = 0;
        for (Endpoint endpoint : endpoints) {
            // The ways to fill the variables, each with the kind that calls (null: the kinds take turns).
            List<Map.Entry<Map<String, String>, PartnerKind>> walk = new ArrayList<>();
            for (PartnerKind own : kinds) {
                String ownToken = links.get(own).substring("/referral-form/".length());
                if (everyKindOn(endpoint)) {
                    variables(endpoint.pattern(), client.id(),
                            ids(realIds, endpoint.pattern().contains("{token}") ? ownToken : null))
                            .forEach(vars -> walk.add(new java.util.AbstractMap.SimpleEntry<>(vars, own)));
                } else if (endpoint.pattern().contains("{token}")) {
                    variables(endpoint.pattern(), client.id(), List.of(ownToken))
                            .forEach(vars -> walk.add(new java.util.AbstractMap.SimpleEntry<>(vars, own)));
                }
            }
            if (!everyKindOn(endpoint)) {
                variables(endpoint.pattern(), client.id(), ids(realIds, null))
                        .forEach(vars -> walk.add(new java.util.AbstractMap.SimpleEntry<>(vars, null)));
            }
            for (Map.Entry<Map<String, String>, PartnerKind> call : walk) {
                Map<String, String> vars = call.getKey();
                String path = new UriTemplate(endpoint.pattern()).expand(vars).toString();
                for (Mode mode : Mode.values()) {
                    PartnerKind kind = call.getValue() != null ? call.getValue() : kinds.get(turn++ % kinds.size());
                    String link = links.get(kind);
                    String token = link.substring("/referral-form/".length());
                    PartnerCalls.Credential credential = mode == Mode.SUBMIT_CREDENTIAL ? submits.get(kind)
                            : mode == Mode.INFORMATION_CREDENTIAL ? informs.get(kind) : null;
                    MockHttpServletRequestBuilder request;
                    boolean api = path.startsWith("/api/");
                    if (credential != null) {
                        if (api && apiCalls.merge(credential.keyId(), 1, Integer::sum) % 25 == 0) {
                            clock.advance(Duration.ofSeconds(61)); // the rate limit counts per minute
                        }
                        request = calls.signed(credential, endpoint.method(), path, body(endpoint));
                    } else {
                        request = request(endpoint.method(), URI.create(path)).header("Referer",
                                "https://exitwork.example" + link);
                    }
                    if (!api && endpoint.method() != HttpMethod.GET) {
                        request.with(csrf()); // past the CSRF check, so that authorisation itself is tried
                    }
                    requests++;
                    MockHttpServletResponse response;
                    try {
                        response = mvc.perform(request).andReturn().getResponse();
                    } catch (Exception unhandled) { // a server would answer 500: the walk goes on
                        problems.add(endpoint.method() + " " + path + " as " + kind + " " + mode + " threw "
                                + unhandled);
                        continue;
                    }
                    int status = response.getStatus();
                    String where = endpoint.method() + " " + path + " as " + kind + " " + mode + " -> " + status;
                    List<String> found = find(response, secrets);
                    if (!found.isEmpty()) {
                        problems.add(where + " shows " + found);
                    }
                    if (api && (response.getCookie("SESSION") != null || response.getCookie("JSESSIONID") != null)) {
                        problems.add(where + " opened a session"); // the partner API is stateless
                    }
                    if (status >= 200 && status < 300) {
                        if (mayAnswer(endpoint, mode, token, vars)) {
                            twoHundreds.merge(endpoint.method() + " " + endpoint.pattern() + " " + mode, 1,
                                    Integer::sum);
                        } else {
                            problems.add(where + ": 2xx for a partner");
                        }
                    } else if (!refused(response) && !(FORM.equals(endpoint.pattern())
                            && token.equals(vars.get("token")) && status == 400)) {
                        problems.add(where + (status >= 300 && status < 400 ? " redirects to "
                                + response.getRedirectedUrl() : ""));
                    }
                }
            }
        }
        // What is not in the handler mapping: static files and the health check, once each.
        for (String path : List.of("/actuator/health", "/css/exitwork.css", "/favicon.ico")) {
            MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
            assertThat(find(response, secrets)).as(path).isEmpty();
        }
        // And the form link's own POST, filled in, once per kind: "received" and nothing else.
        for (PartnerKind kind : PartnerKind.values()) {
            MockHttpServletResponse response = mvc.perform(post(links.get(kind)).with(csrf())
                    .param("partnerReference", "PSN-" + tag).param("areas", "ISLAMIST").param("contextCase", "false")
                    .param("fullName", "Form Person").param("concern", "A concern")).andReturn().getResponse();
            assertThat(response.getStatus()).as("form submitted as " + kind).isEqualTo(200);
            assertThat(find(response, secrets)).as("form received page as " + kind).isEmpty();
        }

        drainInbox(); // what the walk sent: matched now, so that no other test finds it in the shared inbox
        if (!problems.isEmpty()) {
            java.nio.file.Path report = java.nio.file.Path.of("target", "partners-see-nothing.txt");
            java.nio.file.Files.write(report, problems);
            System.out.println("PartnersSeeNothingTest: " + problems.size() + " problems, all in " + report);
        }
        assertThat(problems).as("what a partner could reach or read (all in target/partners-see-nothing.txt)")
                .isEmpty();
        assertThat(twoHundreds.keySet()).as("only the partner operations, the form link and public pages answer 2xx")
                .contains("POST " + SUBMIT + " SUBMIT_CREDENTIAL", "POST " + INFORMATION + " INFORMATION_CREDENTIAL",
                        "GET " + FORM + " FORM_LINK_ONLY", "GET /sign-in FORM_LINK_ONLY");
        assertThat(LEFT_OUT).as("endpoints left out of the walk, with the reason").isEmpty();
        assertThat(DatabaseScan.find(dataSource, markers)).as("markers in plain text in the database").isEmpty();
        System.out.printf("PartnersSeeNothingTest: %d endpoints, %d ids, %d requests in %d ms; 2xx: %s%n",
                endpoints.size(), realIds.size(), requests, (System.nanoTime() - started) / 1_000_000, twoHundreds);
    }

    /**
     * Where a partner's own credential is the key (the partner API), and where there are too few requests
     * for every kind to have a turn otherwise (no ids): every kind tries every request. Elsewhere (staff
     * pages with ids, about 60 requests each; the token pages with every id and a random one, as many) the
     * kinds take turns, so each still tries each page several times; on a token page every kind also tries
     * its own form link's token, in every mode.
     */
    private static boolean everyKindOn(Endpoint endpoint) {
        String pattern = endpoint.pattern();
        return pattern.startsWith("/api/") || new UriTemplate(pattern).getVariableNames().isEmpty();
    }

    /** Only these may answer 2xx to a partner or a link holder. */
    private static boolean mayAnswer(Endpoint endpoint, Mode mode, String token, Map<String, String> vars) {
        String pattern = endpoint.pattern();
        if (SUBMIT.equals(pattern) && endpoint.method() == HttpMethod.POST) {
            return mode == Mode.SUBMIT_CREDENTIAL;
        }
        if (INFORMATION.equals(pattern) && endpoint.method() == HttpMethod.POST) {
            return mode == Mode.INFORMATION_CREDENTIAL;
        }
        if (FORM.equals(pattern)) {
            return token.equals(vars.get("token"));
        }
        return PUBLIC.contains(pattern) && endpoint.method() == HttpMethod.GET
                || PUBLIC_POSTS.contains(pattern) && endpoint.method() == HttpMethod.POST;
    }

    /** 401, 403, 404 or a redirect to the sign-in page. */
    private static boolean refused(MockHttpServletResponse response) {
        int status = response.getStatus();
        if (status == 401 || status == 403 || status == 404) {
            return true;
        }
        String location = response.getRedirectedUrl();
        return status >= 300 && status < 400 && location != null
                && URI.create(location).getPath().equals("/sign-in");
    }

    private static String body(Endpoint endpoint) {
        if (endpoint.method() == HttpMethod.GET || endpoint.method() == HttpMethod.HEAD) {
            return "";
        }
        if (SUBMIT.equals(endpoint.pattern())) {
            return PartnerCalls.referral("PSN-REF");
        }
        if (INFORMATION.equals(endpoint.pattern())) {
            return PartnerCalls.information("more");
        }
        return "{}";
    }

    /** Every pattern with every method it declares (GET and POST when it declares none). */
    private Set<Endpoint> endpoints() {
        Set<Endpoint> endpoints = new TreeSet<>((x, y) -> (x.pattern() + " " + x.method())
                .compareTo(y.pattern() + " " + y.method()));
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            List<HttpMethod> declared = methods.isEmpty() ? List.of(HttpMethod.GET, HttpMethod.POST)
                    : methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
            for (String pattern : info.getPatternValues()) {
                if (!LEFT_OUT.containsKey(pattern)) {
                    declared.forEach(m -> endpoints.add(new Endpoint(pattern, m)));
                }
            }
        }
        return endpoints;
    }

    /**
     * What a variable is tried with: every real id (the client's rows, the organisation's rows, the staff,
     * the partners), a random id, and a form link's token where one is given.
     */
    private static List<String> ids(List<UUID> realIds, String token) {
        List<String> candidates = new ArrayList<>();
        realIds.forEach(id -> candidates.add(id.toString()));
        candidates.add(UUID.randomUUID().toString());
        if (token != null) {
            candidates.add(token);
        }
        return candidates;
    }

    /**
     * The ways to fill a pattern's variables: the case's id for a case's {@code {id}} when there are
     * others; every other variable once with each candidate.
     */
    private static List<Map<String, String>> variables(String pattern, UUID clientId, List<String> candidates) {
        List<String> names = new UriTemplate(pattern).getVariableNames();
        if (names.isEmpty()) {
            return List.of(Map.of());
        }
        List<Map<String, String>> result = new ArrayList<>();
        for (String candidate : candidates) {
            Map<String, String> vars = new HashMap<>();
            for (String name : names) {
                vars.put(name, "id".equals(name) && pattern.startsWith("/cases/{id}") && names.size() > 1
                        ? clientId.toString() : candidate);
            }
            result.add(vars);
        }
        return result;
    }

    /** Ids of every row that belongs to the client or the organisation (one per table), and of the staff. */
    private List<UUID> realIds(UUID clientId, UUID orgId, List<StaffPrincipal> staff) throws Exception {
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(clientId);
        ids.add(orgId);
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
                if (!columns.contains("id") || table.toLowerCase(Locale.ROOT).startsWith("aud_")) {
                    continue;
                }
                if (columns.contains("client_id")) {
                    jdbc.sql("SELECT id FROM " + table + " WHERE client_id = ?").param(clientId)
                            .query((rs, n) -> rs.getObject(1)).list().stream()
                            .filter(UUID.class::isInstance).forEach(id -> ids.add((UUID) id));
                } else if (columns.contains("org_id")) {
                    jdbc.sql("SELECT id FROM " + table + " WHERE org_id = ?").param(orgId)
                            .query((rs, n) -> rs.getObject(1)).list().stream()
                            .filter(UUID.class::isInstance).limit(3).forEach(id -> ids.add((UUID) id));
                }
            }
        }
        assertThat(jdbc.sql("SELECT id FROM cas_assessment WHERE client_id = ?").param(clientId).query(UUID.class)
                .list()).as("the assessment's own ids are among those tried").isNotEmpty().allMatch(ids::contains);
        return List.copyOf(ids);
    }

    /** The strings in the body (several encodings) or in any header. */
    private static List<String> find(MockHttpServletResponse response, List<String> strings) {
        byte[] body = response.getContentAsByteArray();
        List<String> haystacks = new ArrayList<>();
        haystacks.add(new String(body, StandardCharsets.UTF_8));
        haystacks.add(new String(body, StandardCharsets.UTF_16BE));
        haystacks.add(new String(body, StandardCharsets.UTF_16LE));
        response.getHeaderNames().forEach(h -> haystacks.add(h + ": " + String.join(", ", response.getHeaders(h))));
        List<String> found = new ArrayList<>();
        for (String s : strings) {
            String needle = s.toLowerCase(Locale.ROOT);
            if (haystacks.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).contains(needle))) {
                found.add(s);
            }
        }
        return found;
    }

    /** Runs the matcher until the shared inbox is empty (it works in batches). */
    private void drainInbox() {
        for (int i = 0; i < 1_000 && matcher.matchNow() > 0; i++) {
            // next batch
        }
    }
}
