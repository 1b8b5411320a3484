package org.exitwork.accounts.internal.passkeys;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator decides, on the organisation's page, whether managers and administrators must
 * sign in with a passkey. Managers see the setting there but do not change it: it binds them.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class PasskeyPolicyController {

    private final Passkeys passkeys;

    PasskeyPolicyController(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @PostMapping("/organisation/passkeys")
    String save(@AuthenticationPrincipal StaffPrincipal admin,
            @RequestParam(name = "required", defaultValue = "false") boolean required, RedirectAttributes redirect) {
        passkeys.setRequired(admin, required);
        redirect.addFlashAttribute("notice", required ? "passkey.notice.required-on" : "passkey.notice.required-off");
        return "redirect:/organisation";
    }
}
