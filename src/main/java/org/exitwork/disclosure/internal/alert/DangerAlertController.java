package org.exitwork.disclosure.internal.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.disclosure.internal.DisclosureSettings;
import org.exitwork.disclosure.internal.gate.Refused;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
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
 * Danger-in-default alerts on a case (R8): the tandem raises them and records whether the client was
 * told; colleagues who broke the glass read the record, and practitioners and managers among them may
 * raise one too (covering the case in an emergency). The form offers only security partners and
 * their contacts, and no identity field is ticked by default.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class DangerAlertController {

    record AlertForm(@NotNull UUID partnerId, @NotNull UUID contactId, @NotNull DangerKind kind,
            @NotBlank @Size(max = 2000) String danger, @NotBlank @Size(max = 500) String atRisk,
            @NotBlank @Size(max = 300) String howSoon, Set<IdentityField> fields, Boolean cannotWait) {

        AlertForm {
            cannotWait = Boolean.TRUE.equals(cannotWait);
            fields = fields == null ? Set.of() : Set.copyOf(fields);
        }
    }

    record ToldForm(@NotNull Boolean told, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate toldOn) {
    }

    private final DangerAlerts alerts;
    private final Clock clock;
    private final Duration reviewWithin;

    DangerAlertController(DangerAlerts alerts, Clock clock, DisclosureSettings settings) {
        this.alerts = alerts;
        this.clock = clock;
        this.reviewWithin = settings.dangerAlertReviewWithin();
    }

    @GetMapping("/cases/{id}/danger-alerts")
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", alerts.read(who, id));
        model.addAttribute("today", LocalDate.now(clock));
        return "disclosure/alert/list";
    }

    @GetMapping("/cases/{id}/danger-alerts/new")
    String form(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("ref", alerts.requireRaiser(who, id).ref());
        model.addAttribute("partners", alerts.securityPartners(who));
        model.addAttribute("kinds", DangerKind.values());
        model.addAttribute("identityFields", IdentityField.values());
        model.addAttribute("reviewWithinHours", reviewWithin.toHours());
        if (!model.containsAttribute("alertForm")) {
            model.addAttribute("alertForm", new AlertForm(null, null, null, "", "", "", Set.of(), false));
        }
        return "disclosure/alert/new";
    }

    @PostMapping("/cases/{id}/danger-alerts")
    String raise(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("alertForm") AlertForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        alerts.requireRaiser(who, id);
        if (errors.hasErrors()) {
            return form(who, id, model);
        }
        UUID raised;
        try {
            raised = alerts.raise(who, id, new DangerAlerts.NewAlert(form.partnerId(), form.contactId(), form.kind(),
                    form.danger(), form.atRisk(), form.howSoon(), form.fields(), form.cannotWait()),
                    LocaleContextHolder.getLocale());
        } catch (Refused refused) {
            errors.reject(refused.messageKey(), refused.messageArguments(), null);
            String page = form(who, id, model);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page;
        }
        if (!form.cannotWait()) {
            redirect.addFlashAttribute("notice", "dangeralerts.notice.awaiting");
        } else {
            Alert.Delivery delivery = alerts.delivery(who, raised);
            // Said as what happened: a green "sent" when nothing left would let everyone believe the police know.
            redirect.addFlashAttribute(delivery == Alert.Delivery.MAILED ? "notice" : "undelivered",
                    "dangeralerts.notice.sent-now." + delivery);
        }
        return "redirect:/cases/" + id + "/danger-alerts";
    }

    @PostMapping("/cases/{id}/danger-alerts/{alertId}/told")
    String told(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID alertId,
            @Valid @ModelAttribute("toldForm") ToldForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        alerts.requireTandem(who, id);
        if (!errors.hasErrors() && Boolean.TRUE.equals(form.told())
                && (form.toldOn() == null || form.toldOn().isAfter(LocalDate.now(clock)))) {
            errors.rejectValue("toldOn", "dangeralerts.told-on.invalid");
        }
        if (errors.hasErrors()) {
            // Shown next to the field it concerns, with what was entered kept.
            model.addAttribute("toldError", alertId);
            model.addAttribute("toldProblem", errors.hasFieldErrors("told") ? "told" : "toldOn");
            return list(who, id, model);
        }
        alerts.recordTold(who, id, alertId, form.told(), form.toldOn());
        redirect.addFlashAttribute("notice", "dangeralerts.notice.told");
        return "redirect:/cases/" + id + "/danger-alerts";
    }
}
