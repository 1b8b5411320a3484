package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.safety.internal.staffsafety.PlaceKind;
import org.exitwork.safety.internal.staffsafety.StaffSafety;
import org.exitwork.safety.internal.staffsafety.appointments.AppointmentCorrections.AppointmentPage;
import org.exitwork.safety.internal.staffsafety.appointments.AppointmentCorrections.Correction;
import org.exitwork.safety.internal.staffsafety.appointments.AppointmentCorrections.CorrectionRefused;
import org.exitwork.safety.internal.staffsafety.appointments.AppointmentCorrections.Stage;
import org.springframework.format.annotation.DateTimeFormat;
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

/**
 * One appointment of one's own: what it is now, its earlier versions, and the forms to correct or
 * cancel it ({@link AppointmentCorrections} says what may change when). Only its practitioner reaches it.
 */
@Controller
@PreAuthorize("hasRole('PRACTITIONER')")
class AppointmentCorrectionsController {

    /** Start, kind of place, place, case and attendees count only while the appointment is planned. */
    record CorrectionForm(
            @NotNull Integer version,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime startsAt,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime endsAt,
            PlaceKind placeKind,
            @Size(max = 300) String place,
            UUID clientId,
            Set<UUID> attendees) {
    }

    record CancelForm(@NotNull Integer version, @Size(max = 300) String reason) {
    }

    private final AppointmentCorrections corrections;
    private final StaffSafety safety;

    AppointmentCorrectionsController(AppointmentCorrections corrections, StaffSafety safety) {
        this.corrections = corrections;
        this.safety = safety;
    }

    /** The appointment; {@code colleague}: a part of a name, to offer more attendees in a large organisation. */
    @GetMapping("/safety/appointments/{id}")
    String appointment(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(required = false) String colleague, Model model) {
        if (colleague != null && colleague.length() > AppointmentsController.SEARCH_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no name is that long");
        }
        AppointmentPage page = corrections.page(who, id);
        model.addAttribute("correction", formOf(page));
        model.addAttribute("cancellation", new CancelForm(page.version(), ""));
        return render(who, page, colleague, model);
    }

    @PostMapping("/safety/appointments/{id}")
    String correct(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("correction") CorrectionForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        AppointmentPage page = corrections.page(who, id);
        model.addAttribute("cancellation", new CancelForm(page.version(), ""));
        boolean planned = page.stage() == Stage.PLANNED;
        if (planned) {
            if (form.startsAt() == null && !errors.hasFieldErrors("startsAt")) {
                errors.rejectValue("startsAt", "NotNull");
            }
            if (form.placeKind() == null && !errors.hasFieldErrors("placeKind")) {
                errors.rejectValue("placeKind", "NotNull");
            }
            if (form.startsAt() != null && form.endsAt() != null && !form.endsAt().isAfter(form.startsAt())) {
                errors.rejectValue("endsAt", "safety.appointment.error.ends-before-start");
            }
            if (form.clientId() != null && !form.clientId().equals(page.clientId()) && safety.casesCarriedBy(who)
                    .stream().map(CaseReference::id).noneMatch(form.clientId()::equals)) {
                errors.rejectValue("clientId", "safety.appointment.error.case");
            }
            if (!safety.colleagues(who.organisationId(), form.attendees())) {
                errors.rejectValue("attendees", "safety.appointment.error.attendee");
            }
        }
        if (errors.hasErrors()) {
            return render(who, page, model);
        }
        boolean changed;
        try {
            changed = corrections.correct(who, id, new Correction(form.version(),
                    planned ? form.startsAt().atZone(safety.zone()).toInstant() : null,
                    form.endsAt().atZone(safety.zone()).toInstant(), form.placeKind(), form.place(), form.clientId(),
                    form.attendees() == null ? Set.of() : form.attendees()));
        } catch (CorrectionRefused refused) {
            if (refused.field() != null) {
                errors.rejectValue(refused.field(), refused.key());
                return render(who, page, model);
            }
            return refused(who, id, refused, model, response);
        }
        redirect.addFlashAttribute("notice",
                changed ? "safety.appointment.notice.corrected" : "safety.appointment.notice.unchanged");
        return "redirect:/safety/appointments/" + id;
    }

    @PostMapping("/safety/appointments/{id}/cancel")
    String cancel(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("cancellation") CancelForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        AppointmentPage page = corrections.page(who, id);
        model.addAttribute("correction", formOf(page));
        if (errors.hasErrors()) {
            return render(who, page, model);
        }
        try {
            corrections.cancel(who, id, form.version(), form.reason());
        } catch (CorrectionRefused refused) {
            return refused(who, id, refused, model, response);
        }
        redirect.addFlashAttribute("notice", "safety.appointment.notice.cancelled");
        return "redirect:/safety/appointments/" + id;
    }

    /** Refused as a whole (stage, open alert, newer version): the page as it is now, with the reason, 409. */
    private String refused(StaffPrincipal who, UUID id, CorrectionRefused refused, Model model,
            HttpServletResponse response) {
        AppointmentPage now = corrections.page(who, id);
        model.addAttribute("correction", formOf(now));
        model.addAttribute("cancellation", new CancelForm(now.version(), ""));
        model.addAttribute("problem", refused.key());
        response.setStatus(HttpStatus.CONFLICT.value());
        return render(who, now, model);
    }

    private static CorrectionForm formOf(AppointmentPage page) {
        var a = page.current();
        return new CorrectionForm(page.version(), a.startsAt(), a.endsAt(), a.placeKind(),
                Objects.requireNonNullElse(a.place(), ""), page.clientId(), page.attendeeIds());
    }

    private String render(StaffPrincipal who, AppointmentPage page, Model model) {
        return render(who, page, null, model);
    }

    /**
     * The page; the attendees offered as {@link StaffSafety#attendance} bounds them (in a large organisation
     * those who share a case, those chosen and those found by {@code search}).
     */
    private String render(StaffPrincipal who, AppointmentPage page, String search, Model model) {
        model.addAttribute("page", page);
        model.addAttribute("placeKinds", PlaceKind.values());
        java.util.List<CaseReference> carried = safety.casesCarriedBy(who);
        model.addAttribute("cases", carried);
        // The attendees of the appointment and those of a form sent back are offered, whoever else is.
        Set<UUID> chosen = new java.util.LinkedHashSet<>(page.attendeeIds());
        if (model.getAttribute("correction") instanceof CorrectionForm form && form.attendees() != null) {
            chosen.addAll(form.attendees());
        }
        StaffSafety.Attendance attendance = safety.attendance(who, carried, chosen, search);
        model.addAttribute("colleagues", attendance.offered());
        model.addAttribute("everyone", attendance.everyone());
        model.addAttribute("colleagueSearch", search == null ? "" : search.strip());
        model.addAttribute("found", attendance.found());
        return "safety/appointment";
    }
}
