package org.exitwork.disclosure.internal.vignette;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.quality.Principle;
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
 * A cross-evaluation group's vignettes (R16), for its members alone (own staff and peers): the released
 * vignettes by code and title, each with its text and the group's thread of feedback along the
 * principles. A manager who keeps the group but is no member, and everyone else, finds nothing (404).
 */
@Controller
@RequestMapping("/peer-groups/{groupId}/vignettes")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'PEER')")
class GroupVignetteController {

    /** The principles as a list, so that a list longer than the principles is refused, not folded into a set. */
    record FeedbackForm(@NotEmpty @Size(max = 8) List<Principle> principles,
            @NotBlank @Size(max = Vignettes.FEEDBACK_MAX) String text) {
    }

    private final Vignettes vignettes;

    GroupVignetteController(Vignettes vignettes) {
        this.vignettes = vignettes;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID groupId, Model model) {
        model.addAttribute("group", vignettes.group(who, groupId));
        model.addAttribute("vignettes", vignettes.inGroup(who, groupId));
        return "disclosure/group-vignettes";
    }

    @GetMapping("/{vignetteId}")
    String read(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID groupId, @PathVariable UUID vignetteId,
            Model model) {
        model.addAttribute("group", vignettes.group(who, groupId));
        model.addAttribute("vignette", vignettes.readInGroup(who, groupId, vignetteId));
        model.addAttribute("principles", Principle.values());
        if (!model.containsAttribute("feedbackForm")) {
            model.addAttribute("feedbackForm", new FeedbackForm(List.of(), ""));
        }
        return "disclosure/group-vignette";
    }

    @PostMapping("/{vignetteId}/feedback")
    String feedback(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID groupId,
            @PathVariable UUID vignetteId, @Valid @ModelAttribute("feedbackForm") FeedbackForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        vignettes.requireReadable(who, groupId, vignetteId);
        if (!errors.hasFieldErrors("principles") && form.principles() != null && form.principles().contains(null)) {
            errors.rejectValue("principles", "vignettes.feedback.principle.unknown");
        }
        if (errors.hasErrors()) {
            return read(who, groupId, vignetteId, model);
        }
        vignettes.giveFeedback(who, groupId, vignetteId, EnumSet.copyOf(form.principles()), form.text());
        redirect.addFlashAttribute("notice", "vignettes.notice.feedback");
        return "redirect:/peer-groups/" + groupId + "/vignettes/" + vignetteId + "#feedback";
    }

    /** The member's own feedback in a form, to correct it; anyone else's answers 404. */
    @GetMapping("/{vignetteId}/feedback/{feedbackId}")
    String correction(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID groupId,
            @PathVariable UUID vignetteId, @PathVariable UUID feedbackId, Model model) {
        Vignettes.Feedback own = vignettes.ownFeedback(who, groupId, vignetteId, feedbackId);
        model.addAttribute("group", vignettes.group(who, groupId));
        model.addAttribute("vignetteId", vignetteId);
        model.addAttribute("feedback", own);
        model.addAttribute("principles", Principle.values());
        if (!model.containsAttribute("feedbackForm")) {
            model.addAttribute("feedbackForm", new FeedbackForm(own.principles(), own.text()));
        }
        return "disclosure/group-feedback-correction";
    }

    @PostMapping("/{vignetteId}/feedback/{feedbackId}")
    String correct(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID groupId,
            @PathVariable UUID vignetteId, @PathVariable UUID feedbackId,
            @Valid @ModelAttribute("feedbackForm") FeedbackForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        vignettes.ownFeedback(who, groupId, vignetteId, feedbackId);
        if (!errors.hasFieldErrors("principles") && form.principles() != null && form.principles().contains(null)) {
            errors.rejectValue("principles", "vignettes.feedback.principle.unknown");
        }
        if (errors.hasErrors()) {
            return correction(who, groupId, vignetteId, feedbackId, model);
        }
        vignettes.correctFeedback(who, groupId, vignetteId, feedbackId, EnumSet.copyOf(form.principles()),
                form.text());
        redirect.addFlashAttribute("notice", "vignettes.notice.feedback-corrected");
        return "redirect:/peer-groups/" + groupId + "/vignettes/" + vignetteId + "#feedback";
    }
}
