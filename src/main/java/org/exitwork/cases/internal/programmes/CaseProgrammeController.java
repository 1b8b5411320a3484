package org.exitwork.cases.internal.programmes;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.Stage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The programme a case belongs to: chosen by the tandem or a manager, "no programme" when none. */
@Controller
@RequestMapping("/cases/{id}/programme")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class CaseProgrammeController {

    /** The value of the "no programme" choice. */
    static final String NONE = "none";

    /** A programme's id, or {@link #NONE}. */
    record ChoiceForm(@NotBlank String programme) {
    }

    private final CaseProgrammeService programmes;

    CaseProgrammeController(CaseProgrammeService programmes) {
        this.programmes = programmes;
    }

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        CaseProgrammeService.Current current = programmes.current(who, id);
        if (!model.containsAttribute("programmeChoiceForm")) {
            model.addAttribute("programmeChoiceForm",
                    new ChoiceForm(current.programmeId() == null ? NONE : current.programmeId().toString()));
        }
        model.addAttribute("current", current);
        model.addAttribute("prospect", current.ref().is(Stage.PROSPECT));
        return "cases/programme";
    }

    @PostMapping
    String choose(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("programmeChoiceForm") ChoiceForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        programmes.current(who, id);
        if (!errors.hasErrors()) {
            try {
                UUID chosen = NONE.equals(form.programme()) ? null : UUID.fromString(form.programme());
                programmes.choose(who, id, chosen);
                redirect.addFlashAttribute("notice", "case.programme.notice.saved");
                return "redirect:/cases/" + id + "/programme";
            } catch (IllegalArgumentException | CaseProgrammeService.UnknownProgramme e) {
                errors.rejectValue("programme", "case.programme.error.unknown");
            }
        }
        return page(who, id, model);
    }
}
