package org.exitwork.quality.internal.team;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.quality.internal.access.TeamAccess;
import org.exitwork.quality.internal.checkups.CheckUps;
import org.exitwork.quality.internal.induction.InductionTopics;
import org.exitwork.quality.internal.supervision.Supervisions;
import org.exitwork.quality.internal.training.Trainings;
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

/**
 * Care for the team: the team overview and a staff member's page, where check-ups and trainings are
 * recorded (supervision and induction topics have their own pages). Practitioners see and record their
 * own, managers the organisation's and set check-up due dates. The DPO and the administrator have no
 * business here.
 */
@Controller
@RequestMapping("/team")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class TeamController {

    record CheckUpForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate doneOn) {
    }

    record DueForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueOn) {
    }

    record TrainingForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate takenOn,
            @NotBlank @Size(max = 200) String title, @Size(max = 200) String provider, UUID topicId) {
    }

    private final TeamAccess access;
    private final CheckUps checkUps;
    private final Supervisions supervisions;
    private final Trainings trainings;
    private final InductionTopics topics;

    TeamController(TeamAccess access, CheckUps checkUps, Supervisions supervisions, Trainings trainings,
            InductionTopics topics) {
        this.access = access;
        this.checkUps = checkUps;
        this.supervisions = supervisions;
        this.trainings = trainings;
        this.topics = topics;
    }

    @GetMapping
    String home(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        if (!who.is(Role.MANAGER)) {
            return "redirect:/team/staff/" + who.id();
        }
        model.addAttribute("team", access.team(who));
        model.addAttribute("due", checkUps.dueSoon(who));
        return "quality/team";
    }

    // --- a staff member's page -------------------------------------------------------------------------

    @GetMapping("/staff/{id}")
    String staff(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        return staffPage(who, id, model);
    }

    @PostMapping("/staff/{id}/checkups")
    String checkUpDone(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("checkUpForm") CheckUpForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        access.member(who, id);
        if (errors.hasErrors()) {
            return staffPage(who, id, model);
        }
        checkUps.recordDone(who, id, form.doneOn());
        redirect.addFlashAttribute("notice", "care.notice.checkup-done");
        return "redirect:/team/staff/" + id;
    }

    @PostMapping("/staff/{id}/checkup-due")
    @PreAuthorize("hasRole('MANAGER')")
    String checkUpDue(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("dueForm") DueForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        access.member(who, id);
        if (errors.hasErrors()) {
            return staffPage(who, id, model);
        }
        checkUps.setDue(who, id, form.dueOn());
        redirect.addFlashAttribute("notice", "care.notice.due-set");
        return "redirect:/team/staff/" + id;
    }

    @PostMapping("/staff/{id}/trainings")
    String training(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("trainingForm") TrainingForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        access.member(who, id);
        if (form.topicId() != null && topics.of(who.organisationId()).stream()
                .noneMatch(t -> t.id().equals(form.topicId()))) {
            errors.rejectValue("topicId", "care.error.unknown-topic");
        }
        if (errors.hasErrors()) {
            return staffPage(who, id, model);
        }
        trainings.record(who, id, form.takenOn(), form.title().strip(), blankToNull(form.provider()),
                form.topicId());
        redirect.addFlashAttribute("notice", "care.notice.training-recorded");
        return "redirect:/team/staff/" + id;
    }

    private String staffPage(StaffPrincipal who, UUID id, Model model) {
        StaffMember member = access.member(who, id);
        model.addAttribute("member", member);
        model.addAttribute("own", who.id().equals(id));
        model.addAttribute("checkUp", checkUps.of(who, id));
        model.addAttribute("supervisions", supervisions.of(who, id));
        model.addAttribute("trainings", trainings.of(who, id));
        model.addAttribute("induction", trainings.induction(who, id));
        model.addAttribute("topics", topics.of(who.organisationId()));
        if (!model.containsAttribute("checkUpForm")) {
            model.addAttribute("checkUpForm", new CheckUpForm(null));
        }
        if (!model.containsAttribute("dueForm")) {
            model.addAttribute("dueForm", new DueForm(null));
        }
        if (!model.containsAttribute("trainingForm")) {
            model.addAttribute("trainingForm", new TrainingForm(null, "", "", null));
        }
        return "quality/staff";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
