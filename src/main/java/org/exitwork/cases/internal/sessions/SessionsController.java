package org.exitwork.cases.internal.sessions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The sessions of a case (R4): the tandem records them; a colleague who broke the glass reads them. */
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
            @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm") LocalDateTime nextMeeting) {
    }

    private final SessionService sessions;

    SessionsController(SessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        if (!model.containsAttribute("sessionForm")) {
            Set<UUID> me = new LinkedHashSet<>();
            me.add(who.id());
            model.addAttribute("sessionForm", new SessionForm(sessions.today(), null, null, null, true, me, Set.of(),
                    Set.of(), "", "", null, null));
        }
        return show(who, id, model);
    }

    private String show(StaffPrincipal who, UUID id, Model model) {
        SessionService.SessionsPage page = sessions.page(who, id);
        model.addAttribute("page", page);
        model.addAttribute("caseId", page.caseId());
        model.addAttribute("pseudonym", page.pseudonym());
        model.addAttribute("settings", Setting.values());
        model.addAttribute("places", PlaceKind.values());
        model.addAttribute("allThemes", Theme.values());
        model.addAttribute("canSearch", who.is(Role.PRACTITIONER));
        return "cases/sessions";
    }

    @PostMapping
    String record(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("sessionForm") SessionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        sessions.requireWritable(who, id);
        if (!errors.hasErrors()) {
            try {
                sessions.record(who, id, new SessionService.SessionDraft(form.sessionDate(), form.durationMinutes(),
                        form.setting(), form.placeKind(), Boolean.TRUE.equals(form.clientPresent()), form.staff(),
                        form.persons(), form.themes(), form.text(), form.nextSteps(), form.nextStepsDue(),
                        form.nextMeeting() == null ? null
                                : form.nextMeeting().atZone(SessionService.ZONE).toInstant()));
                redirect.addFlashAttribute("notice", "session.notice.saved");
                return "redirect:/cases/" + id + "/sessions";
            } catch (SessionService.InvalidSessionException e) {
                errors.rejectValue(e.field, e.code);
            }
        }
        return show(who, id, model);
    }

    @PostMapping("/{sessionId}/next-steps-done")
    String nextStepsDone(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID sessionId, RedirectAttributes redirect) {
        sessions.markNextStepsDone(who, id, sessionId);
        redirect.addFlashAttribute("notice", "session.notice.next-steps-done");
        return "redirect:/cases/" + id + "/sessions#session-" + sessionId;
    }
}
