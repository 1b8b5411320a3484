package org.exitwork.cases.internal.handover;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Who carries a case, and handing it over (R2): the tandem's and the programme managers' page. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class HandoverController {

    record HandoverForm(UUID leaving, UUID joining, @NotNull HandoverReason reason, @Size(max = 1000) String note) {
    }

    private final Handovers handovers;

    HandoverController(Handovers handovers) {
        this.handovers = handovers;
    }

    @GetMapping("/cases/{id}/tandem")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(required = false) UUID leaving, Model model) {
        model.addAttribute("view", handovers.view(who, id));
        model.addAttribute("reasons", HandoverReason.values());
        if (!model.containsAttribute("handoverForm")) {
            model.addAttribute("handoverForm", new HandoverForm(leaving, null, null, ""));
        }
        return "cases/tandem";
    }

    @PostMapping("/cases/{id}/tandem")
    String change(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("handoverForm") HandoverForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                handovers.change(who, id, form.leaving(), form.joining(), form.reason(), form.note());
                redirect.addFlashAttribute("notice", "handover.notice.changed");
                // Whoever let themselves go no longer reads the case: they go back to their list.
                return handovers.inTandem(who, id) || who.is(org.exitwork.accounts.Role.MANAGER)
                        ? "redirect:/cases/" + id + "/tandem" : "redirect:/cases";
            } catch (Handovers.Refused refused) {
                errors.rejectValue(refused.field, refused.messageKey);
            } catch (Handovers.Conflict conflict) {
                errors.reject(conflict.messageKey);
                String page = page(who, id, null, model);
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                return page;
            }
        }
        return page(who, id, null, model);
    }

    @GetMapping("/manage/handovers/{staffId}")
    @PreAuthorize("hasRole('MANAGER')")
    String personsCases(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID staffId, Model model) {
        model.addAttribute("person", handovers.casesOf(who, staffId));
        return "cases/handovers";
    }
}
