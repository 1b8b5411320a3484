package org.exitwork.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.bastiaanjansen.otp.HMACAlgorithm;
import com.bastiaanjansen.otp.HOTPGenerator;

/**
 * One browser against a bench application with its web server on: its own cookies (the session) and the
 * current page's CSRF token, signing in as a person does (password, then enrolling the authenticator with
 * a code computed from the secret the enrolment page shows).
 */
public final class BenchBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7 ]+)<");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String csrf;
    private String secret;

    /** {@code base}: e.g. {@code http://127.0.0.1:8080}. */
    public BenchBrowser(String base) {
        this.base = base;
        csrf = token(get("/sign-in").body());
    }

    /** The address of an application started with {@code --server.address=127.0.0.1 --server.port=0}. */
    public static String base(BenchApplication application) {
        return "http://127.0.0.1:" + application.context().getEnvironment().getProperty("local.server.port");
    }

    /** The first sign-in of an account that is not temporary: password, then the authenticator's enrolment. */
    public BenchBrowser signInFirstTime(String username, String password) {
        HttpResponse<String> first = post("/sign-in", Map.of("username", username, "password", password));
        expect(first, 302);
        if (!"/sign-in/continue".equals(first.headers().firstValue("Location").orElse(null))) {
            throw new IllegalStateException("signing in redirected to " + first.headers().firstValue("Location"));
        }
        String enrol = expect(get("/sign-in/enrol"), 200).body();
        csrf = token(enrol);
        Matcher secret = SECRET.matcher(enrol);
        if (!secret.find()) {
            throw new IllegalStateException("no secret on the enrolment page");
        }
        this.secret = secret.group(1).replace(" ", "");
        // The answer shows the recovery codes; signed in now. Its page's token, if it has a form, is the next one.
        Matcher next = CSRF.matcher(expect(post("/sign-in/enrol", Map.of("code", code(this.secret))), 200).body());
        if (next.find()) {
            csrf = next.group(1);
        }
        return this;
    }

    /**
     * A later sign-in of an enrolled account: password, then the authenticator's code computed from
     * {@code secret} (what {@link #secret()} gave after the first). A code is taken once: the same account
     * signs in again only in a later 30-second step.
     */
    public BenchBrowser signIn(String username, String password, String secret) {
        HttpResponse<String> first = expect(post("/sign-in", Map.of("username", username, "password", password)), 302);
        if (!"/sign-in/continue".equals(first.headers().firstValue("Location").orElse(null))) {
            throw new IllegalStateException("signing in redirected to " + first.headers().firstValue("Location"));
        }
        csrf = token(expect(get("/sign-in/code"), 200).body());
        this.secret = secret;
        HttpResponse<String> signedIn = expect(post("/sign-in/code", Map.of("code", code(secret))), 302);
        // Signing in gives the session a new token: the one of the page it leads to (its sign-out form).
        HttpResponse<String> page = signedIn;
        for (int hops = 0; hops < 5 && page.statusCode() == 302; hops++) {
            String target = page.headers().firstValue("Location").orElse("/");
            page = get(target.startsWith("http") ? URI.create(target).getPath() : target);
        }
        csrf = token(expect(page, 200).body());
        return this;
    }

    /** The authenticator's secret this browser enrolled or signed in with. */
    public String secret() {
        return secret;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        String form = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** The response if it has {@code status}; anything else fails the run. */
    public static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                    + " answered " + response.statusCode() + ", expected " + status);
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return m.group(1);
    }

    /** The authenticator app: RFC 6238, SHA-1, 6 digits, 30-second steps. */
    private static String code(String secret) {
        long step = Instant.now().getEpochSecond() / 30;
        return new HOTPGenerator.Builder(secret.getBytes(StandardCharsets.US_ASCII)).withPasswordLength(6)
                .withAlgorithm(HMACAlgorithm.SHA1).build().generate(step);
    }
}
