package org.exitwork.safety.internal.staffsafety.checkin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.platform.PublicAddress;
import org.exitwork.safety.internal.settings.SafetyProperties;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository;
import org.exitwork.safety.internal.staffsafety.StaffSafetyRepository.Appointment;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Hands out and checks a phone's {@link CheckInCapability}. The cookie is the payload and its tag
 * under the system MAC key ({@code keys.SystemMac}, Tink HMAC-SHA256), both base64url. A capability
 * holds when its tag fits, it has not expired, it names the appointment asked about, and the
 * appointment still belongs to that person, who is still active, and is neither checked out nor
 * cancelled: the check-out recorded on the appointment is what ends every copy of the cookie.
 *
 * <p>Limits if the cookie is stolen: it opens nothing but the four actions of that one appointment under
 * {@value #PATH} (every other page treats its bearer as signed out, and the cookie is not even sent
 * there), shows no place and no client, and ends at check-out or at the planned end plus the
 * escalation window, whichever comes first.
 */
@Component
public class CheckInCapabilities {

    static final String COOKIE = "exitwork-check-in";
    public static final String PATH = "/safety/help";

    /** The person and appointment a capability that holds stands for. */
    record Holder(CheckInCapability capability, StaffPrincipal who, Appointment appointment) {
    }

    private final SystemSecrets secrets;
    private final StaffSafetyRepository repository;
    private final StaffDirectory staff;
    private final SafetyProperties properties;
    private final Clock clock;
    private final PublicAddress address;

    CheckInCapabilities(SystemSecrets secrets, StaffSafetyRepository repository, StaffDirectory staff,
            SafetyProperties properties, Clock clock, PublicAddress address) {
        this.address = address;
        this.secrets = secrets;
        this.repository = repository;
        this.staff = staff;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The capability for the appointment as it is now: until its expected end plus the escalation window,
     * so the practitioner can still answer an alarm about it.
     */
    public CheckInCapability grant(Appointment appointment) {
        return new CheckInCapability(appointment.id(), appointment.staffId(), appointment.organisationId(),
                appointment.endsAt().plus(properties.escalationWindow()));
    }

    String seal(CheckInCapability capability) {
        byte[] payload = capability.payload().getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload) + "." + base64.encodeToString(secrets.mac().tag(payload));
    }

    /** The capability a cookie carries if its tag fits and it has not expired; whatever it names. */
    Optional<CheckInCapability> open(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 1 || cookie.length() > 1000) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] tag;
        try {
            payload = Base64.getUrlDecoder().decode(cookie.substring(0, dot));
            tag = Base64.getUrlDecoder().decode(cookie.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!secrets.mac().verifies(tag, payload)) {
            return Optional.empty();
        }
        return CheckInCapability.parse(new String(payload, StandardCharsets.UTF_8))
                .filter(c -> clock.instant().isBefore(c.expiresAt()));
    }

    /** Who may act on {@code appointmentId} with this cookie, or nothing. */
    Optional<Holder> verify(String cookie, UUID appointmentId) {
        return open(cookie).filter(c -> c.appointmentId().equals(appointmentId)).flatMap(c -> {
            Optional<Appointment> appointment = repository.appointment(c.organisationId(), c.appointmentId())
                    .filter(a -> a.staffId().equals(c.staffId()) && a.leftAt() == null && !a.cancelled());
            Optional<StaffMember> member = staff.find(c.organisationId(), c.staffId()).filter(StaffMember::active);
            if (appointment.isEmpty() || member.isEmpty()) {
                return Optional.empty();
            }
            StaffMember m = member.get();
            return Optional.of(new Holder(c, new StaffPrincipal(m.id(), m.organisationId(), m.username(),
                    m.displayName(), m.role()), appointment.get()));
        });
    }

    /**
     * The token the capability's page puts in its forms: a tag of the appointment and the person, so it
     * stays the same when the cookie is renewed, and no other page can know it.
     */
    String formToken(CheckInCapability capability) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secrets.mac().tag(formData(capability)));
    }

    boolean tokenFits(CheckInCapability capability, String token) {
        if (token == null || token.length() > 100) {
            return false;
        }
        try {
            return secrets.mac().verifies(Base64.getUrlDecoder().decode(token), formData(capability));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Not a payload: begins otherwise, so a form token is never a cookie's tag. */
    private static byte[] formData(CheckInCapability capability) {
        return ("check-in-form|" + capability.appointmentId() + "|" + capability.staffId())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code secure}: the request came over TLS; behind a TLS-terminating proxy the https public address decides. */
    public ResponseCookie cookie(CheckInCapability capability, boolean secure) {
        Duration left = Duration.between(clock.instant(), capability.expiresAt());
        return base(seal(capability), secure || address.secure()).maxAge(left.isNegative() ? Duration.ZERO : left).build();
    }

    public ResponseCookie cleared(boolean secure) {
        return base("", secure || address.secure()).maxAge(Duration.ZERO).build();
    }

    private static ResponseCookie.ResponseCookieBuilder base(String value, boolean secure) {
        return ResponseCookie.from(COOKIE, value).path(PATH).httpOnly(true).secure(secure).sameSite("Strict");
    }
}
