package org.exitwork.accounts.internal.web;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the fully signed-in staff member into every page's model as {@code me}, for the layout. */
@ControllerAdvice
class SignedInModel {

    @ModelAttribute("me")
    StaffPrincipal me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof StaffPrincipal who
                && !SecurityConfiguration.hasOnlyPasswordStep(auth)) {
            return who;
        }
        return null;
    }
}
