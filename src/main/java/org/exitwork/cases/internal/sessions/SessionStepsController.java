package org.exitwork.cases.internal.sessions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.FormSteps;
import org.exitwork.platform.FormSteps.Step;
import org.exitwork.platform.QuestionPage;
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

/**
 * Recording a session one question per page, then "check your answers" (GOV.UK), for the tandem on a
 * phone right after a meeting.
 *
 * <p>Here the one-page form stays where it was, on the sessions page beside the sessions so far (a
 * laptop between appointments writes there, and it is where the session endpoint shows its errors), and
 * the sessions page offers this flow first, above it. Unlike the one-page form, the steps need no
 * script for the participants to follow the setting: they are asked after it. The check page posts every
 * answer to {@link SessionsController}'s endpoint, the only place a session is written; these pages write
 * and keep nothing (see {@link FormSteps}).
 */
@Controller
@RequestMapping("/cases/{id}/sessions/steps")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class SessionStepsController {

    static final FormSteps STEPS = FormSteps.of(
            new Step("when", "sessionDate", "durationMinutes", "setting", "placeKind"),
            new Step("who", "clientPresent", "staff", "persons"),
            new Step("what", "text", "themes"),
            new Step("next", "nextSteps", "nextStepsDue", "nextMeeting", "nextMeetingMinutes", "nextMeetingPlace",
                    "nextMeetingWithTandem"));

    private static final String FORM = "sessionForm";

    private final SessionService sessions;

    SessionStepsController(SessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    String start(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, HttpServletRequest request,
            Model model) {
        sessions.requireWritable(who, id);
        SessionsController.SessionForm fresh = new SessionsController.SessionForm(sessions.today(), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        return show(who, id, STEPS.first(), fresh, null, false, request, model);
    }

    /** Judges one step's answer: the same step again with its errors (400), else the next question. */
    @PostMapping("/{step}")
    @QuestionPage
    String answer(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable String step,
            @Valid @ModelAttribute(FORM) SessionsController.SessionForm form, BindingResult bound,
            @RequestParam(name = FormSteps.CHECKING, defaultValue = "false") boolean checking,
            HttpServletRequest request, Model model) {
        sessions.requireWritable(who, id);
        Step current = STEPS.step(step);
        BindingResult errors = errorsOf(current, form, bound);
        if (errors.hasErrors()) {
            return show(who, id, current, form, errors, checking, request, model);
        }
        if (checking) {
            // Back from "Change": on to the first question a change left open (a due date now before the session), else the check.
            for (Step later : STEPS.after(current)) {
                if (errorsOf(later, form, bound).hasErrors()) {
                    return show(who, id, later, form, null, true, request, model);
                }
            }
            return check(who, id, form, request, model);
        }
        return STEPS.next(current).map(next -> show(who, id, next, form, null, false, request, model))
                .orElseGet(() -> check(who, id, form, request, model));
    }

    /** A step shown again with every answer kept, unjudged: "Back", and "Change" on the check page. */
    @PostMapping("/{step}/change")
    @QuestionPage
    String change(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable String step,
            @ModelAttribute(FORM) SessionsController.SessionForm form, BindingResult bound,
            @RequestParam(name = FormSteps.CHECKING, defaultValue = "false") boolean checking,
            HttpServletRequest request, Model model) {
        sessions.requireWritable(who, id);
        Step shown = FormSteps.CHECK.equals(step) ? STEPS.first() : STEPS.step(step);
        BindingResult unreadable = STEPS.unreadable(bound, form);
        if (unreadable.hasErrors()) {
            // A carried value the binder could not read (only a hand-made request has one): say so.
            return show(who, id, shown, form, unreadable, checking, request, model);
        }
        if (FormSteps.CHECK.equals(step)) {
            return check(who, id, form, request, model);
        }
        return show(who, id, shown, form, null, checking, request, model);
    }

    private BindingResult errorsOf(Step step, SessionsController.SessionForm form, BindingResult bound) {
        BindingResult errors = STEPS.only(step, bound, form);
        if (form != null && !errors.hasErrors() && step.name().equals("next")) {
            SessionService.InvalidSessionException problem = SessionService.nextProblem(SessionsController.draft(form));
            if (problem != null) {
                errors.rejectValue(problem.field, problem.code);
            }
        }
        return errors;
    }

    private String show(StaffPrincipal who, UUID id, Step step, SessionsController.SessionForm form,
            BindingResult errors, boolean checking, HttpServletRequest request, Model model) {
        SessionService.Choices choices = sessions.choices(who, id);
        SessionsController.SessionForm shown = form;
        if (errors == null && form != null && !STEPS.answered(step, request)) {
            shown = defaults(who, step, form, choices);
        }
        if (shown != null) {
            model.addAttribute(FORM, shown);
        }
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM,
                errors != null ? errors : FormSteps.fresh(shown, FORM));
        common(id, step.name(), STEPS.steps().indexOf(step) + 1, checking, model);
        model.addAttribute("previous", STEPS.previous(step).map(Step::name).orElse(null));
        model.addAttribute("carried", STEPS.carried(request, step));
        model.addAttribute("choices", choices);
        model.addAttribute("settings", Setting.values());
        model.addAttribute("places", PlaceKind.values());
        model.addAttribute("allThemes", Theme.values());
        return "cases/session-steps";
    }

    /** What a question shows the first time it is asked. */
    private SessionsController.SessionForm defaults(StaffPrincipal who, Step step, SessionsController.SessionForm f,
            SessionService.Choices choices) {
        return switch (step.name()) {
            case "who" -> {
                // Who took part follows the setting chosen on the page before (the context alone: not the client).
                SessionService.Participants p = sessions.defaults(who, f.setting(), choices.tandem());
                yield new SessionsController.SessionForm(f.sessionDate(), f.durationMinutes(), f.setting(),
                        f.placeKind(), p.client(), p.staff(), Set.of(), f.themes(), f.text(), f.nextSteps(),
                        f.nextStepsDue(), f.nextMeeting(), f.nextMeetingMinutes(), f.nextMeetingPlace(),
                        f.nextMeetingWithTandem());
            }
            case "next" -> new SessionsController.SessionForm(f.sessionDate(), f.durationMinutes(), f.setting(),
                    f.placeKind(), f.clientPresent(), f.staff(), f.persons(), f.themes(), f.text(), f.nextSteps(),
                    f.nextStepsDue(), f.nextMeeting(), SessionService.MEETING_MINUTES, f.nextMeetingPlace(), false);
            default -> f;
        };
    }

    private String check(StaffPrincipal who, UUID id, SessionsController.SessionForm form, HttpServletRequest request,
            Model model) {
        SessionService.Choices choices = sessions.choices(who, id);
        model.addAttribute(FORM, form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, FormSteps.fresh(form, FORM));
        common(id, FormSteps.CHECK, STEPS.steps().size() + 1, true, model);
        model.addAttribute("previous", STEPS.steps().get(STEPS.steps().size() - 1).name());
        model.addAttribute("carried", STEPS.carried(request));
        model.addAttribute("choices", choices);
        model.addAttribute("answers", answers(form, choices));
        return "cases/session-steps";
    }

    private static void common(UUID id, String step, int number, boolean checking, Model model) {
        model.addAttribute("caseId", id);
        model.addAttribute("step", step);
        model.addAttribute("number", number);
        model.addAttribute("total", STEPS.steps().size() + 1);
        model.addAttribute("checking", checking);
    }

    /** The answers as the check page shows them: names for ids, in the order the form offers them. */
    record Answers(SessionsController.SessionForm form, List<String> staff, List<SessionService.Person> persons,
            List<Theme> themes) {

        public boolean clientPresent() {
            return Boolean.TRUE.equals(form.clientPresent());
        }
    }

    private static Answers answers(SessionsController.SessionForm form, SessionService.Choices choices) {
        Set<UUID> staff = form.staff() == null ? Set.of() : form.staff();
        Set<UUID> persons = form.persons() == null ? Set.of() : form.persons();
        Set<Theme> themes = form.themes() == null ? Set.of() : form.themes();
        Map<UUID, String> names = choices.tandem().stream()
                .collect(Collectors.toMap(SessionService.Member::id, SessionService.Member::name));
        return new Answers(form, staff.stream().filter(names::containsKey).map(names::get).sorted().toList(),
                choices.contextPersons().stream().filter(p -> persons.contains(p.id())).toList(),
                List.of(Theme.values()).stream().filter(themes::contains).toList());
    }
}
