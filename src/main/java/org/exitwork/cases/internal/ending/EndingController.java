package org.exitwork.cases.internal.ending;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.retention.ClientErasure;
import org.exitwork.cases.internal.retention.RetentionPolicy;
import org.exitwork.keys.ErasureHorizon;
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

/** Ending a case, follow-ups, erasure on request, and the organisation's retention periods. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class EndingController {

    record CompletedForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closedOn,
            @NotBlank @Size(max = 4000) String aftercarePlan,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate followUp1,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate followUp2,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate followUp3) {

        List<LocalDate> followUps() {
            return Stream.of(followUp1, followUp2, followUp3).filter(Objects::nonNull).toList();
        }
    }

    /** Its own field name, so that both forms on the page have distinct ids for their labels. */
    record ClientsChoiceForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endedOn,
            Boolean eraseNow) {

        /** An unticked checkbox sends nothing: absent means no. */
        boolean erase() {
            return Boolean.TRUE.equals(eraseNow);
        }
    }

    record ErasureForm(@NotNull @AssertTrue Boolean confirmed) {
    }

    record RetentionForm(@NotNull @Min(RetentionPolicy.Periods.MIN_DAYS) @Max(RetentionPolicy.Periods.MAX_DAYS) Integer prospectDays,
            @NotNull @Min(RetentionPolicy.Periods.MIN_DAYS) @Max(RetentionPolicy.Periods.MAX_DAYS) Integer closedDays,
            @NotNull @Min(RetentionPolicy.Periods.MIN_DAYS) @Max(RetentionPolicy.Periods.MAX_DAYS) Integer groupDays,
            @NotNull @Min(RetentionPolicy.Periods.MIN_DAYS) @Max(RetentionPolicy.Periods.MAX_DAYS) Integer appointmentDays) {
    }

    private final EndingService ending;
    private final ClientErasure erasure;
    private final RetentionPolicy retention;
    private final ErasureHorizon horizon;

    private final org.springframework.beans.factory.ObjectProvider<org.exitwork.cases.OpenServiceRequests> serviceRequests;

    EndingController(EndingService ending, ClientErasure erasure, RetentionPolicy retention, ErasureHorizon horizon,
            org.springframework.beans.factory.ObjectProvider<org.exitwork.cases.OpenServiceRequests> serviceRequests) {
        this.serviceRequests = serviceRequests;
        this.ending = ending;
        this.erasure = erasure;
        this.retention = retention;
        this.horizon = horizon;
    }

    @GetMapping("/cases/{id}/ending")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", ending.view(who, id));
        // The aftercare plan's service requests, read after the view's access check.
        org.exitwork.cases.OpenServiceRequests open = serviceRequests.getIfAvailable();
        model.addAttribute("serviceRequests", open == null ? java.util.List.of()
                : open.of(who.organisationId(), java.util.List.of(id)));
        model.addAttribute("erasureHorizonDays", horizon.daysUntilEveryCopyIsUnreadable());
        if (!model.containsAttribute("completedForm")) {
            model.addAttribute("completedForm", new CompletedForm(null, "", null, null, null));
        }
        if (!model.containsAttribute("choiceForm")) {
            model.addAttribute("choiceForm", new ClientsChoiceForm(null, false));
        }
        if (!model.containsAttribute("erasureForm")) {
            model.addAttribute("erasureForm", new ErasureForm(false));
        }
        return "cases/ending";
    }

    @PostMapping("/cases/{id}/ending/completed")
    String complete(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("completedForm") CompletedForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                ending.complete(who, id, form.closedOn(), form.aftercarePlan(), form.followUps());
                redirect.addFlashAttribute("notice", "ending.notice.completed");
                return "redirect:/cases/" + id + "/ending";
            } catch (EndingService.EndingRefused refused) {
                errors.reject(refused.messageKey);
            }
        }
        return page(who, id, model);
    }

    @PostMapping("/cases/{id}/ending/clients-choice")
    String endByClientsChoice(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("choiceForm") ClientsChoiceForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                ending.endByClientsChoice(who, id, form.endedOn(), form.erase());
                if (form.erase()) {
                    redirect.addFlashAttribute("notice", "ending.notice.erased");
                    return "redirect:/start";
                }
                redirect.addFlashAttribute("notice", "ending.notice.ended");
                return "redirect:/cases/" + id + "/ending";
            } catch (EndingService.EndingRefused refused) {
                errors.reject(refused.messageKey);
            }
        }
        return page(who, id, model);
    }

    @PostMapping("/cases/{id}/follow-ups/{followUpId}/done")
    String followUpDone(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID followUpId, RedirectAttributes redirect) {
        ending.followUpDone(who, id, followUpId);
        redirect.addFlashAttribute("notice", "ending.notice.follow-up-done");
        return "redirect:/cases/" + id + "/ending";
    }

    @PostMapping("/cases/{id}/erasure")
    String erase(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("erasureForm") ErasureForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(who, id, model);
        }
        erasure.eraseOnRequest(who, id);
        redirect.addFlashAttribute("notice", "ending.notice.erased");
        return "redirect:/start";
    }

    @GetMapping("/manage/retention")
    @PreAuthorize("hasRole('MANAGER')")
    String retentionPage(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        if (!model.containsAttribute("form")) {
            RetentionPolicy.Periods periods = retention.of(who.organisationId());
            model.addAttribute("form", new RetentionForm(periods.prospectDays(), periods.closedDays(),
                    periods.groupDays(), periods.appointmentDays()));
        }
        return "cases/retention";
    }

    @PostMapping("/manage/retention")
    @PreAuthorize("hasRole('MANAGER')")
    String changeRetention(@AuthenticationPrincipal StaffPrincipal who,
            @Valid @ModelAttribute("form") RetentionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return retentionPage(who, model);
        }
        retention.change(who, new RetentionPolicy.Periods(form.prospectDays(), form.closedDays(), form.groupDays(),
                form.appointmentDays()));
        redirect.addFlashAttribute("notice", "retention.notice.changed");
        return "redirect:/manage/retention";
    }
}
