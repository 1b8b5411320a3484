package org.exitwork.safety.internal.clientsafety.threats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.format.annotation.DateTimeFormat;
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

/** The threat logbook (R15): the tandem writes, the tandem and colleagues who broke the glass read. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ThreatController {

    static final int SHORT_MAX = 500;
    static final int TEXT_MAX = 4000;

    record ThreatForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate occurredOn,
            @NotNull ThreatKind kind, @NotBlank @Size(max = SHORT_MAX) String fromWhom,
            @NotBlank @Size(max = TEXT_MAX) String whatHappened, @Size(max = TEXT_MAX) String whatDone) {

        ThreatLogbook.NewThreat threat() {
            return new ThreatLogbook.NewThreat(occurredOn, kind, fromWhom, whatHappened, whatDone);
        }
    }

    record CorrectionForm(@NotBlank @Size(max = TEXT_MAX) String note) {
    }

    private final ThreatLogbook logbook;
    private final Clock clock;

    ThreatController(ThreatLogbook logbook, Clock clock) {
        this.logbook = logbook;
        this.clock = clock;
    }

    @GetMapping("/cases/{id}/safety/threats")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", logbook.read(who, id));
        model.addAttribute("kinds", ThreatKind.values());
        if (!model.containsAttribute("threatForm")) {
            model.addAttribute("threatForm", new ThreatForm(LocalDate.now(clock), null, "", "", ""));
        }
        if (!model.containsAttribute("correctionForm")) {
            model.addAttribute("correctionForm", new CorrectionForm(""));
        }
        return "safety/threats";
    }

    @PostMapping("/cases/{id}/safety/threats")
    String record(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("threatForm") ThreatForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        logbook.requireWritable(who, id);
        if (errors.hasErrors()) {
            return page(who, id, model);
        }
        logbook.record(who, id, form.threat());
        redirect.addFlashAttribute("notice", "threats.notice.recorded");
        return "redirect:/cases/" + id + "/safety/threats";
    }

    @PostMapping("/cases/{id}/safety/threats/{entryId}/corrections")
    String correct(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID entryId,
            @Valid @ModelAttribute("correctionForm") CorrectionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        logbook.requireWritable(who, id);
        if (errors.hasErrors()) {
            model.addAttribute("correcting", entryId);
            return page(who, id, model);
        }
        logbook.correct(who, id, entryId, form.note());
        redirect.addFlashAttribute("notice", "threats.notice.corrected");
        return "redirect:/cases/" + id + "/safety/threats";
    }
}
