package org.exitwork.bench.referrals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.exitwork.bench.BenchApplication;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.bench.cases.BenchCases;
import org.exitwork.network.PartnerKind;
import org.exitwork.network.PartnersForBenchmarks;
import org.exitwork.referrals.ReferralsForBenchmarks;
import org.exitwork.referrals.ReferralsForBenchmarks.Credential;
import org.exitwork.referrals.ReferralsForBenchmarks.Kind;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as it runs, with its web server on a random local port, on an embedded H2
 * database in a temporary directory; the matcher's schedule is off (the harness calls
 * {@link ReferralsForBenchmarks#matchNow()}, the matcher's own run) and the rate limit is high enough never to trigger. One
 * organisation, a manager, two practitioners (a tandem), a POLICE partner with a credential of
 * each scope, and three partner references, each brought into its state through the real paths:
 * <ul>
 * <li>{@link #UNKNOWN}: never sent;</li>
 * <li>{@link #CURRENT}: referred by a signed call, matched, assigned to the practitioner, taken on as a client;</li>
 * <li>{@link #ERASED}: the same, then the case ended by the client's choice with erasure at once.</li>
 * </ul>
 * Calls are real signed HTTP POSTs through {@link HttpClient}, signed as the README's "Partner API:
 * signing a request" describes (computed here, independently of the server's code).
 */
final class ReferralWorld implements AutoCloseable {

    // Of equal length, so that every state sends the same number of bytes.
    static final String UNKNOWN = "AZ-4711-UNKNOWN";
    static final String CURRENT = "AZ-4711-CURRENT";
    static final String ERASED = "AZ-47111-ERASED";

    private static final String INFORMATION_BODY = "{\"information\":\"Was seen again with the old group on "
            + "Saturday; posted a threat against a teacher, since deleted.\"}";

    private final BenchApplication application;
    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final ReferralsForBenchmarks referrals;
    private final StaffPrincipal manager;
    private final StaffPrincipal practitioner;
    private final StaffPrincipal colleague;
    private final UUID partner;
    private final Credential submit;
    private final Credential inform;

    private ReferralWorld(BenchApplication application) {
        this.application = application;
        this.context = application.context();
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        this.referrals = context.getBean(ReferralsForBenchmarks.class);
        BenchApplication.Staff staff = application.staff();
        this.manager = staff.manager();
        this.practitioner = staff.practitioner();
        this.colleague = staff.colleague();
        this.partner = context.getBean(PartnersForBenchmarks.class).register(manager, "Polizeipräsidium Bench",
                PartnerKind.POLICE);
        this.submit = referrals.credential(manager, partner, Kind.SUBMIT_REFERRAL);
        this.inform = referrals.credential(manager, partner, Kind.ADD_INFORMATION);

        UUID current = referAssignTakeOn(CURRENT);
        UUID erased = referAssignTakeOn(ERASED);
        BenchCases.endAndErase(context, practitioner, erased);
        checkStates(current);
    }

    static ReferralWorld start() {
        return new ReferralWorld(BenchApplication.start("exitwork-bench-referrals-", WebApplicationType.SERVLET,
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--exitwork.referrals.rate-per-minute=1000000000",
                "--exitwork.referrals.schedule.enabled=false"));
    }

    /** A signed referral, matched off the request path, assigned by the manager, taken on: the client's id. */
    private UUID referAssignTakeOn(String reference) {
        referral(reference);
        if (referrals.matchNow() != 1) {
            throw new IllegalStateException("the referral " + reference + " was not matched");
        }
        List<UUID> awaiting = referrals.awaiting(manager);
        if (awaiting.size() != 1) {
            throw new IllegalStateException(awaiting.size() + " referrals awaiting, expected 1");
        }
        RegisteredClient prospect = referrals.assign(manager, awaiting.get(0), practitioner.id());
        BenchCases.takeOn(context, manager, practitioner, colleague, prospect.id());
        return prospect.id();
    }

    /** The states are what they claim to be, as the matcher would find them. */
    private void checkStates(UUID currentClient) {
        UUID org = manager.organisationId();
        Optional<UUID> current = referrals.withReference(org, partner, CURRENT).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("current reference not found"));
        if (!current.equals(Optional.of(currentClient))) {
            throw new IllegalStateException("current reference not assigned to its client");
        }
        if (!referrals.withReference(org, partner, ERASED).isEmpty()
                || !referrals.withReference(org, partner, UNKNOWN).isEmpty()) {
            throw new IllegalStateException("erased or unknown reference still known");
        }
        if (inboxRows() != 0) {
            throw new IllegalStateException("inbox not empty after setup");
        }
    }

    /** POST /api/v1/referrals with this reference; the status must be 202. */
    void referral(String reference) {
        String body = "{\"partnerReference\":\"" + reference + "\",\"phenomenonAreas\":[\"RIGHT_WING\"],"
                + "\"contextCase\":false,\"person\":{\"fullName\":\"Max Muster\",\"dateOfBirth\":\"2004-05-06\","
                + "\"contact\":\"0151 000000\"},\"concern\":\"Posts threats against a teacher\"}";
        post(submit, "/api/v1/referrals", body);
    }

    /** POST /api/v1/referrals/{reference}/information; the status must be 202. */
    void information(String reference) {
        post(inform, "/api/v1/referrals/" + URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20")
                + "/information", INFORMATION_BODY);
    }

    private void post(Credential credential, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String signature = sign(credential.secret(), "POST\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(bytes));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Exitwork-Key", credential.keyId())
                .header("Exitwork-Timestamp", timestamp)
                .header("Exitwork-Nonce", nonce)
                .header("Exitwork-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Between iterations: the inbox and the nonces emptied, so their growth does not weigh on later iterations. */
    void drain() {
        referrals.emptyInboxAndNonces();
    }

    long inboxRows() {
        return referrals.inboxEntries();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(byte[] secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        application.close();
    }
}
