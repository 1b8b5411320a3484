package org.exitwork.cases.internal.casefile;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.access.BreakGlassReason;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
@RequestMapping("/cases")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class CasesController {

    record BreakGlassForm(@NotNull BreakGlassReason reason, @NotBlank @Size(min = 10, max = 1000) String explanation) {
    }

    private final CaseService cases;
    private final CasePage casePage;

    CasesController(CaseService cases, CasePage casePage) {
        this.cases = cases;
        this.casePage = casePage;
    }

    /**
     * The case list, a page at a time, narrowed in the database. A value the form does not offer (an
     * unknown stage, a cursor that is no id) is answered 400 before anything is read.
     */
    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal who, @RequestParam(required = false) Stage stage,
            @RequestParam(required = false) PhenomenonArea area, @RequestParam(required = false) Boolean mine,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) UUID after,
            @RequestParam(required = false) UUID before, Model model) {
        CaseFilter filter = new CaseFilter(stage, area, mine, overdue, after, before);
        CaseService.CasePage page = cases.list(who, filter);
        model.addAttribute("cases", page.cases());
        model.addAttribute("page", page);
        model.addAttribute("filter", filter);
        model.addAttribute("stages", Stage.values());
        model.addAttribute("areas", PhenomenonArea.values());
        return "cases/list";
    }

    @GetMapping("/{id}")
    String open(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model,
            HttpServletResponse response, java.util.Locale locale) {
        CasePage.Opened opened = casePage.open(who, id, locale);
        switch (opened.shown()) {
            case RESTRICTED -> {
                return restrictedPage(opened.restricted(), model, response);
            }
            case PROSPECT -> {
                return "redirect:/cases/" + id + "/intake";
            }
            default -> {
                CasePage.Parts parts = opened.parts();
                model.addAttribute("view", parts.view());
                model.addAttribute("intake", parts.intake());
                model.addAttribute("diversity", parts.diversity());
                model.addAttribute("sessionSummary", parts.sessions());
                model.addAttribute("agreementSummary", parts.agreement());
                model.addAttribute("risk", parts.risk());
                model.addAttribute("programmePanel", parts.programme());
                model.addAttribute("serviceRequests", parts.serviceRequests());
                return "cases/case";
            }
        }
    }

    private String restrictedPage(CaseService.RestrictedView view, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("view", view);
        if (!model.containsAttribute("glassForm")) {
            model.addAttribute("glassForm", new BreakGlassForm(null, ""));
        }
        model.addAttribute("reasons", BreakGlassReason.values());
        return "cases/restricted";
    }

    /** The identity vault, on request only. With htmx it is swapped into the case page. */
    @GetMapping("/{id}/identity")
    String identity(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        model.addAttribute("identity", cases.identity(who, id));
        model.addAttribute("clientId", id);
        return htmx != null ? "cases/identity :: identity" : "cases/identity";
    }

    @PostMapping("/{id}/break-glass")
    String breakGlass(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("glassForm") BreakGlassForm form, BindingResult errors, Model model,
            HttpServletResponse response) {
        if (errors.hasErrors()) {
            String page = restrictedPage(cases.restricted(who, id), model, response);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page;
        }
        cases.breakGlass(who, id, form.reason(), form.explanation().strip());
        return "redirect:/cases/" + id;
    }
}
