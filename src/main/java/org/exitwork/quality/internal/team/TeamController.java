package org.exitwork.quality.internal.team;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.quality.internal.access.RecordChanged;
import org.exitwork.quality.internal.access.TeamAccess;
import org.exitwork.quality.internal.checkups.CheckUpRecord;
import org.exitwork.quality.internal.checkups.CheckUps;
import org.exitwork.quality.internal.induction.InductionTopics;
import org.exitwork.quality.internal.supervision.Supervisions;
import org.exitwork.quality.internal.training.Training;
import org.exitwork.quality.internal.training.TrainingHistory;
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

    record TrainingCorrection(@NotNull Integer version,
            @NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate takenOn,
            @NotBlank @Size(max = 200) String title, @Size(max = 200) String provider, UUID topicId) {
    }

    record CheckUpCorrection(@NotNull Integer version,
            @NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate doneOn) {
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

    // --- corrections of a training or a check-up, with their earlier versions ----------------------------

    @GetMapping("/staff/{id}/trainings/{trainingId}")
    String trainingRecord(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID trainingId, Model model) {
        TrainingHistory history = trainings.history(who, id, trainingId);
        model.addAttribute("correction", formOf(history));
        return trainingPage(who, history, model);
    }

    @PostMapping("/staff/{id}/trainings/{trainingId}")
    String correctTraining(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID trainingId, @Valid @ModelAttribute("correction") TrainingCorrection form,
            BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        TrainingHistory history = trainings.history(who, id, trainingId);
        if (form.topicId() != null && topics.of(who.organisationId()).stream()
                .noneMatch(t -> t.id().equals(form.topicId()))) {
            errors.rejectValue("topicId", "care.error.unknown-topic");
        }
        if (errors.hasErrors()) {
            return trainingPage(who, history, model);
        }
        boolean changed;
        try {
            changed = trainings.correct(who, id, trainingId, form.version(), form.takenOn(), form.title().strip(),
                    blankToNull(form.provider()), form.topicId());
        } catch (RecordChanged stale) {
            TrainingHistory now = trainings.history(who, id, trainingId);
            model.addAttribute("correction", formOf(now));
            model.addAttribute("problem", "care.correction.stale");
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return trainingPage(who, now, model);
        }
        redirect.addFlashAttribute("notice", changed ? "care.notice.corrected" : "care.notice.unchanged");
        return "redirect:/team/staff/" + id + "/trainings/" + trainingId;
    }

    private static TrainingCorrection formOf(TrainingHistory history) {
        Training t = history.current();
        return new TrainingCorrection(t.version(), t.takenOn(), t.title(), t.provider(), t.topicId());
    }

    private String trainingPage(StaffPrincipal who, TrainingHistory history, Model model) {
        model.addAttribute("member", access.member(who, history.staffId()));
        model.addAttribute("history", history);
        var all = topics.of(who.organisationId());
        model.addAttribute("topics", all);
        java.util.Map<UUID, String> titles = new java.util.HashMap<>();
        all.forEach(t -> titles.put(t.id(), t.title()));
        model.addAttribute("topicTitles", titles);
        return "quality/training";
    }

    @GetMapping("/staff/{id}/checkups/{checkUpId}")
    String checkUpRecord(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID checkUpId, Model model) {
        CheckUpRecord.History history = checkUps.history(who, id, checkUpId);
        model.addAttribute("correction", new CheckUpCorrection(history.current().version(), history.current().doneOn()));
        return checkUpPage(who, history, model);
    }

    @PostMapping("/staff/{id}/checkups/{checkUpId}")
    String correctCheckUp(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID checkUpId, @Valid @ModelAttribute("correction") CheckUpCorrection form,
            BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        CheckUpRecord.History history = checkUps.history(who, id, checkUpId);
        if (errors.hasErrors()) {
            return checkUpPage(who, history, model);
        }
        boolean changed;
        try {
            changed = checkUps.correct(who, id, checkUpId, form.version(), form.doneOn());
        } catch (RecordChanged stale) {
            CheckUpRecord.History now = checkUps.history(who, id, checkUpId);
            model.addAttribute("correction", new CheckUpCorrection(now.current().version(), now.current().doneOn()));
            model.addAttribute("problem", "care.correction.stale");
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return checkUpPage(who, now, model);
        }
        redirect.addFlashAttribute("notice", changed ? "care.notice.corrected" : "care.notice.unchanged");
        return "redirect:/team/staff/" + id + "/checkups/" + checkUpId;
    }

    private String checkUpPage(StaffPrincipal who, CheckUpRecord.History history, Model model) {
        model.addAttribute("member", access.member(who, history.staffId()));
        model.addAttribute("history", history);
        return "quality/checkup";
    }

    private String staffPage(StaffPrincipal who, UUID id, Model model) {
        StaffMember member = access.member(who, id);
        model.addAttribute("member", member);
        model.addAttribute("own", who.id().equals(id));
        model.addAttribute("checkUp", checkUps.of(who, id));
        model.addAttribute("checkUpsDone", checkUps.done(who, id));
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
