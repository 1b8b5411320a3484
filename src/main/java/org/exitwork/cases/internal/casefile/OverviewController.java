package org.exitwork.cases.internal.casefile;

import java.util.UUID;


import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.handover.Handovers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where practitioners and managers land after signing in. */
@Controller
class OverviewController {

    private final Overviews overviews;

    OverviewController(Overviews overviews) {
        this.overviews = overviews;
    }

    @GetMapping("/start")
    @PreAuthorize("hasRole('PRACTITIONER')")
    String start(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("page", overviews.startPage(who));
        return "cases/start";
    }

    @GetMapping("/manage/overview")
    @PreAuthorize("hasRole('MANAGER')")
    String managerOverview(@AuthenticationPrincipal StaffPrincipal who,
            @RequestParam(required = false) UUID after, @RequestParam(required = false) UUID before, Model model) {
        Overviews.ManagerPage page = overviews.managerPage(who, after, before);
        Overviews.ManagerOverview overview = page.overview();
        model.addAttribute("overview", overview);
        model.addAttribute("caseloadsPrevious", "/manage/overview?before=" + overview.caseloads().previousBefore() + "#caseload");
        model.addAttribute("caseloadsNext", "/manage/overview?after=" + overview.caseloads().nextAfter() + "#caseload");
        model.addAttribute("setup", page.setup());
        model.addAttribute("tandemGaps", page.tandemGaps());
        model.addAttribute("departed", Handovers.departed(page.tandemGaps()));
        model.addAttribute("highRiskWaiting", page.highRiskWaiting());
        return "cases/manager-overview";
    }
}
