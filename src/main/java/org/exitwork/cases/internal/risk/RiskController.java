package org.exitwork.cases.internal.risk;

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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The high-risk mark of a case (R14): read by whoever reads the case, set and cleared by the tandem. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class RiskController {

    /** {@code highRisk}: what the tandem wants the mark to be (the page offers the other way round). */
    record RiskForm(@NotNull Boolean highRisk, @NotNull RiskReason reason, @Size(max = 1000) String note) {
    }

    private final HighRisk risk;

    RiskController(HighRisk risk) {
        this.risk = risk;
    }

    @GetMapping("/cases/{id}/high-risk")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        HighRisk.RiskView view = risk.view(who, id);
        model.addAttribute("view", view);
        model.addAttribute("reasons", java.util.Arrays.stream(RiskReason.values())
                .filter(r -> r.fits(!view.highRisk())).toList());
        if (!model.containsAttribute("riskForm")) {
            model.addAttribute("riskForm", new RiskForm(!view.highRisk(), null, ""));
        }
        return "cases/high-risk";
    }

    @PostMapping("/cases/{id}/high-risk")
    String mark(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("riskForm") RiskForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                risk.mark(who, id, form.highRisk(), form.reason(), form.note());
                redirect.addFlashAttribute("notice", form.highRisk() ? "risk.notice.marked" : "risk.notice.cleared");
                return "redirect:/cases/" + id;
            } catch (HighRisk.Refused refused) {
                errors.rejectValue("reason", refused.messageKey);
            } catch (HighRisk.Conflict conflict) {
                errors.reject("risk.conflict");
                String page = page(who, id, model);
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                return page;
            }
        }
        return page(who, id, model);
    }
}
