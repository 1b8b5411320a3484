package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.safety.internal.settings.SafetyProperties;
import org.exitwork.safety.internal.staffsafety.AppointmentFilter;
import org.exitwork.safety.internal.staffsafety.Escalation;
import org.exitwork.safety.internal.staffsafety.PlaceKind;
import org.exitwork.safety.internal.staffsafety.StaffSafety;
import org.exitwork.safety.internal.staffsafety.checkin.CheckInCapabilities;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A practitioner plans appointments and checks in and out of them on the phone (R14). */
@Controller
@PreAuthorize("hasRole('PRACTITIONER')")
class AppointmentsController {

    record AppointmentForm(
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime startsAt,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime endsAt,
            @NotNull PlaceKind placeKind,
            @Size(max = 300) String place,
            UUID clientId,
            Set<UUID> attendees) {

        static AppointmentForm empty() {
            return new AppointmentForm(null, null, null, "", null, Set.of());
        }
    }

    private final StaffSafety safety;
    private final Escalation escalation;
    private final CheckInCapabilities capabilities;

    private final SafetyProperties properties;

    AppointmentsController(StaffSafety safety, Escalation escalation, CheckInCapabilities capabilities,
            SafetyProperties properties) {
        this.properties = properties;
        this.safety = safety;
        this.escalation = escalation;
        this.capabilities = capabilities;
    }

    /**
     * The practitioner's own appointments, fifty a page in order of their start, from a first day (today
     * when none) up to a last day if one is given. A value the form does not offer (a day that is no date,
     * a last day before the first, a cursor that is no id) is answered 400 before anything is read.
     */
    @GetMapping("/safety/appointments")
    String appointments(@AuthenticationPrincipal StaffPrincipal who,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            @RequestParam(required = false) UUID after, @RequestParam(required = false) UUID before,
            @RequestParam(required = false) String colleague, Model model) {
        AppointmentFilter filter = new AppointmentFilter(from, until, after, before);
        if (filter.impossible()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the last day lies before the first");
        }
        if (colleague != null && colleague.length() > SEARCH_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no name is that long");
        }
        model.addAttribute("form", AppointmentForm.empty());
        return page(who, filter, Set.of(), colleague, model);
    }

    /** The longest name a colleague may be searched by (display names are shorter). */
    static final int SEARCH_MAX = 100;

    @PostMapping("/safety/appointments")
    String plan(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") AppointmentForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (form.startsAt() != null && form.endsAt() != null && !form.endsAt().isAfter(form.startsAt())) {
            errors.rejectValue("endsAt", "safety.appointment.error.ends-before-start");
        }
        if (form.clientId() != null && safety.casesCarriedBy(who).stream().map(CaseReference::id)
                .noneMatch(form.clientId()::equals)) {
            errors.rejectValue("clientId", "safety.appointment.error.case");
        }
        if (errors.hasErrors()) {
            return page(who, AppointmentFilter.none(), form.attendees() == null ? Set.of() : form.attendees(), null, model);
        }
        safety.plan(who, new StaffSafety.NewAppointment(form.startsAt().atZone(safety.zone()).toInstant(),
                form.endsAt().atZone(safety.zone()).toInstant(), form.placeKind(), form.place(), form.clientId(),
                form.attendees() == null ? Set.of() : form.attendees()));
        redirect.addFlashAttribute("notice", "safety.appointment.notice.planned");
        return "redirect:/safety/appointments";
    }

    /**
     * The page: the appointments, the case and attendee choices of the form (the attendees offered as
     * {@link StaffSafety#attendance} bounds them: every colleague in a small organisation, else those the
     * practitioner shares a case with, those {@code chosen} and those found by {@code search}).
     */
    private String page(StaffPrincipal who, AppointmentFilter filter, Set<UUID> chosen, String search, Model model) {
        org.exitwork.platform.KeysetPage<StaffSafety.Whereabouts> page = safety.upcoming(who, filter);
        model.addAttribute("appointments", page.rows());
        model.addAttribute("page", page);
        model.addAttribute("filter", filter);
        model.addAttribute("placeKinds", PlaceKind.values());
        java.util.List<CaseReference> carried = safety.casesCarriedBy(who);
        model.addAttribute("cases", carried);
        StaffSafety.Attendance attendance = safety.attendance(who, carried, chosen, search);
        model.addAttribute("colleagues", attendance.offered());
        model.addAttribute("everyone", attendance.everyone());
        model.addAttribute("colleagueSearch", search == null ? "" : search.strip());
        model.addAttribute("found", attendance.found());
        return "safety/appointments";
    }

    @GetMapping("/safety/check-in")
    String checkIn(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        java.util.List<StaffSafety.Whereabouts> day = safety.myDay(who);
        model.addAttribute("appointments", day);
        model.addAttribute("extensions", new int[] {15, 30, 60});
        model.addAttribute("calls", safety.respondersToCall(who, day));
        model.addAttribute("emergencyNumber", properties.emergencyNumber());
        model.addAttribute("installable", true);
        return "safety/check-in";
    }

    /** Checking in gives the phone its check-in, which the idle timeout leaves alone; the rest of the visit is there. */
    @PostMapping("/safety/appointments/{id}/arrived")
    String arrived(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(required = false) UUID eventId, @RequestParam(required = false) Instant phoneTime,
            HttpServletRequest request, HttpServletResponse response) {
        safety.arrived(who, id, new StaffSafety.Sent(eventId, phoneTime, false));
        giveCheckIn(who, id, request, response);
        return "redirect:" + CheckInCapabilities.PATH + "/" + id + "?done=arrived";
    }

    @PostMapping("/safety/appointments/{id}/left")
    String left(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(required = false) UUID eventId, @RequestParam(required = false) Instant phoneTime,
            RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        safety.left(who, id, new StaffSafety.Sent(eventId, phoneTime, false));
        response.addHeader(HttpHeaders.SET_COOKIE, capabilities.cleared(request.isSecure()).toString());
        redirect.addFlashAttribute("notice", "safety.check-in.notice.left");
        return "redirect:/safety/check-in";
    }

    @PostMapping("/safety/appointments/{id}/extend")
    String extend(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int minutes, @RequestParam(required = false) UUID eventId,
            @RequestParam(required = false) Instant phoneTime, RedirectAttributes redirect,
            HttpServletRequest request, HttpServletResponse response) {
        safety.extend(who, id, minutes, new StaffSafety.Sent(eventId, phoneTime, false));
        giveCheckIn(who, id, request, response);
        redirect.addFlashAttribute("notice", "safety.check-in.notice.extended");
        return "redirect:/safety/check-in";
    }

    @PostMapping("/safety/appointments/{id}/help")
    String help(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect,
            HttpServletRequest request, HttpServletResponse response) {
        escalation.help(who, id);
        giveCheckIn(who, id, request, response);
        redirect.addFlashAttribute("notice", "safety.check-in.notice.help");
        return "redirect:/safety/check-in";
    }

    /** The phone's check-in for the appointment as it is now (an extension moves its end). */
    private void giveCheckIn(StaffPrincipal who, UUID id, HttpServletRequest request, HttpServletResponse response) {
        safety.appointment(who.organisationId(), id).ifPresent(a -> response.addHeader(HttpHeaders.SET_COOKIE,
                capabilities.cookie(capabilities.grant(a), request.isSecure()).toString()));
    }
}
