package org.exitwork.cases.internal.assessment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The resources and safety assessment (R5): one internal page, read by the tandem, revised by the tandem. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class AssessmentController {

    static final int TEXT_MAX = 4000;
    static final int WHY_MAX = 1000;

    record AssessmentForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate assessedOn,
            @Size(max = TEXT_MAX) String resources, @Size(max = TEXT_MAX) String capacities,
            @Size(max = TEXT_MAX) String protectiveFactors, @Size(max = TEXT_MAX) String socialContext,
            @NotNull DangerLevel dangerToSelf, @Size(max = WHY_MAX) String dangerToSelfWhy,
            @NotNull DangerLevel dangerToOthers, @Size(max = WHY_MAX) String dangerToOthersWhy) {

        AssessmentService.Findings findings() {
            return new AssessmentService.Findings(assessedOn, resources, capacities, protectiveFactors, socialContext,
                    dangerToSelf, dangerToSelfWhy, dangerToOthers, dangerToOthersWhy);
        }

        /** A revision starts from the latest version, dated today: most of a view changes slowly. */
        static AssessmentForm revising(AssessmentService.Version latest, LocalDate today) {
            if (latest == null) {
                return new AssessmentForm(today, "", "", "", "", null, "", null, "");
            }
            AssessmentService.Findings f = latest.findings();
            return new AssessmentForm(today, f.resources(), f.capacities(), f.protectiveFactors(), f.socialContext(),
                    f.dangerToSelf(), f.dangerToSelfWhy(), f.dangerToOthers(), f.dangerToOthersWhy());
        }
    }

    private final AssessmentService assessments;
    private final Clock clock;

    AssessmentController(AssessmentService assessments, Clock clock) {
        this.assessments = assessments;
        this.clock = clock;
    }

    @GetMapping("/cases/{id}/assessment")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        AssessmentService.AssessmentView view = assessments.view(who, id);
        model.addAttribute("view", view);
        model.addAttribute("levels", DangerLevel.values());
        if (!model.containsAttribute("assessmentForm")) {
            model.addAttribute("assessmentForm", AssessmentForm.revising(view.current(), LocalDate.now(clock)));
        }
        return "cases/assessment";
    }

    @PostMapping("/cases/{id}/assessment")
    String record(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("assessmentForm") AssessmentForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        // Outsiders are refused before their input is looked at: a bad form must not tell them more.
        assessments.requireWritable(who, id);
        if (errors.hasErrors()) {
            return page(who, id, model);
        }
        int version = assessments.record(who, id, form.findings());
        redirect.addFlashAttribute("notice", "assessment.notice.recorded");
        return "redirect:/cases/" + id + "/assessment";
    }
}
