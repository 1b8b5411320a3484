package org.exitwork.referrals.internal;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

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

/**
 * Managers decide about referrals awaiting a practitioner (R7, R1): the list shows partner, kind and
 * date only; opening one shows what the partner shared (audited); assigning opens a prospect, declining
 * erases the referral. Nothing of it goes back to the partner.
 */
@Controller
@PreAuthorize("hasRole('MANAGER')")
class ReferralController {

    record AssignForm(@NotNull UUID practitionerId) {
    }

    private final Referrals referrals;

    ReferralController(Referrals referrals) {
        this.referrals = referrals;
    }

    /**
     * The referrals awaiting a practitioner, fifty a page, oldest first, from one partner or all. A value
     * the form does not offer (a partner or cursor that is no id) is answered 400 before anything is read.
     */
    @GetMapping("/referrals")
    String list(@AuthenticationPrincipal StaffPrincipal who, @RequestParam(required = false) UUID partner,
            @RequestParam(required = false) UUID after, @RequestParam(required = false) UUID before, Model model) {
        ReferralFilter filter = new ReferralFilter(partner, after, before);
        org.exitwork.platform.KeysetPage<Referrals.Listed> page = referrals.awaiting(who, filter);
        model.addAttribute("referrals", page.rows());
        model.addAttribute("page", page);
        model.addAttribute("filter", filter);
        model.addAttribute("partners", referrals.senders(who));
        return "referrals/list";
    }

    @GetMapping("/referrals/{id}")
    String show(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("referral", referrals.read(who, id));
        model.addAttribute("practitioners", referrals.practitioners(who));
        if (!model.containsAttribute("assignForm")) {
            model.addAttribute("assignForm", new AssignForm(null));
        }
        return "referrals/referral";
    }

    @PostMapping("/referrals/{id}/assign")
    String assign(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("assignForm") AssignForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return show(who, id, model);
        }
        try {
            referrals.assign(who, id, form.practitionerId());
        } catch (Referrals.NotAPractitionerException refused) {
            errors.rejectValue("practitionerId", "referrals.decide.not-a-practitioner");
            return show(who, id, model);
        }
        redirect.addFlashAttribute("notice", "referrals.notice.assigned");
        return "redirect:/referrals";
    }

    @PostMapping("/referrals/{id}/decline")
    String decline(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        referrals.decline(who, id);
        redirect.addFlashAttribute("notice", "referrals.notice.declined");
        return "redirect:/referrals";
    }
}
