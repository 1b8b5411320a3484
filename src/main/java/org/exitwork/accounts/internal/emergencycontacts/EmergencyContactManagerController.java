package org.exitwork.accounts.internal.emergencycontacts;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The organisation's staff with their emergency contacts: managers only, every read audited. */
@Controller
@PreAuthorize("hasRole('MANAGER')")
class EmergencyContactManagerController {

    private final EmergencyContacts contacts;

    EmergencyContactManagerController(EmergencyContacts contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/manage/emergency-contacts")
    String list(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("staff", contacts.ofOrganisation(who));
        return "accounts/emergency-contacts-manager";
    }
}
