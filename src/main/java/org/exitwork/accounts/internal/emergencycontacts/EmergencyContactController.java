package org.exitwork.accounts.internal.emergencycontacts;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Each staff member edits their own emergency contacts; there is no way to aim at someone else's. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER', 'ADMIN')")
class EmergencyContactController {

    record EmergencyContactForm(@NotBlank @Size(max = 120) String name, @NotBlank @Size(max = 60) String relation,
            @NotBlank @Size(max = 40) @Pattern(regexp = "^\\s*\\+?[0-9 ()/.-]{3,40}\\s*$") String phone) {

        static EmergencyContactForm empty() {
            return new EmergencyContactForm("", "", "");
        }
    }

    private final EmergencyContacts contacts;

    EmergencyContactController(EmergencyContacts contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/profile/emergency-contacts")
    String own(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", EmergencyContactForm.empty());
        return page(who, model);
    }

    @PostMapping("/profile/emergency-contacts")
    String add(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") EmergencyContactForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(who, model);
        }
        contacts.add(who, form.name().strip(), form.relation().strip(), form.phone().strip());
        redirect.addFlashAttribute("notice", "emergency.notice.added");
        return "redirect:/profile/emergency-contacts";
    }

    @PostMapping("/profile/emergency-contacts/{id}/remove")
    String remove(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        contacts.remove(who, id);
        redirect.addFlashAttribute("notice", "emergency.notice.removed");
        return "redirect:/profile/emergency-contacts";
    }

    private String page(StaffPrincipal who, Model model) {
        model.addAttribute("contacts", contacts.own(who));
        return "accounts/emergency-contacts";
    }
}
