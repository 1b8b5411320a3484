package org.exitwork.safety.internal.staffsafety;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
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

/**
 * Each staff member's own work e-mail address for safety alarms, and a work telephone number a
 * colleague's phone without signal offers to call. Never a home address (R14).
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class SafetySettingsController {

    /** Digits, spaces and + - / ( ): what a telephone link can dial. */
    static final String PHONE = "[0-9+()/ -]*";

    record SettingsForm(@Email @Size(max = 200) String workEmail,
            @Size(max = 40) @Pattern(regexp = PHONE) String workPhone) {
    }

    private final StaffSafety safety;

    SafetySettingsController(StaffSafety safety) {
        this.safety = safety;
    }

    @GetMapping("/safety/settings")
    String show(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new SettingsForm(safety.workEmail(who), safety.workPhone(who)));
        return "safety/settings";
    }

    @PostMapping("/safety/settings")
    String save(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") SettingsForm form,
            BindingResult errors, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return "safety/settings";
        }
        safety.saveContact(who, form.workEmail(), form.workPhone());
        redirect.addFlashAttribute("notice", "safety.settings.notice.saved");
        return "redirect:/safety/settings";
    }
}
