package org.exitwork.quality.internal;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
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

/**
 * Care for the team: practitioners see and record their own, managers the organisation's, set
 * check-up due dates and keep the induction topics. The DPO and the administrator have no business here.
 */
@Controller
@RequestMapping("/team")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class TeamController {

    /** A short neutral topic line at most: no notes, nothing about clients. */
    record SupervisionForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @NotNull SupervisionKind kind, @Size(max = 100) String topic, @Size(max = 120) String supervisorName,
            @NotEmpty Set<UUID> participants) {
    }

    record CheckUpForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate doneOn) {
    }

    record DueForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueOn) {
    }

    record TrainingForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate takenOn,
            @NotBlank @Size(max = 200) String title, @Size(max = 200) String provider, UUID topicId) {
    }

    record TopicForm(@NotBlank @Size(max = 200) String title) {
    }

    private final TeamCare care;

    TeamController(TeamCare care) {
        this.care = care;
    }

    @GetMapping
    String home(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        if (!who.is(Role.MANAGER)) {
            return "redirect:/team/staff/" + who.id();
        }
        model.addAttribute("team", care.team(who));
        model.addAttribute("due", care.checkUpsDueSoon(who));
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
        care.member(who, id);
        if (errors.hasErrors()) {
            return staffPage(who, id, model);
        }
        care.recordCheckUp(who, id, form.doneOn());
        redirect.addFlashAttribute("notice", "care.notice.checkup-done");
        return "redirect:/team/staff/" + id;
    }

    @PostMapping("/staff/{id}/checkup-due")
    @PreAuthorize("hasRole('MANAGER')")
    String checkUpDue(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("dueForm") DueForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        care.member(who, id);
        if (errors.hasErrors()) {
            return staffPage(who, id, model);
        }
        care.setCheckUpDue(who, id, form.dueOn());
        redirect.addFlashAttribute("notice", "care.notice.due-set");
        return "redirect:/team/staff/" + id;
    }

    @PostMapping("/staff/{id}/trainings")
    String training(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("trainingForm") TrainingForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        care.member(who, id);
        if (form.topicId() != null && care.topics(who.organisationId()).stream()
                .noneMatch(t -> t.id().equals(form.topicId()))) {
            errors.rejectValue("topicId", "care.error.unknown-topic");
        }
        if (errors.hasErrors()) {
            return staffPage(who, id, model);
        }
        care.recordTraining(who, id, form.takenOn(), form.title().strip(), blankToNull(form.provider()),
                form.topicId());
        redirect.addFlashAttribute("notice", "care.notice.training-recorded");
        return "redirect:/team/staff/" + id;
    }

    private String staffPage(StaffPrincipal who, UUID id, Model model) {
        StaffMember member = care.member(who, id);
        model.addAttribute("member", member);
        model.addAttribute("own", who.id().equals(id));
        model.addAttribute("checkUp", care.checkUp(who, id));
        model.addAttribute("supervisions", care.supervisionsOf(who, id));
        model.addAttribute("trainings", care.trainings(who, id));
        model.addAttribute("induction", care.induction(who, id));
        model.addAttribute("topics", care.topics(who.organisationId()));
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

    // --- supervision and intervision -------------------------------------------------------------------

    @GetMapping("/supervision")
    String supervisions(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("supervisions", care.visibleSupervisions(who));
        return "quality/supervisions";
    }

    @GetMapping("/supervision/new")
    String newSupervision(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new SupervisionForm(null, null, "", "",
                who.is(Role.MANAGER) ? Set.of() : Set.of(who.id())));
        return supervisionForm(who, model);
    }

    @PostMapping("/supervision")
    String recordSupervision(@AuthenticationPrincipal StaffPrincipal who,
            @Valid @ModelAttribute("form") SupervisionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        Set<UUID> team = new LinkedHashSet<>();
        care.team(who).forEach(m -> team.add(m.id()));
        if (form.participants() != null && !form.participants().isEmpty()) {
            if (!team.containsAll(form.participants())) {
                errors.rejectValue("participants", "care.error.unknown-participant");
            } else if (!who.is(Role.MANAGER) && !form.participants().contains(who.id())) {
                errors.rejectValue("participants", "care.error.not-a-participant");
            }
        }
        if (errors.hasErrors()) {
            return supervisionForm(who, model);
        }
        care.recordSupervision(who, form.heldOn(), form.kind(), blankToNull(form.topic()),
                blankToNull(form.supervisorName()), form.participants());
        redirect.addFlashAttribute("notice", "care.notice.supervision-recorded");
        return "redirect:/team/supervision";
    }

    private String supervisionForm(StaffPrincipal who, Model model) {
        model.addAttribute("team", care.team(who));
        model.addAttribute("kinds", SupervisionKind.values());
        return "quality/supervision-new";
    }

    // --- induction topics (managers) -------------------------------------------------------------------

    @GetMapping("/induction")
    @PreAuthorize("hasRole('MANAGER')")
    String induction(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new TopicForm(""));
        return inductionPage(who, model);
    }

    @PostMapping("/induction")
    @PreAuthorize("hasRole('MANAGER')")
    String addTopic(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") TopicForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return inductionPage(who, model);
        }
        care.addTopic(who, form.title().strip());
        redirect.addFlashAttribute("notice", "care.notice.topic-added");
        return "redirect:/team/induction";
    }

    @PostMapping("/induction/{id}/remove")
    @PreAuthorize("hasRole('MANAGER')")
    String removeTopic(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            RedirectAttributes redirect) {
        care.removeTopic(who, id);
        redirect.addFlashAttribute("notice", "care.notice.topic-removed");
        return "redirect:/team/induction";
    }

    @PostMapping("/induction/{id}/up")
    @PreAuthorize("hasRole('MANAGER')")
    String moveUp(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        care.moveUp(who, id);
        return "redirect:/team/induction";
    }

    private String inductionPage(StaffPrincipal who, Model model) {
        List<CareRecords.InductionTopic> topics = care.topics(who.organisationId());
        model.addAttribute("topics", topics);
        return "quality/induction";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
