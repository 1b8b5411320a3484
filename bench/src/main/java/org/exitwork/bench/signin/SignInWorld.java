package org.exitwork.bench.signin;

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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.bastiaanjansen.otp.HMACAlgorithm;
import com.bastiaanjansen.otp.HOTPGenerator;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.bench.BenchApplication;
import org.springframework.boot.WebApplicationType;

/**
 * The application as it runs, with its web server on a random local port (H2 in a temporary
 * directory), and browsers talking to it over real HTTP: a practitioner who signed in all the way
 * (password, authenticator code) and strangers at the sign-in form, each with a session of its own
 * and the form's CSRF token, as a browser or a scanner has them.
 */
final class SignInWorld implements AutoCloseable {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7 ]+)<");

    private final BenchApplication application;
    private final String base;
    final String practitionerName;
    final String practitionerPassword;
    private final Browser practitioner;

    private SignInWorld(BenchApplication application) {
        this.application = application;
        this.base = "http://127.0.0.1:" + application.context().getEnvironment().getProperty("local.server.port");
        AccountAdministration accounts = application.context().getBean(AccountAdministration.class);
        UUID org = accounts.createOrganisation("Bench e.V.", "bench-admin", "Admin").member().organisationId();
        AccountAdministration.NewAccount created = accounts.createStaff(org, "bench-prac", "Practitioner",
                Role.PRACTITIONER, false);
        this.practitionerName = created.member().username();
        this.practitionerPassword = created.temporaryPassword();
        this.practitioner = new Browser();
        practitioner.signInFully(practitionerName, practitionerPassword);
    }

    /** {@code settings}: further {@code --name=value} arguments, e.g. the limits. */
    static SignInWorld start(String... settings) {
        String[] arguments = new String[settings.length + 2];
        arguments[0] = "--server.address=127.0.0.1";
        arguments[1] = "--server.port=0";
        System.arraycopy(settings, 0, arguments, 2, settings.length);
        return new SignInWorld(BenchApplication.start("exitwork-bench-signin-", WebApplicationType.SERVLET, arguments));
    }

    /** The signed-in practitioner's start page; anything but 200 fails the run. */
    void startPage() {
        practitioner.expect(practitioner.get("/start"), 200);
    }

    Browser stranger() {
        return new Browser();
    }

    @Override
    public void close() {
        application.close();
    }

    /** One browser: its own cookies (the session), the sign-in form's CSRF token. */
    final class Browser {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private String csrf;

        Browser() {
            csrf = token(get("/sign-in").body());
        }

        /** POST /sign-in; the status (302 for an answer, 429 when refused). */
        int signIn(String username, String password) {
            HttpResponse<String> answer = post("/sign-in", Map.of("username", username, "password", password));
            if (answer.statusCode() != 302 && answer.statusCode() != 429) {
                throw new IllegalStateException("POST /sign-in answered " + answer.statusCode());
            }
            return answer.statusCode();
        }

        void signInFully(String username, String password) {
            HttpResponse<String> first = post("/sign-in", Map.of("username", username, "password", password));
            expectRedirect(first, "/sign-in/continue");
            String enrol = expect(get("/sign-in/enrol"), 200).body();
            csrf = token(enrol);
            Matcher secret = SECRET.matcher(enrol);
            if (!secret.find()) {
                throw new IllegalStateException("no secret on the enrolment page");
            }
            expect(post("/sign-in/enrol", Map.of("code", code(secret.group(1).replace(" ", "")))), 200);
            csrf = token(expect(get("/start"), 200).body());
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        }

        HttpResponse<String> post(String path, Map<String, String> fields) {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            String form = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
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

        HttpResponse<String> expect(HttpResponse<String> response, int status) {
            if (response.statusCode() != status) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered " + response.statusCode() + ", expected " + status);
            }
            return response;
        }

        private void expectRedirect(HttpResponse<String> response, String location) {
            expect(response, 302);
            if (!location.equals(response.headers().firstValue("Location").orElse(null))) {
                throw new IllegalStateException("redirected to " + response.headers().firstValue("Location"));
            }
        }

        private String token(String page) {
            Matcher m = CSRF.matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the page");
            }
            return m.group(1);
        }
    }

    /** The authenticator app: RFC 6238, SHA-1, 6 digits, 30-second steps. */
    private static String code(String secret) {
        long step = Instant.now().getEpochSecond() / 30;
        return new HOTPGenerator.Builder(secret.getBytes(StandardCharsets.US_ASCII)).withPasswordLength(6)
                .withAlgorithm(HMACAlgorithm.SHA1).build().generate(step);
    }
}
