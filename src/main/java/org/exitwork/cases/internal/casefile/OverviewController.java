package org.exitwork.cases.internal.casefile;

import java.util.List;
import java.util.UUID;


import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.handover.Handovers;
import org.exitwork.cases.internal.risk.HighRisk;
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
    private final SetupChecklist setup;
    private final Handovers handovers;
    private final HighRisk highRisk;

    OverviewController(Overviews overviews, SetupChecklist setup, Handovers handovers, HighRisk highRisk) {
        this.overviews = overviews;
        this.setup = setup;
        this.handovers = handovers;
        this.highRisk = highRisk;
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
        Overviews.ManagerOverview overview = overviews.managerOverview(who, after, before);
        model.addAttribute("overview", overview);
        model.addAttribute("caseloadsPrevious", "/manage/overview?before=" + overview.caseloads().previousBefore() + "#caseload");
        model.addAttribute("caseloadsNext", "/manage/overview?after=" + overview.caseloads().nextAfter() + "#caseload");
        model.addAttribute("setup", setup.of(who.organisationId()));
        List<Handovers.Gap> gaps = handovers.gaps(who.organisationId());
        model.addAttribute("tandemGaps", gaps);
        model.addAttribute("departed", Handovers.departed(gaps));
        model.addAttribute("highRiskWaiting", highRisk.waiting(who.organisationId()));
        return "cases/manager-overview";
    }
}
