package org.exitwork.disclosure.internal.alert.review;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.disclosure.internal.alert.Alert;
import org.exitwork.disclosure.internal.alert.DangerAlerts;
import org.exitwork.disclosure.internal.alert.ReviewOutcome;
import org.exitwork.disclosure.internal.gate.Refused;
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

/**
 * The second pair of eyes (R8): practitioners and managers of the organisation see the alerts that
 * await approval or review, open one (audited), approve or reject it, or review one that could not
 * wait (justified or not) within its time. Whoever raised an alert cannot decide on it. Every page
 * shows the others' waiting alerts in a banner, as the safety alarms do.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class DangerAlertQueueController {

    record DecisionForm(@NotBlank @Size(max = 2000) String note) {
    }

    /** The review of an alert that went out at once: justified or not, and why. */
    record ReviewForm(@NotNull ReviewOutcome outcome, @NotBlank @Size(max = 2000) String note) {
    }

    private final DangerAlerts alerts;

    DangerAlertQueueController(DangerAlerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/danger-alerts")
    String waiting(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("alerts", alerts.waiting(who));
        return "disclosure/alert/queue";
    }

    /** Loaded by htmx into the layout every 30 seconds, like the alarm banner: one query, nothing opened. */
    @GetMapping("/danger-alerts/banner")
    String banner(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("banner", alerts.banner(who));
        return "disclosure/alert/banner :: banner";
    }

    @GetMapping("/danger-alerts/{id}")
    String open(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("opened", alerts.open(who, id, false));
        model.addAttribute("outcomes", ReviewOutcome.values());
        if (!model.containsAttribute("decisionForm")) {
            model.addAttribute("decisionForm", new DecisionForm(""));
        }
        if (!model.containsAttribute("reviewForm")) {
            model.addAttribute("reviewForm", new ReviewForm(null, ""));
        }
        return "disclosure/alert/open";
    }

    @GetMapping("/danger-alerts/{id}/print")
    String print(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("opened", alerts.open(who, id, true));
        return "disclosure/alert/print";
    }

    @PostMapping("/danger-alerts/{id}/approve")
    String approve(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            alerts.approve(who, id);
        } catch (Refused refused) {
            model.addAttribute("refused", refused.messageKey());
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return open(who, id, model);
        }
        Alert.Delivery delivery = alerts.delivery(who, id);
        // Said as what happened: a green "sent" when nothing left would let everyone believe the police know.
        redirect.addFlashAttribute(delivery == Alert.Delivery.MAILED ? "notice" : "undelivered",
                "dangeralerts.notice.approved." + delivery);
        return "redirect:/danger-alerts/" + id;
    }

    @PostMapping("/danger-alerts/{id}/reject")
    String reject(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("decisionForm") DecisionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return open(who, id, model);
        }
        alerts.reject(who, id, form.note());
        redirect.addFlashAttribute("notice", "dangeralerts.notice.rejected");
        return "redirect:/danger-alerts";
    }

    @PostMapping("/danger-alerts/{id}/review")
    String review(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("reviewForm") ReviewForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return open(who, id, model);
        }
        alerts.review(who, id, form.outcome(), form.note());
        redirect.addFlashAttribute("notice", "dangeralerts.notice.reviewed");
        return "redirect:/danger-alerts";
    }
}
