package org.exitwork.quality.internal.induction;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
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

/** The induction topics at {@code /team/induction}: managers only. */
@Controller
@RequestMapping("/team/induction")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class InductionController {

    record TopicForm(@NotBlank @Size(max = 200) String title) {
    }

    private final InductionTopics topics;

    InductionController(InductionTopics topics) {
        this.topics = topics;
    }

    @GetMapping
    @PreAuthorize("hasRole('MANAGER')")
    String induction(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new TopicForm(""));
        return inductionPage(who, model);
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    String addTopic(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") TopicForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return inductionPage(who, model);
        }
        topics.add(who, form.title().strip());
        redirect.addFlashAttribute("notice", "care.notice.topic-added");
        return "redirect:/team/induction";
    }

    @PostMapping("/{id}/remove")
    @PreAuthorize("hasRole('MANAGER')")
    String removeTopic(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            RedirectAttributes redirect) {
        topics.remove(who, id);
        redirect.addFlashAttribute("notice", "care.notice.topic-removed");
        return "redirect:/team/induction";
    }

    @PostMapping("/{id}/up")
    @PreAuthorize("hasRole('MANAGER')")
    String moveUp(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        topics.moveUp(who, id);
        return "redirect:/team/induction";
    }

    private String inductionPage(StaffPrincipal who, Model model) {
        model.addAttribute("topics", topics.of(who.organisationId()));
        return "quality/induction";
    }
}
