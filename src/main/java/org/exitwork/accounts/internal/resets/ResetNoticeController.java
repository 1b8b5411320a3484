package org.exitwork.accounts.internal.resets;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the account holder sees after the next full sign-in when someone reset their password or
 * second factor: who asked, who approved, when. Shown until acknowledged ({@link ResetNoticeGate}).
 */
@Controller
@RequestMapping(ResetNoticeController.PATH)
class ResetNoticeController {

    static final String PATH = "/account/reset-notice";

    private final ResetRequests resets;

    ResetNoticeController(ResetRequests resets) {
        this.resets = resets;
    }

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal who, Model model, HttpServletRequest request) {
        List<ResetRequests.Notice> notices = resets.noticesFor(who);
        if (notices.isEmpty()) {
            ResetNoticeGate.clear(request);
            return "redirect:/";
        }
        model.addAttribute("notices", notices);
        return "accounts/reset-notice";
    }

    @PostMapping
    String acknowledge(@AuthenticationPrincipal StaffPrincipal who,
            @RequestParam(name = "notice", required = false) Set<UUID> notices, HttpServletRequest request) {
        resets.acknowledge(who, notices == null ? Set.of() : notices);
        if (resets.hasNotices(who.id())) {
            return "redirect:" + PATH;
        }
        ResetNoticeGate.clear(request);
        return "redirect:/";
    }
}
