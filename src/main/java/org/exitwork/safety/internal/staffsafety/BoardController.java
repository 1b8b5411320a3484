package org.exitwork.safety.internal.staffsafety;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Today's whereabouts and the duty roster, for practitioners and managers of the organisation (R14). */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class BoardController {

    private final StaffSafety safety;

    BoardController(StaffSafety safety) {
        this.safety = safety;
    }

    @GetMapping("/safety/today")
    String today(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("today", safety.today());
        model.addAttribute("board", safety.board(who));
        model.addAttribute("duty", safety.duty(who));
        return "safety/today";
    }

    @PostMapping("/safety/duty")
    String duty(@AuthenticationPrincipal StaffPrincipal who, @RequestParam(required = false) UUID staffId,
            @RequestParam(defaultValue = "false") boolean onDuty, RedirectAttributes redirect) {
        safety.setDuty(who, staffId == null ? who.id() : staffId, onDuty);
        redirect.addFlashAttribute("notice", "safety.duty.notice.saved");
        return "redirect:/safety/today";
    }
}
