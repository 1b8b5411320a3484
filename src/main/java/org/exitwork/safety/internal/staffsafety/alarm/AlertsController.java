package org.exitwork.safety.internal.staffsafety.alarm;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.safety.internal.staffsafety.Alerts;
import org.exitwork.safety.internal.staffsafety.Escalation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The alerts a staff member was alerted to, acknowledging and resolving them, and the layout's banner. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class AlertsController {

    private final Alerts alerts;
    private final Escalation escalation;

    AlertsController(Alerts alerts, Escalation escalation) {
        this.alerts = alerts;
        this.escalation = escalation;
    }

    @GetMapping("/safety/alerts")
    String alerts(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("alerts", alerts.alertsFor(who));
        return "safety/alerts";
    }

    /** Loaded by htmx into the layout every 30 seconds: one count query. */
    @GetMapping("/safety/alerts/banner")
    String banner(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("openAlerts", alerts.openCount(who));
        return "safety/alerts :: banner";
    }

    @PostMapping("/safety/alerts/{id}/acknowledge")
    String acknowledge(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        boolean mine = escalation.acknowledge(who, id);
        redirect.addFlashAttribute("notice", mine ? "safety.alert.notice.acknowledged"
                : "safety.alert.notice.already-acknowledged");
        return "redirect:/safety/alerts";
    }

    @PostMapping("/safety/alerts/{id}/resolve")
    String resolve(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        escalation.resolve(who, id);
        redirect.addFlashAttribute("notice", "safety.alert.notice.resolved");
        return "redirect:/safety/alerts";
    }
}
