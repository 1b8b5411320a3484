package org.exitwork.referrals.internal;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The referral in the case: "Referral from partner X, received on date" with what the partner shared
 * and everything it added later, for the tandem (or a colleague who broke the glass), audited.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class CaseReferralController {

    private final Referrals referrals;

    CaseReferralController(Referrals referrals) {
        this.referrals = referrals;
    }

    /** {@code nav=prospect} when reached from a prospect's navigation, which has no case rooms yet. */
    @GetMapping("/cases/{id}/referrals")
    String show(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(name = "nav", required = false) String nav, Model model) {
        model.addAttribute("view", referrals.forCase(who, id));
        model.addAttribute("prospectNav", "prospect".equals(nav));
        return "referrals/case";
    }
}
