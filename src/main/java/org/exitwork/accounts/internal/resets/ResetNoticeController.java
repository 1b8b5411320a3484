package org.exitwork.accounts.internal.resets;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the account holder sees after the next full sign-in when someone reset their password or
 * second factor: who asked, who approved, when. Shown until acknowledged ({@link ResetNoticeGate}).
 */
@Controller
@RequestMapping(ResetNoticeController.PATH)
class ResetNoticeController {

    static final String PATH = "/account/reset-notice";
    static final int MAX_NOTICES = 100;

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
        if (notices != null && notices.size() > MAX_NOTICES) {
            // A person has a handful of notices at most; a list this long was not made by the page.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        resets.acknowledge(who, notices == null ? Set.of() : notices);
        if (resets.hasNotices(who.id())) {
            return "redirect:" + PATH;
        }
        ResetNoticeGate.clear(request);
        return "redirect:/";
    }
}
