package org.exitwork.accounts.internal.web;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each role to where its work is. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(@AuthenticationPrincipal StaffPrincipal who) {
        return switch (who.role()) {
            case ADMIN -> "redirect:/admin/staff";
            case DATA_PROTECTION_OFFICER -> "redirect:/audit";
            case PRACTITIONER -> "redirect:/start";
            case MANAGER -> "redirect:/manage/overview";
            // A peer of another organisation has nothing here but the cross-evaluation groups.
            case PEER -> "redirect:/peer-groups";
        };
    }
}
