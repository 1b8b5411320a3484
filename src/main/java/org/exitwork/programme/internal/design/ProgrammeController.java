package org.exitwork.programme.internal.design;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.programme.internal.design.Design.Indicator;
import org.exitwork.programme.internal.design.Design.Outcome;
import org.exitwork.programme.internal.design.Design.Programme;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Programme design in the browser: a summary list per programme, a form for what it is and whom it
 * serves, and one form per outcome with its indicators ("add another indicator" sends the form back
 * with one more empty row, so it works without JavaScript).
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER', 'ADMIN')")
class ProgrammeController {

    static final int MAX_INDICATORS = 20;

    record ProgrammeForm(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2000) String goal,
            @NotBlank @Size(max = 2000) String targetGroups, List<PhenomenonArea> areas, List<Pathway> pathways,
            List<UUID> staff) {

        ProgrammeForm {
            areas = areas == null ? List.of() : areas.stream().filter(Objects::nonNull).toList();
            pathways = pathways == null ? List.of() : pathways.stream().filter(Objects::nonNull).toList();
            staff = staff == null ? List.of() : staff.stream().filter(Objects::nonNull).toList();
        }

        static ProgrammeForm of(Programme p) {
            return new ProgrammeForm(p.name(), p.goal(), p.targetGroups(), List.copyOf(p.areas()),
                    List.copyOf(p.pathways()), p.staff());
        }

        Design.Draft draft() {
            return new Design.Draft(name.strip(), goal.strip(), targetGroups.strip(),
                    areas.isEmpty() ? EnumSet.noneOf(PhenomenonArea.class) : EnumSet.copyOf(areas),
                    pathways.isEmpty() ? EnumSet.noneOf(Pathway.class) : EnumSet.copyOf(pathways),
                    new LinkedHashSet<>(staff));
        }
    }

    /** One indicator; a row whose fields are all empty is left out. */
    record IndicatorRow(@Size(max = 300) String name, Direction direction, @Size(max = 200) String baseline,
            Frequency frequency) {

        boolean blank() {
            return isBlank(name) && direction == null && isBlank(baseline) && frequency == null;
        }
    }

    record OutcomeForm(@NotBlank @Size(max = 300) String name, @NotNull Integer scaleMax,
            @NotBlank @Size(max = 200) String lowEn, @NotBlank @Size(max = 200) String lowDe,
            @NotBlank @Size(max = 200) String highEn, @NotBlank @Size(max = 200) String highDe,
            @Size(max = MAX_INDICATORS) List<@Valid IndicatorRow> indicators) {

        OutcomeForm {
            indicators = indicators == null ? new ArrayList<>() : new ArrayList<>(indicators);
        }

        static OutcomeForm empty() {
            return new OutcomeForm("", 5, "", "", "", "", new ArrayList<>(List.of(blankRow())));
        }

        static OutcomeForm of(Outcome o) {
            List<IndicatorRow> rows = new ArrayList<>(o.indicators().stream()
                    .map(i -> new IndicatorRow(i.name(), i.direction(), i.baseline(), i.frequency())).toList());
            rows.add(blankRow());
            return new OutcomeForm(o.name(), o.scaleMax(), o.lowEn(), o.lowDe(), o.highEn(), o.highDe(), rows);
        }

        static IndicatorRow blankRow() {
            return new IndicatorRow("", null, "", null);
        }

        /** What Bean Validation cannot say: a scale of 5 or 10, and every indicator row complete. */
        void check(BindingResult errors) {
            if (scaleMax != null && scaleMax != 5 && scaleMax != 10) {
                errors.rejectValue("scaleMax", "programme.error.scale");
            }
            for (int i = 0; i < indicators.size(); i++) {
                IndicatorRow row = indicators.get(i);
                if (row == null || row.blank()) {
                    continue;
                }
                String prefix = "indicators[" + i + "].";
                if (isBlank(row.name())) {
                    errors.rejectValue(prefix + "name", "programme.error.indicator.name");
                }
                if (row.direction() == null && !errors.hasFieldErrors(prefix + "direction")) {
                    errors.rejectValue(prefix + "direction", "programme.error.indicator.direction");
                }
                if (isBlank(row.baseline())) {
                    errors.rejectValue(prefix + "baseline", "programme.error.indicator.baseline");
                }
                if (row.frequency() == null && !errors.hasFieldErrors(prefix + "frequency")) {
                    errors.rejectValue(prefix + "frequency", "programme.error.indicator.frequency");
                }
            }
        }

        Design.OutcomeDraft draft() {
            List<Indicator> filled = indicators.stream().filter(r -> r != null && !r.blank())
                    .map(r -> new Indicator(null, r.name().strip(), r.direction(), r.baseline().strip(), r.frequency()))
                    .toList();
            return new Design.OutcomeDraft(name.strip(), scaleMax, lowEn.strip(), lowDe.strip(), highEn.strip(),
                    highDe.strip(), filled);
        }
    }

    private final Programmes programmes;
    private final StaffDirectory staff;

    ProgrammeController(Programmes programmes, StaffDirectory staff) {
        this.programmes = programmes;
        this.staff = staff;
    }

    @GetMapping("/programmes")
    String list(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("programmes", programmes.list(who.organisationId()));
        model.addAttribute("canWrite", Programmes.designer(who));
        model.addAttribute("canSeeFigures", who.is(org.exitwork.accounts.Role.MANAGER));
        return "programme/programmes";
    }

    @GetMapping("/programmes/new")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String newProgramme(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("programmeForm", new ProgrammeForm("", "", "", List.of(), List.of(), List.of()));
        return formPage(who, null, model);
    }

    @PostMapping("/programmes")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String create(@AuthenticationPrincipal StaffPrincipal who,
            @Valid @ModelAttribute("programmeForm") ProgrammeForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        checkStaff(who, form, errors);
        if (!errors.hasErrors()) {
            try {
                UUID id = programmes.create(who, form.draft());
                redirect.addFlashAttribute("notice", "programme.notice.created");
                return "redirect:/programmes/" + id;
            } catch (Programmes.DuplicateName e) {
                errors.rejectValue("name", "programme.error.name.taken");
            }
        }
        return formPage(who, null, model);
    }

    @GetMapping("/programmes/{id}")
    String programme(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        Programme programme = programmes.get(who, id);
        model.addAttribute("programme", programme);
        model.addAttribute("staffNames", names(who, programme.staff()));
        model.addAttribute("canWrite", Programmes.designer(who));
        model.addAttribute("canSeeFigures", who.is(org.exitwork.accounts.Role.MANAGER));
        model.addAttribute("canSeeAgreements", who.is(org.exitwork.accounts.Role.MANAGER)
                || who.is(org.exitwork.accounts.Role.DATA_PROTECTION_OFFICER));
        return "programme/programme";
    }

    @GetMapping("/programmes/{id}/edit")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String edit(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        Programme programme = programmes.get(who, id);
        model.addAttribute("programmeForm", ProgrammeForm.of(programme));
        return formPage(who, programme, model);
    }

    @PostMapping("/programmes/{id}")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String update(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("programmeForm") ProgrammeForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        Programme programme = programmes.get(who, id);
        checkStaff(who, form, errors);
        if (!errors.hasErrors()) {
            try {
                programmes.update(who, id, form.draft());
                redirect.addFlashAttribute("notice", "programme.notice.saved");
                return "redirect:/programmes/" + id;
            } catch (Programmes.DuplicateName e) {
                errors.rejectValue("name", "programme.error.name.taken");
            }
        }
        return formPage(who, programme, model);
    }

    @GetMapping("/programmes/{id}/outcomes/new")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String newOutcome(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("outcomeForm", OutcomeForm.empty());
        return outcomePage(programmes.get(who, id), null, model);
    }

    @PostMapping("/programmes/{id}/outcomes")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String addOutcome(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("outcomeForm") OutcomeForm form, BindingResult errors,
            @RequestParam(required = false) String add, Model model, RedirectAttributes redirect) {
        Programme programme = programmes.get(who, id);
        if (addAnother(form, add, errors)) {
            return outcomePage(programme, null, model);
        }
        form.check(errors);
        if (!errors.hasErrors()) {
            programmes.addOutcome(who, id, form.draft());
            redirect.addFlashAttribute("notice", "programme.notice.outcome-added");
            return "redirect:/programmes/" + id;
        }
        return outcomePage(programme, null, model);
    }

    @GetMapping("/programmes/{id}/outcomes/{outcomeId}")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String outcome(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID outcomeId,
            Model model) {
        Outcome outcome = programmes.outcome(who, id, outcomeId);
        model.addAttribute("outcomeForm", OutcomeForm.of(outcome));
        return outcomePage(programmes.get(who, id), outcome, model);
    }

    @PostMapping("/programmes/{id}/outcomes/{outcomeId}")
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    String changeOutcome(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID outcomeId, @Valid @ModelAttribute("outcomeForm") OutcomeForm form,
            BindingResult errors, @RequestParam(required = false) String add, Model model,
            RedirectAttributes redirect) {
        Outcome outcome = programmes.outcome(who, id, outcomeId);
        Programme programme = programmes.get(who, id);
        if (addAnother(form, add, errors)) {
            return outcomePage(programme, outcome, model);
        }
        form.check(errors);
        if (!errors.hasErrors()) {
            try {
                programmes.changeOutcome(who, id, outcomeId, form.draft());
                redirect.addFlashAttribute("notice", "programme.notice.outcome-saved");
                return "redirect:/programmes/" + id;
            } catch (Programmes.ScaleTooShort e) {
                errors.rejectValue("scaleMax", "programme.error.scale.rated");
            }
        }
        return outcomePage(programme, outcome, model);
    }

    /** "Add another indicator": the form comes back as typed with one more empty row; nothing is saved. */
    private static boolean addAnother(OutcomeForm form, String add, BindingResult errors) {
        if (add == null) {
            return false;
        }
        if (!"indicator".equals(add)) {
            // Only the form's own button sends "add"; anything else is no request a person made.
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "unknown add-another action");
        }
        if (form.indicators().size() >= MAX_INDICATORS) {
            errors.rejectValue("indicators", "programme.error.indicators.too-many");
        } else {
            form.indicators().add(OutcomeForm.blankRow());
        }
        return true;
    }

    private void checkStaff(StaffPrincipal who, ProgrammeForm form, BindingResult errors) {
        if (form.staff().stream().anyMatch(s -> staff.find(who.organisationId(), s).isEmpty())) {
            errors.rejectValue("staff", "programme.error.staff");
        }
    }

    private Map<UUID, String> names(StaffPrincipal who, List<UUID> ids) {
        return staff.displayNames(who.organisationId(), ids);
    }

    private String formPage(StaffPrincipal who, Programme programme, Model model) {
        model.addAttribute("programme", programme);
        model.addAttribute("areas", PhenomenonArea.values());
        model.addAttribute("pathways", Pathway.values());
        model.addAttribute("team", staff.team(who.organisationId()).stream().filter(StaffMember::active)
                .collect(Collectors.toList()));
        return "programme/programme-form";
    }

    private String outcomePage(Programme programme, Outcome outcome, Model model) {
        model.addAttribute("programme", programme);
        model.addAttribute("outcome", outcome);
        model.addAttribute("directions", Direction.values());
        model.addAttribute("frequencies", Frequency.values());
        model.addAttribute("scales", List.of(5, 10));
        return "programme/outcome-form";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
