package org.exitwork.safety.internal.staffsafety;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Each staff member's own work e-mail address for safety alarms. Never a home address (R14). */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class SafetySettingsController {

    record SettingsForm(@Email @Size(max = 200) String workEmail) {
    }

    private final StaffSafety safety;

    SafetySettingsController(StaffSafety safety) {
        this.safety = safety;
    }

    @GetMapping("/safety/settings")
    String show(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new SettingsForm(safety.workEmail(who)));
        return "safety/settings";
    }

    @PostMapping("/safety/settings")
    String save(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") SettingsForm form,
            BindingResult errors, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return "safety/settings";
        }
        safety.saveWorkEmail(who, form.workEmail());
        redirect.addFlashAttribute("notice", "safety.settings.notice.saved");
        return "redirect:/safety/settings";
    }
}
