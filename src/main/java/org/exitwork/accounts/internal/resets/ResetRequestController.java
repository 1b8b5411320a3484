package org.exitwork.accounts.internal.resets;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The managers' page of waiting reset requests (R6): approve or refuse what someone else asked for. */
@Controller
@RequestMapping("/manage/account-resets")
@PreAuthorize("hasRole('MANAGER')")
class ResetRequestController {

    private final ResetRequests resets;

    ResetRequestController(ResetRequests resets) {
        this.resets = resets;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal manager, Model model) {
        model.addAttribute("waiting", resets.waiting(manager));
        return "accounts/reset-requests";
    }

    @PostMapping("/{id}/approve")
    String approve(@AuthenticationPrincipal StaffPrincipal manager, @PathVariable UUID id, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        ResetKind kind;
        try {
            kind = resets.approve(manager, id);
        } catch (ResetRequests.NotYours e) {
            return refused(manager, model, response, HttpServletResponse.SC_FORBIDDEN, e.reason);
        } catch (ResetRequests.Closed e) {
            return refused(manager, model, response, HttpServletResponse.SC_CONFLICT, e.reason);
        }
        if (kind == ResetKind.PASSWORD) {
            // The password is made and shown on the next page, once, to this manager only.
            return "redirect:/manage/account-resets/" + id + "/password";
        }
        redirect.addFlashAttribute("notice", "reset.notice.second-factor-approved");
        return "redirect:/manage/account-resets";
    }

    @PostMapping("/{id}/refuse")
    String refuse(@AuthenticationPrincipal StaffPrincipal manager, @PathVariable UUID id, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            resets.refuse(manager, id);
        } catch (ResetRequests.NotYours e) {
            return refused(manager, model, response, HttpServletResponse.SC_FORBIDDEN, e.reason);
        } catch (ResetRequests.Closed e) {
            return refused(manager, model, response, HttpServletResponse.SC_CONFLICT, e.reason);
        }
        redirect.addFlashAttribute("notice", "reset.notice.refused");
        return "redirect:/manage/account-resets";
    }

    @GetMapping("/{id}/password")
    String password(@AuthenticationPrincipal StaffPrincipal manager, @PathVariable UUID id, Model model,
            HttpServletResponse response) {
        model.addAttribute("holder", resets.holderUsername(manager, id));
        try {
            // Shown in this one response only: never in a redirect, the session or the database.
            model.addAttribute("temporaryPassword", resets.showPassword(manager, id));
        } catch (ResetRequests.Gone e) {
            response.setStatus(HttpServletResponse.SC_GONE);
        }
        return "accounts/reset-password";
    }

    private String refused(StaffPrincipal manager, Model model, HttpServletResponse response, int status,
            String reason) {
        response.setStatus(status);
        model.addAttribute("problem", reason);
        return list(manager, model);
    }
}
