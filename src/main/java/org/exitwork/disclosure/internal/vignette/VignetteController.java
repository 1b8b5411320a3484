package org.exitwork.disclosure.internal.vignette;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case side of vignettes (R16): the tandem alone writes, corrects, submits, withdraws and prints the
 * case's vignettes. Anyone else, a colleague who broke the glass or a manager included, is refused by
 * {@code CaseDirectory.requireTandem} (403).
 */
@Controller
@RequestMapping("/cases/{id}/vignettes")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class VignetteController {

    record NewVignetteForm(@NotNull UUID groupId, @NotBlank @Size(max = Vignettes.TITLE_MAX) String title,
            @NotBlank @Size(max = Vignettes.NARRATIVE_MAX) String narrative) {
    }

    record VignetteForm(@NotBlank @Size(max = Vignettes.TITLE_MAX) String title,
            @NotBlank @Size(max = Vignettes.NARRATIVE_MAX) String narrative, @NotNull @PositiveOrZero Integer version) {
    }

    private final Vignettes vignettes;

    VignetteController(Vignettes vignettes) {
        this.vignettes = vignettes;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", vignettes.ofCase(who, id));
        return "disclosure/vignettes";
    }

    @GetMapping("/new")
    String form(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", vignettes.forNew(who, id));
        if (!model.containsAttribute("newVignetteForm")) {
            model.addAttribute("newVignetteForm", new NewVignetteForm(null, "", ""));
        }
        return "disclosure/vignette-new";
    }

    @PostMapping
    String write(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("newVignetteForm") NewVignetteForm form, BindingResult errors, Model model) {
        vignettes.forNew(who, id);
        if (!errors.hasErrors()) {
            var written = vignettes.write(who, id, form.groupId(), new Vignettes.Draft(form.title(), form.narrative()));
            if (written.isPresent()) {
                return "redirect:/cases/" + id + "/vignettes/" + written.get();
            }
            errors.rejectValue("groupId", "vignettes.group.not-yours");
        }
        return form(who, id, model);
    }

    @GetMapping("/{vignetteId}")
    String vignette(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID vignetteId,
            Model model) {
        Vignettes.Opened opened = vignettes.open(who, id, vignetteId);
        model.addAttribute("ref", vignettes.forNew(who, id).ref());
        model.addAttribute("vignette", opened);
        if (!model.containsAttribute("vignetteForm")) {
            model.addAttribute("vignetteForm", new VignetteForm(opened.title(), opened.narrative(), opened.version()));
        }
        return "disclosure/vignette";
    }

    /** Changes a draft; anything else is read-only (409, nothing changed). */
    @PostMapping("/{vignetteId}")
    String change(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID vignetteId,
            @Valid @ModelAttribute("vignetteForm") VignetteForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        Vignettes.Opened opened = vignettes.open(who, id, vignetteId);
        if (!opened.editable()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        if (errors.hasErrors()) {
            return vignette(who, id, vignetteId, model);
        }
        try {
            if (!vignettes.change(who, id, vignetteId, form.version(),
                    new Vignettes.Draft(form.title(), form.narrative()))) {
                throw new ResponseStatusException(HttpStatus.CONFLICT);
            }
        } catch (Vignettes.NotADraft readOnly) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notice", "vignettes.notice.saved");
        return "redirect:/cases/" + id + "/vignettes/" + vignetteId;
    }

    /** Submits a draft for review; while anything is flagged the page shows the flags again (400). */
    @PostMapping("/{vignetteId}/submit")
    String submit(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID vignetteId,
            @RequestParam int version, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (version < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            if (!vignettes.submit(who, id, vignetteId, version)) {
                throw new ResponseStatusException(HttpStatus.CONFLICT);
            }
        } catch (Vignettes.NotADraft notADraft) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        } catch (Vignettes.Flagged flagged) {
            model.addAttribute("submitRefused", true);
            String page = vignette(who, id, vignetteId, model);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page;
        }
        redirect.addFlashAttribute("notice", "vignettes.notice.submitted");
        return "redirect:/cases/" + id + "/vignettes/" + vignetteId;
    }

    @PostMapping("/{vignetteId}/withdraw")
    String withdraw(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID vignetteId,
            RedirectAttributes redirect) {
        try {
            vignettes.withdraw(who, id, vignetteId);
        } catch (Vignettes.NotReleased notReleased) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notice", "vignettes.notice.withdrawn");
        return "redirect:/cases/" + id + "/vignettes/" + vignetteId;
    }

    /** The vignette with the group's feedback, for the authors' portfolio: a page made for printing. */
    @GetMapping("/{vignetteId}/print")
    String print(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID vignetteId,
            Model model) {
        model.addAttribute("vignette", vignettes.print(who, id, vignetteId));
        model.addAttribute("ref", vignettes.forNew(who, id).ref());
        return "disclosure/vignette-print";
    }
}
