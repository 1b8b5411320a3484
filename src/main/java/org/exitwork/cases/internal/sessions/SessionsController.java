package org.exitwork.cases.internal.sessions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sessions of a case (R4): the tandem records and corrects them; a colleague who broke the glass
 * reads them and their history.
 */
@Controller
@RequestMapping("/cases/{id}/sessions")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class SessionsController {

    record SessionForm(
            @NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate sessionDate,
            @Min(1) @Max(1440) Integer durationMinutes,
            @NotNull Setting setting,
            PlaceKind placeKind,
            Boolean clientPresent,
            Set<UUID> staff,
            Set<UUID> persons,
            Set<Theme> themes,
            @NotBlank @Size(max = 20000) String text,
            @Size(max = 4000) String nextSteps,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate nextStepsDue,
            @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm") LocalDateTime nextMeeting,
            @Min(5) @Max(720) Integer nextMeetingMinutes,
            PlaceKind nextMeetingPlace,
            Boolean nextMeetingWithTandem) {
    }

    /** The session form again, with the version it corrects and why. */
    record CorrectionForm(
            @NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate sessionDate,
            @Min(1) @Max(1440) Integer durationMinutes,
            @NotNull Setting setting,
            PlaceKind placeKind,
            Boolean clientPresent,
            Set<UUID> staff,
            Set<UUID> persons,
            Set<Theme> themes,
            @NotBlank @Size(max = 20000) String text,
            @Size(max = 4000) String nextSteps,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate nextStepsDue,
            @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm") LocalDateTime nextMeeting,
            @Min(5) @Max(720) Integer nextMeetingMinutes,
            PlaceKind nextMeetingPlace,
            Boolean nextMeetingWithTandem,
            @NotNull Integer basedOn,
            @NotBlank @Size(max = 2000) String reason) {
    }

    record CancelForm(@NotNull Integer basedOn, @NotBlank @Size(max = 2000) String reason) {
    }

    private final SessionService sessions;

    SessionsController(SessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(required = false) Setting setting, Model model) {
        SessionService.SessionsPage page = sessions.page(who, id);
        if (!model.containsAttribute("sessionForm")) {
            SessionService.Participants defaults = sessions.defaults(who, setting, page.tandem());
            model.addAttribute("sessionForm", new SessionForm(sessions.today(), null, setting, null, defaults.client(),
                    defaults.staff(), Set.of(), Set.of(), "", "", null, null, SessionService.MEETING_MINUTES, null,
                    false));
        }
        return show(who, page, model);
    }

    private String show(StaffPrincipal who, SessionService.SessionsPage page, Model model) {
        model.addAttribute("page", page);
        model.addAttribute("caseId", page.caseId());
        model.addAttribute("pseudonym", page.pseudonym());
        model.addAttribute("choices", new SessionService.Choices(page.caseId(), page.pseudonym(), page.tandem(),
                page.contextPersons()));
        options(model);
        model.addAttribute("canSearch", who.is(Role.PRACTITIONER));
        return "cases/sessions";
    }

    private static void options(Model model) {
        model.addAttribute("settings", Setting.values());
        model.addAttribute("places", PlaceKind.values());
        model.addAttribute("allThemes", Theme.values());
    }

    /**
     * Who takes part by default in the chosen setting (htmx swaps it into the new-session form): the
     * client unless the session is with their context alone, and both of the tandem in a tandem
     * session. Context persons already ticked stay ticked.
     */
    @GetMapping("/participants")
    String participants(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(required = false) Setting setting, @RequestParam(required = false) Set<UUID> persons,
            Model model) {
        SessionService.Choices choices = sessions.choices(who, id);
        SessionService.Participants defaults = sessions.defaults(who, setting, choices.tandem());
        model.addAttribute("choices", choices);
        model.addAttribute("caseId", choices.caseId());
        model.addAttribute("sessionForm", new SessionForm(null, null, setting, null, defaults.client(),
                defaults.staff(), persons == null ? Set.of() : persons, Set.of(), "", "", null, null, null, null,
                false));
        return "cases/sessions-parts :: participants(form='sessionForm')";
    }

    @PostMapping
    String record(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("sessionForm") SessionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        sessions.requireWritable(who, id);
        if (!errors.hasErrors()) {
            try {
                sessions.record(who, id, draft(form));
                redirect.addFlashAttribute("notice", "session.notice.saved");
                return "redirect:/cases/" + id + "/sessions";
            } catch (SessionService.InvalidSessionException e) {
                errors.rejectValue(e.field, e.code);
            }
        }
        return show(who, sessions.page(who, id), model);
    }

    @PostMapping("/{sessionId}/next-steps-done")
    String nextStepsDone(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID sessionId, RedirectAttributes redirect) {
        sessions.markNextStepsDone(who, id, sessionId);
        redirect.addFlashAttribute("notice", "session.notice.next-steps-done");
        return "redirect:/cases/" + id + "/sessions#session-" + sessionId;
    }

    // --- corrections ------------------------------------------------------------------------------

    @GetMapping("/{sessionId}/correct")
    String correction(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID sessionId, Model model) {
        SessionService.Editable editable = sessions.editable(who, id, sessionId);
        SessionService.Session s = editable.current();
        model.addAttribute("correctionForm", new CorrectionForm(s.date(), s.durationMinutes(), s.setting(),
                s.placeKind(), Boolean.TRUE.equals(s.clientPresent()), editable.staffIds(), editable.personIds(),
                new LinkedHashSet<>(s.themes()), s.note(), s.nextSteps() == null ? "" : s.nextSteps(),
                s.nextStepsDue(), s.nextMeeting(),
                s.nextMeetingMinutes() == null ? SessionService.MEETING_MINUTES : s.nextMeetingMinutes(),
                s.nextMeetingPlace(), Boolean.TRUE.equals(s.nextMeetingWithTandem()), s.version(), ""));
        return showCorrection(editable, s.version(), false, model);
    }

    private String showCorrection(SessionService.Editable editable, int basedOn, boolean stale, Model model) {
        model.addAttribute("choices", editable.choices());
        model.addAttribute("caseId", editable.choices().caseId());
        model.addAttribute("pseudonym", editable.choices().pseudonym());
        model.addAttribute("current", editable.current());
        model.addAttribute("basedOn", basedOn);
        model.addAttribute("stale", stale);
        options(model);
        return "cases/session-correct";
    }

    @PostMapping("/{sessionId}/correct")
    String correct(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID sessionId,
            @Valid @ModelAttribute("correctionForm") CorrectionForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        sessions.requireWritable(who, id);
        if (!errors.hasErrors()) {
            try {
                sessions.correct(who, id, sessionId, form.basedOn(), draft(form.sessionDate(), form.durationMinutes(),
                        form.setting(), form.placeKind(), form.clientPresent(), form.staff(), form.persons(),
                        form.themes(), form.text(), form.nextSteps(), form.nextStepsDue(), form.nextMeeting(),
                        form.nextMeetingMinutes(), form.nextMeetingPlace(), form.nextMeetingWithTandem()),
                        form.reason());
                redirect.addFlashAttribute("notice", "session.notice.corrected");
                return "redirect:/cases/" + id + "/sessions#session-" + sessionId;
            } catch (SessionService.InvalidSessionException e) {
                errors.rejectValue(e.field, e.code);
            } catch (SessionService.StaleSessionException e) {
                // Nothing of this correction is saved; the form keeps what was typed and now starts from
                // the current version, which the page shows above it for comparison.
                errors.reject("session.correction.stale", new Object[] {e.changedBy}, null);
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                return showCorrection(sessions.editable(who, id, sessionId), e.currentVersion, true, model);
            }
        }
        return showCorrection(sessions.editable(who, id, sessionId),
                form.basedOn() == null ? 0 : form.basedOn(), false, model);
    }

    @GetMapping("/{sessionId}/cancel")
    String cancellation(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID sessionId, Model model) {
        SessionService.Editable editable = sessions.editable(who, id, sessionId);
        model.addAttribute("cancelForm", new CancelForm(editable.current().version(), ""));
        return showCancellation(editable, editable.current().version(), model);
    }

    private String showCancellation(SessionService.Editable editable, int basedOn, Model model) {
        model.addAttribute("caseId", editable.choices().caseId());
        model.addAttribute("pseudonym", editable.choices().pseudonym());
        model.addAttribute("current", editable.current());
        model.addAttribute("basedOn", basedOn);
        return "cases/session-cancel";
    }

    @PostMapping("/{sessionId}/cancel")
    String cancel(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID sessionId,
            @Valid @ModelAttribute("cancelForm") CancelForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        sessions.requireWritable(who, id);
        if (!errors.hasErrors()) {
            try {
                sessions.cancel(who, id, sessionId, form.basedOn(), form.reason());
                redirect.addFlashAttribute("notice", "session.notice.cancelled");
                return "redirect:/cases/" + id + "/sessions#session-" + sessionId;
            } catch (SessionService.StaleSessionException e) {
                errors.reject("session.correction.stale", new Object[] {e.changedBy}, null);
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                return showCancellation(sessions.editable(who, id, sessionId), e.currentVersion, model);
            }
        }
        return showCancellation(sessions.editable(who, id, sessionId), form.basedOn() == null ? 0 : form.basedOn(),
                model);
    }

    @GetMapping("/{sessionId}/history")
    String history(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID sessionId,
            Model model) {
        SessionService.History history = sessions.history(who, id, sessionId);
        model.addAttribute("history", history);
        model.addAttribute("caseId", history.caseId());
        model.addAttribute("pseudonym", history.pseudonym());
        return "cases/session-history";
    }

    static SessionService.SessionDraft draft(SessionForm form) {
        return draft(form.sessionDate(), form.durationMinutes(), form.setting(), form.placeKind(), form.clientPresent(),
                form.staff(), form.persons(), form.themes(), form.text(), form.nextSteps(), form.nextStepsDue(),
                form.nextMeeting(), form.nextMeetingMinutes(), form.nextMeetingPlace(), form.nextMeetingWithTandem());
    }

    private static SessionService.SessionDraft draft(LocalDate date, Integer minutes, Setting setting,
            PlaceKind placeKind, Boolean clientPresent, Set<UUID> staff, Set<UUID> persons, Set<Theme> themes,
            String text, String nextSteps, LocalDate nextStepsDue, LocalDateTime nextMeeting,
            Integer nextMeetingMinutes, PlaceKind nextMeetingPlace, Boolean nextMeetingWithTandem) {
        return new SessionService.SessionDraft(date, minutes, setting, placeKind, Boolean.TRUE.equals(clientPresent),
                staff, persons, themes, text, nextSteps, nextStepsDue,
                nextMeeting == null ? null : nextMeeting.atZone(SessionService.ZONE).toInstant(),
                nextMeetingMinutes, nextMeetingPlace, Boolean.TRUE.equals(nextMeetingWithTandem));
    }
}
