package org.exitwork.safety.internal.clientsafety.shield;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

/**
 * The compartment of relocation and new-identity details (R15): the tandem reads and writes; a
 * colleague who broke the glass asks, a different manager approves for a limited time.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ShieldCompartmentController {

    static final int SHORT_MAX = 500;
    static final int REASON_MAX = 1000;

    record CompartmentForm(@Size(max = SHORT_MAX) String newPlace, @Size(max = SHORT_MAX) String newName,
            @Size(max = SHORT_MAX) String newNumbers) {
    }

    record AccessRequestForm(@NotBlank @Size(max = REASON_MAX) String reason) {
    }

    private final ShieldCompartment compartment;

    ShieldCompartmentController(ShieldCompartment compartment) {
        this.compartment = compartment;
    }

    /** The managers' list of requests still waiting, across the organisation's cases. */
    @GetMapping("/safety/compartment-requests")
    @PreAuthorize("hasRole('MANAGER')")
    String pending(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("pending", compartment.pendingFor(who));
        return "safety/compartment-pending";
    }

    @GetMapping("/cases/{id}/safety/compartment")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model,
            HttpServletResponse response) {
        try {
            ShieldCompartment.View view = compartment.read(who, id);
            model.addAttribute("view", view);
            if (!model.containsAttribute("compartmentForm")) {
                ShieldCompartment.Details d = view.details();
                model.addAttribute("compartmentForm", new CompartmentForm(d.newPlace(), d.newName(), d.newNumbers()));
            }
            return "safety/compartment";
        } catch (ShieldCompartment.Closed closed) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return closedPage(closed, model);
        }
    }

    @PostMapping("/cases/{id}/safety/compartment")
    String save(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("compartmentForm") CompartmentForm form, BindingResult errors, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        compartment.requireWritable(who, id);
        if (errors.hasErrors()) {
            return page(who, id, model, response);
        }
        compartment.save(who, id, new ShieldCompartment.Details(form.newPlace(), form.newName(), form.newNumbers()));
        redirect.addFlashAttribute("notice", "threats.compartment.notice.saved");
        return "redirect:/cases/" + id + "/safety/compartment";
    }

    @PostMapping("/cases/{id}/safety/compartment/requests")
    String request(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("accessRequestForm") AccessRequestForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        compartment.requireMayRequest(who, id);
        if (errors.hasErrors()) {
            try {
                compartment.read(who, id);
                return "redirect:/cases/" + id + "/safety/compartment";
            } catch (ShieldCompartment.Closed closed) {
                return closedPage(closed, model);
            }
        }
        if (compartment.request(who, id, form.reason())) {
            redirect.addFlashAttribute("notice", "threats.compartment.notice.requested");
        }
        return "redirect:/cases/" + id + "/safety/compartment";
    }

    @GetMapping("/cases/{id}/safety/compartment/requests")
    @PreAuthorize("hasRole('MANAGER')")
    String requests(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", compartment.requestsForManager(who, id));
        return "safety/compartment-requests";
    }

    @PostMapping("/cases/{id}/safety/compartment/requests/{requestId}/approve")
    @PreAuthorize("hasRole('MANAGER')")
    String approve(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID requestId,
            RedirectAttributes redirect) {
        compartment.approve(who, id, requestId);
        redirect.addFlashAttribute("notice", "threats.compartment.notice.approved");
        return "redirect:/cases/" + id + "/safety/compartment/requests";
    }

    private String closedPage(ShieldCompartment.Closed closed, Model model) {
        model.addAttribute("ref", closed.ref);
        model.addAttribute("pending", closed.pending);
        if (!model.containsAttribute("accessRequestForm")) {
            model.addAttribute("accessRequestForm", new AccessRequestForm(""));
        }
        return "safety/compartment-closed";
    }
}
