package org.exitwork.cases.internal.casefile;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Where practitioners and managers land after signing in. */
@Controller
class OverviewController {

    private final Overviews overviews;
    private final SetupChecklist setup;

    OverviewController(Overviews overviews, SetupChecklist setup) {
        this.overviews = overviews;
        this.setup = setup;
    }

    @GetMapping("/start")
    @PreAuthorize("hasRole('PRACTITIONER')")
    String start(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("page", overviews.startPage(who));
        return "cases/start";
    }

    @GetMapping("/manage/overview")
    @PreAuthorize("hasRole('MANAGER')")
    String managerOverview(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("overview", overviews.managerOverview(who));
        model.addAttribute("setup", setup.of(who.organisationId()));
        return "cases/manager-overview";
    }
}
