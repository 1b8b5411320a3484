package org.exitwork.disclosure.internal.servicerequest;

import java.util.Locale;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The managers' page of how the network answers service requests (R11): figures per partner, no client. */
@Controller
@PreAuthorize("hasRole('MANAGER')")
class NetworkQualityController {

    private final NetworkQuality quality;

    NetworkQualityController(NetworkQuality quality) {
        this.quality = quality;
    }

    @GetMapping("/service-requests/quality")
    String page(@AuthenticationPrincipal StaffPrincipal who, Locale locale, Model model) {
        model.addAttribute("quality", quality.read(who, locale));
        return "disclosure/network-quality";
    }
}
