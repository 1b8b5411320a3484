package org.exitwork.accounts.internal.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.platform.SessionTables;
import org.exitwork.testing.BrowserLaneTest;
import org.exitwork.accounts.Role;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.HttpSignIn;
import org.exitwork.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a database login finds in, and can put into, the HTTP sessions' attributes, over real HTTP (the session store
 * only shows there). Before, the attributes were plain Java serialization: readable by a read login, and a write
 * login's own bytes were deserialized by the server (any serializable class on the class path), or a sign-in of its
 * own making was taken for a real one.
 */
@Tag("database")
@ExtendWith(TestDatabase.Condition.class)
@BrowserLaneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionAttributesAtRestTest {

    /** Set when a {@link Canary} is deserialized anywhere in this JVM (the server runs in it). */
    static final AtomicBoolean CANARY_READ = new AtomicBoolean();

    /** A stand-in for a deserialization gadget: it only tells that it was read. */
    static final class Canary implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            CANARY_READ.set(true);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    SystemSecrets secrets;

    Fixtures.Organisation organisation;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void anOrganisation() {
        organisation = fixtures.organisation();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(1)).header("Accept", "text/html").GET();
        if (token != null) {
            request.header("Cookie", "SESSION=" + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAttributesAreNoJavaSerializationAReadLoginCouldRead() throws Exception {
        // A session half-way through signing in: who (the password step's authentication), its form token, its time.
        Fixtures.Staff staff = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        String token = HttpSignIn.passwordStep(port, staff.principal().username(), staff.password());
        List<byte[]> stored = jdbc.sql("SELECT a.attribute_bytes FROM spring_session_attributes a JOIN spring_session s"
                + " ON a.session_primary_id = s.primary_id WHERE s.session_id = ?").param(SessionTables.idOf(token))
                .query(byte[].class).list();
        assertThat(stored).as("the security context, the time of the last activity and the binding").hasSize(3);
        for (byte[] bytes : stored) {
            assertThat(bytes[0] == (byte) 0xAC && bytes[1] == (byte) 0xED).as("Java serialization's magic number").isFalse();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("org.springframework", "java.lang", "StaffPrincipal", staff.principal().username(),
                    staff.principal().displayName());
        }
    }

    @Test
    void aSignInWrittenWithADatabaseLoginIsNotTakenAndItsBytesAreNeverDeserialized() throws Exception {
        StaffPrincipal admin = organisation.admin();
        SecurityContextImpl context = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(admin,
                null, List.of(new SimpleGrantedAuthority(admin.role().authority()))));

        // The sign-in as Spring Session wrote it before: Java serialization, now never opened.
        String plain = forgedSession(admin, serialized(context));
        HttpResponse<String> refused = get("/", plain);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location")).hasValue("/sign-in");

        // A gadget of one's own: the server never hands it to a deserializer.
        CANARY_READ.set(false);
        String gadget = forgedSession(admin, serialized(new Canary()));
        HttpResponse<String> notRead = get("/", gadget);
        assertThat(notRead.statusCode()).isEqualTo(302);
        assertThat(notRead.headers().firstValue("Location")).hasValue("/sign-in");
        assertThat(CANARY_READ).as("deserialized by the server").isFalse();
        assertThat(serializedRoundTrip(new Canary())).as("the canary tells when it is read").isTrue();

        // Sealed as the server seals it, but the row is not bound to its id: refused as well.
        GenericConversionService seal = SealedSessionAttributes.conversion(secrets);
        byte[] sealed = (byte[]) seal.convert(context, TypeDescriptor.valueOf(Object.class), TypeDescriptor.valueOf(byte[].class));
        HttpResponse<String> unbound = get("/", forgedSession(admin, sealed));
        assertThat(unbound.statusCode()).isEqualTo(302);
        assertThat(unbound.headers().firstValue("Location")).hasValue("/sign-in");

        // The control: the same row bound to its id with the system key (which a database login does not hold) is
        // signed in, so the refusals above are the seal's and the binding's doing.
        String control = forgedSession(admin, sealed);
        bind(control, seal, BoundSessions.signedIn(context.getAuthentication()));
        HttpResponse<String> signedIn = get("/", control);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).as("the administrator's start").hasValue("/admin/staff");
        assertThat(get("/admin/staff", control).statusCode()).isEqualTo(200);
    }

    /**
     * A database write login copies a real session's stored state, its binding included, into a row of its own
     * whose cookie it knows: the binding names the other session's id, so the row is ended, not signed in.
     */
    @Test
    void aSignedInSessionsStateCopiedIntoAnotherRowSignsNobodyIn() throws Exception {
        Fixtures.Staff staff = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        String real = HttpSignIn.passwordStep(port, staff.principal().username(), staff.password());
        HttpResponse<String> realNext = get("/sign-in/continue", real);
        assertThat(realNext.statusCode()).isEqualTo(302);
        assertThat(realNext.headers().firstValue("Location")).hasValue("/sign-in/enrol");

        String copy = UUID.randomUUID().toString();
        String primary = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,"
                + " max_inactive_interval, expiry_time, principal_name) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(primary, SessionTables.idOf(copy), now, now, 1800, now + 1_800_000, staff.principal().username())
                .update();
        int copied = jdbc.sql("INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
                + " SELECT ?, a.attribute_name, a.attribute_bytes FROM spring_session_attributes a JOIN spring_session s"
                + " ON a.session_primary_id = s.primary_id WHERE s.session_id = ?").params(primary, SessionTables.idOf(real))
                .update();
        assertThat(copied).as("the security context, the last activity and the binding").isEqualTo(3);

        HttpResponse<String> copiedNext = get("/sign-in/continue", copy);
        assertThat(copiedNext.statusCode()).isEqualTo(302);
        assertThat(copiedNext.headers().firstValue("Location")).hasValue("/sign-in");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE primary_id = ?").param(primary).query(Long.class)
                .single()).as("the copied row, ended").isZero();
        // The real session is untouched.
        assertThat(get("/sign-in/continue", real).headers().firstValue("Location")).hasValue("/sign-in/enrol");
    }

    /**
     * A database write login keeps a session of its own, made by the server and bound to its id (the passkey
     * ceremony's, which anyone can start without an account), and copies beside it only the security context of a
     * person half-way through signing in: the binding names nobody signed in, so the row is ended, not taken as
     * that person. Before, the binding named the id only, and the copied sign-in was taken (the next step, the
     * second factor's enrolment with its secret, was shown to whoever held the cookie).
     */
    @Test
    void aSignInCopiedBesideAnotherSessionsOwnBindingSignsNobodyIn() throws Exception {
        Fixtures.Staff staff = fixtures.staffWithPassword(organisation, Role.PRACTITIONER);
        String real = HttpSignIn.passwordStep(port, staff.principal().username(), staff.password());

        HttpResponse<String> page = get("/sign-in", null);
        java.util.regex.Matcher formToken = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(formToken.find()).isTrue();
        HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/sign-in/passkey/options")).timeout(Duration.ofMinutes(1))
                .header("Cookie", "exitwork-form=" + HttpSignIn.cookie(page, "exitwork-form"))
                .header("X-CSRF-TOKEN", formToken.group(1)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).isEqualTo(200);
        String own = new String(Base64.getDecoder().decode(HttpSignIn.cookie(options, "SESSION")),
                StandardCharsets.US_ASCII);
        assertThat(get("/sign-in/continue", own).headers().firstValue("Location")).as("nobody signed in yet")
                .hasValue("/sign-in");

        int copied = jdbc.sql("INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
                + " SELECT (SELECT primary_id FROM spring_session WHERE session_id = ?), a.attribute_name, a.attribute_bytes"
                + " FROM spring_session_attributes a JOIN spring_session s ON a.session_primary_id = s.primary_id"
                + " WHERE s.session_id = ? AND a.attribute_name = ?")
                .params(SessionTables.idOf(own), SessionTables.idOf(real),
                        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                .update();
        assertThat(copied).as("the security context alone").isEqualTo(1);

        HttpResponse<String> taken = get("/sign-in/continue", own);
        assertThat(taken.statusCode()).isEqualTo(302);
        assertThat(taken.headers().firstValue("Location")).hasValue("/sign-in");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = ?").param(SessionTables.idOf(own))
                .query(Long.class).single()).as("the row with the copied sign-in, ended").isZero();
        // The real session is untouched.
        assertThat(get("/sign-in/continue", real).headers().firstValue("Location")).hasValue("/sign-in/enrol");
    }

    /** Binds a forged row to its id as the server binds a session it makes (the test holds the system key). */
    private void bind(String token, GenericConversionService seal, String signedIn) {
        String id = SessionTables.idOf(token);
        String tag = new BoundSessions(secrets).tag(id, signedIn);
        byte[] sealedTag = (byte[]) seal.convert(tag, TypeDescriptor.valueOf(Object.class), TypeDescriptor.valueOf(byte[].class));
        jdbc.sql("INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
                + " SELECT primary_id, ?, ? FROM spring_session WHERE session_id = ?")
                .params(BoundSessions.BOUND_TO, sealedTag, id).update();
    }

    /** A session row and its sign-in attribute, written as a database login would; answers the cookie's token. */
    private String forgedSession(StaffPrincipal who, byte[] securityContext) {
        String token = UUID.randomUUID().toString();
        String primary = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,"
                + " max_inactive_interval, expiry_time, principal_name) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(primary, SessionTables.idOf(token), now, now, 1800, now + 1_800_000, who.username()).update();
        jdbc.sql("INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
                + " VALUES (?, ?, ?)").params(primary, HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                        securityContext).update();
        return token;
    }

    private static byte[] serialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static boolean serializedRoundTrip(Object value) throws Exception {
        CANARY_READ.set(false);
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(serialized(value)))) {
            in.readObject();
        }
        return CANARY_READ.get();
    }
}
