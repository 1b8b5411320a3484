package org.exitwork.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first step of signing in over real HTTP, as a browser takes it: the sign-in page (its form's token in the
 * page and in its cookie, no session), then the password. Answers the token of the session the password starts
 * (the session cookie's value, decoded), the first session of the conversation.
 */
public final class HttpSignIn {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private HttpSignIn() {
    }

    public static String passwordStep(int port, String username, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = FORM_TOKEN.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException("the sign-in page has no form token");
        }
        String formCookie = cookie(page, "exitwork-form");
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sign-in"))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "exitwork-form=" + formCookie).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signIn.statusCode() != 302 || !signIn.headers().firstValue("Location").orElse("").endsWith("/sign-in/continue")) {
            throw new IllegalStateException("the password was not taken: " + signIn.statusCode() + " "
                    + signIn.headers().firstValue("Location").orElse(""));
        }
        return new String(Base64.getDecoder().decode(cookie(signIn, "SESSION")), StandardCharsets.US_ASCII);
    }

    /** A cookie's value as the answer sets it. */
    public static String cookie(HttpResponse<?> answer, String name) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .orElseThrow(() -> new IllegalStateException("no " + name + " cookie set"));
    }
}
