package org.exitwork.safety.internal.staffsafety.checkin;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.audit.AuditDetail;
import org.exitwork.safety.internal.settings.SafetyProperties;
import org.exitwork.safety.internal.staffsafety.Escalation;
import org.exitwork.safety.internal.staffsafety.StaffSafety;
import org.exitwork.safety.internal.staffsafety.StaffSafety.Sent;
import org.exitwork.safety.internal.staffsafety.checkin.CheckInCapabilities.Holder;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The check-in page of a phone that checked in (R14), reached without signing in: only the phone's
 * {@link CheckInCapability} counts here ({@code CheckInSecurity} gives these paths a chain of their own
 * without session, sign-in or idle timeout). Each action is audited as the person, marked as coming
 * through the check-in.
 *
 * <p>Cross-site requests: the cookie is SameSite=Strict, so a post from another site arrives without it
 * and is refused; and every post must also carry the page's {@code token}, a tag of the appointment and
 * person under the system MAC key that only this page shows (another site can read neither the page nor
 * the HttpOnly cookie, and cannot make a tag). Spring's session-bound CSRF token cannot serve here: the
 * session may have timed out, which is the point of this page.
 */
@Controller
class CheckInCapabilityController {

    private static final Map<String, String> NOTICES = Map.of("arrived", "safety.check-in.notice.arrived",
            "extended", "safety.check-in.notice.extended", "help", "safety.check-in.notice.help");

    private final CheckInCapabilities capabilities;
    private final StaffSafety safety;
    private final Escalation escalation;
    private final SafetyProperties properties;

    CheckInCapabilityController(CheckInCapabilities capabilities, StaffSafety safety, Escalation escalation,
            SafetyProperties properties) {
        this.capabilities = capabilities;
        this.safety = safety;
        this.escalation = escalation;
        this.properties = properties;
    }

    @GetMapping(CheckInCapabilities.PATH + "/{id}")
    String page(@PathVariable UUID id, @CookieValue(name = CheckInCapabilities.COOKIE, required = false) String cookie,
            @RequestParam(required = false) String done, Model model, HttpServletResponse response) {
        Optional<Holder> holder = capabilities.verify(cookie, id);
        if (holder.isEmpty()) {
            return refused(response);
        }
        Holder h = holder.get();
        model.addAttribute("notice", done == null ? null : NOTICES.get(done));
        model.addAttribute("a", safety.view(h.who(), h.appointment()));
        model.addAttribute("token", capabilities.formToken(h.capability()));
        model.addAttribute("extensions", new int[] {15, 30, 60});
        model.addAttribute("responders", safety.respondersToCall(h.appointment()));
        model.addAttribute("emergencyNumber", properties.emergencyNumber());
        model.addAttribute("installable", true);
        return "safety/help";
    }

    @PostMapping(CheckInCapabilities.PATH + "/{id}/arrived")
    String arrived(@PathVariable UUID id, @CookieValue(name = CheckInCapabilities.COOKIE, required = false) String cookie,
            @RequestParam(required = false) String token, @RequestParam(required = false) UUID eventId,
            @RequestParam(required = false) Instant phoneTime, HttpServletRequest request, HttpServletResponse response) {
        Optional<Holder> holder = posted(cookie, id, token);
        if (holder.isEmpty()) {
            return repeated(cookie, id, token, eventId) ? again(id, "arrived") : refused(response);
        }
        safety.arrived(holder.get().who(), id, new Sent(eventId, phoneTime, true));
        return renewed(holder.get(), "arrived", request, response);
    }

    @PostMapping(CheckInCapabilities.PATH + "/{id}/extend")
    String extend(@PathVariable UUID id, @CookieValue(name = CheckInCapabilities.COOKIE, required = false) String cookie,
            @RequestParam(required = false) String token, @RequestParam(defaultValue = "0") int minutes,
            @RequestParam(required = false) UUID eventId, @RequestParam(required = false) Instant phoneTime,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<Holder> holder = posted(cookie, id, token);
        if (holder.isEmpty()) {
            return repeated(cookie, id, token, eventId) ? again(id, "extended") : refused(response);
        }
        safety.extend(holder.get().who(), id, minutes, new Sent(eventId, phoneTime, true));
        return renewed(holder.get(), "extended", request, response);
    }

    @PostMapping(CheckInCapabilities.PATH + "/{id}/now")
    String help(@PathVariable UUID id, @CookieValue(name = CheckInCapabilities.COOKIE, required = false) String cookie,
            @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response) {
        Optional<Holder> holder = posted(cookie, id, token);
        if (holder.isEmpty()) {
            return refused(response);
        }
        escalation.help(holder.get().who(), id, AuditDetail.of("safety.via-check-in"));
        return renewed(holder.get(), "help", request, response);
    }

    /** Checking out ends the capability: the cookie goes, and the check-out on the appointment ends every copy. */
    @PostMapping(CheckInCapabilities.PATH + "/{id}/left")
    String left(@PathVariable UUID id, @CookieValue(name = CheckInCapabilities.COOKIE, required = false) String cookie,
            @RequestParam(required = false) String token, @RequestParam(required = false) UUID eventId,
            @RequestParam(required = false) Instant phoneTime, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<Holder> holder = posted(cookie, id, token);
        if (holder.isEmpty() && !repeated(cookie, id, token, eventId)) {
            return refused(response);
        }
        holder.ifPresent(h -> safety.left(h.who(), id, new Sent(eventId, phoneTime, true)));
        response.addHeader(HttpHeaders.SET_COOKIE, capabilities.cleared(request.isSecure()).toString());
        model.addAttribute("notice", "safety.check-in.notice.left");
        return "safety/help-ended";
    }

    private Optional<Holder> posted(String cookie, UUID id, String token) {
        return capabilities.verify(cookie, id).filter(h -> capabilities.tokenFits(h.capability(), token));
    }

    /**
     * The phone sends a kept action again when it could not tell whether the first try arrived; when that
     * was the check-out, the capability has ended since. An event the server kept for this appointment and
     * person, sent again under a cookie whose tag fits and with the page's token, is answered like the first
     * time, and nothing happens again.
     */
    private boolean repeated(String cookie, UUID id, String token, UUID eventId) {
        return eventId != null && capabilities.open(cookie)
                .filter(c -> c.appointmentId().equals(id) && capabilities.tokenFits(c, token))
                .filter(c -> safety.alreadySent(eventId, c.appointmentId(), c.staffId())).isPresent();
    }

    private static String again(UUID id, String done) {
        return "redirect:" + CheckInCapabilities.PATH + "/" + id + "?done=" + done;
    }

    /** The cookie again, until the appointment's end as it is now (an extension moves it). */
    private String renewed(Holder holder, String done, HttpServletRequest request, HttpServletResponse response) {
        safety.appointment(holder.appointment().organisationId(), holder.appointment().id()).ifPresent(now ->
                response.addHeader(HttpHeaders.SET_COOKIE, capabilities.cookie(
                        capabilities.grant(now), request.isSecure()).toString()));
        return again(holder.appointment().id(), done);
    }

    private static String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "safety/help-refused";
    }
}
