package org.exitwork.referrals.internal.inbound.api;

import org.exitwork.platform.ClientAddresses;
import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.referrals.internal.inbound.credentials.CredentialStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a partner's call by its signature (R7), so that forged and replayed calls fail:
 * <pre>
 * Exitwork-Key: key id
 * Exitwork-Timestamp: epoch seconds, within ±300 s of the server's clock
 * Exitwork-Nonce: 16-64 of [A-Za-z0-9_-], never twice per key within ten minutes
 * Exitwork-Signature: base64(HMAC-SHA256(secret, METHOD\npath\ntimestamp\nnonce\nhex(SHA-256(body))))
 * </pre>
 * Any failure answers 401 with one and the same problem; a valid signature with the other scope
 * 403; a body over 32 KiB 413 (by Content-Length and by a capped read); too many calls 429, and so
 * does every call from an address after too many 401s ({@link FailedCallLimit}). Nothing
 * here reads anything about a person; a session or sign-in of staff counts for nothing.
 */
final class SignedRequestFilter extends OncePerRequestFilter {

    static final int MAX_BODY = 32 * 1024;
    static final long SKEW_SECONDS = 300;
    static final String KEY = "Exitwork-Key";
    static final String TIMESTAMP = "Exitwork-Timestamp";
    static final String NONCE = "Exitwork-Nonce";
    static final String SIGNATURE = "Exitwork-Signature";

    private static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern TIMESTAMP_FORMAT = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SUBMIT = Pattern.compile("/api/v1/referrals");
    private static final Pattern INFORMATION = Pattern.compile("/api/v1/referrals/[^/]+/information");

    private static final byte[] NO_SECRET = new byte[32];

    static {
        new java.security.SecureRandom().nextBytes(NO_SECRET);
    }

    private final CredentialStore credentials;
    private final NonceStore nonces;
    private final RateLimit rate;
    private final FailedCallLimit failedCalls;
    private final ClientAddresses addresses;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SignedRequestFilter(CredentialStore credentials, NonceStore nonces, RateLimit rate, FailedCallLimit failedCalls,
            ClientAddresses addresses, Clock clock) {
        this.credentials = credentials;
        this.nonces = nonces;
        this.rate = rate;
        this.failedCalls = failedCalls;
        this.addresses = addresses;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Whatever came with the request (a staff session, a test's authentication) counts for nothing here.
        contexts.clearContext();
        // An address that keeps failing is refused before any work, the database's least of all.
        String address = addresses.of(request);
        long refused = failedCalls.secondsToWait(address);
        if (refused > 0) {
            response.setHeader("Retry-After", Long.toString(refused));
            ApiProblem.write(response, 429, "Too Many Requests",
                    "Too many failed calls from this address; try again later.");
            return;
        }
        String keyId = request.getHeader(KEY);
        String timestamp = request.getHeader(TIMESTAMP);
        String nonce = request.getHeader(NONCE);
        String signature = request.getHeader(SIGNATURE);
        if (keyId == null || timestamp == null || nonce == null || signature == null
                || !KEY_FORMAT.matcher(keyId).matches() || !TIMESTAMP_FORMAT.matcher(timestamp).matches()
                || !NONCE_FORMAT.matcher(nonce).matches()) {
            unauthorized(address, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            tooLarge(response);
            return;
        }
        byte[] body = readCapped(request.getInputStream());
        if (body == null) {
            tooLarge(response);
            return;
        }
        Instant now = clock.instant();
        if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > SKEW_SECONDS) {
            unauthorized(address, response);
            return;
        }
        Optional<CredentialStore.Active> found = credentials.find(keyId);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // An unknown key id costs the same HMAC as a known one: the time does not tell which key ids exist.
        byte[] secret = found.map(CredentialStore.Active::secret).orElse(NO_SECRET);
        if (!valid(secret, request.getMethod(), path, timestamp, nonce, body, signature) || found.isEmpty()) {
            unauthorized(address, response);
            return;
        }
        CredentialStore.Active credential = found.get();
        if (!nonces.firstUse(credential.id(), nonce, now)) {
            unauthorized(address, response);
            return;
        }
        Scope needed = scopeFor(request.getMethod(), path);
        if (needed == null) {
            ApiProblem.write(response, HttpServletResponse.SC_NOT_FOUND, "Not Found", "No such operation.");
            return;
        }
        if (needed != credential.scope()) {
            ApiProblem.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "This credential is not for this operation.");
            return;
        }
        long wait = rate.secondsToWait(credential.id(), now);
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            ApiProblem.write(response, 429, "Too Many Requests", "Too many calls with this credential; try again later.");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new PartnerCaller(credential));
        contexts.setContext(context);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), response);
        } finally {
            contexts.clearContext();
        }
    }

    private void unauthorized(String address, HttpServletResponse response) throws IOException {
        failedCalls.failed(address);
        ApiProblem.unauthorized(response);
    }

    /** The operation a method and path name, or null for none. */
    static Scope scopeFor(String method, String path) {
        if (!"POST".equals(method)) {
            return null;
        }
        if (SUBMIT.matcher(path).matches()) {
            return Scope.SUBMIT_REFERRAL;
        }
        if (INFORMATION.matcher(path).matches()) {
            return Scope.ADD_INFORMATION;
        }
        return null;
    }

    static String canonical(String method, String path, String timestamp, String nonce, byte[] body) {
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + bodyHash;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sign(byte[] secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean valid(byte[] secret, String method, String path, String timestamp, String nonce,
            byte[] body, String signature) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = sign(secret, canonical(method, path, timestamp, nonce, body));
        return MessageDigest.isEqual(expected, given);
    }

    /** @return the body, or null when it is larger than {@link #MAX_BODY} */
    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] read = in.readNBytes(MAX_BODY + 1);
        return read.length > MAX_BODY ? null : read;
    }

    private static void tooLarge(HttpServletResponse response) throws IOException {
        ApiProblem.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Content Too Large",
                "The body may be at most " + MAX_BODY + " bytes.");
    }
}
