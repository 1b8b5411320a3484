package org.exitwork.cases.internal.context;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.NotFoundException;
import org.springframework.dao.ConcurrencyFailureException;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Context persons and institutions of a case (R12), on one page. */
@Controller
@RequestMapping("/cases/{id}/context")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ContextController {

    /** {@code version}: for a change, the entry's version the form showed (a new entry has none). */
    record PersonForm(@NotNull ContextRelation relation, @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String note, @Min(0) Integer version) {

        PersonForm basedOn(int current) {
            return new PersonForm(relation, name, note, current);
        }
    }

    record InstitutionForm(@NotNull InstitutionKind kind, @NotBlank @Size(max = 200) String institutionName,
            @NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since) {
    }

    private final ContextService context;
    private final Clock clock;

    ContextController(ContextService context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /** {@code edit}: the context person whose form is open for changes. */
    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam(required = false) UUID edit, Model model) {
        return show(who, id, edit, model);
    }

    @PostMapping("/persons")
    String addPerson(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("personForm") PersonForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        context.requireWritable(who, id, "add context person");
        if (errors.hasErrors()) {
            return show(who, id, null, model);
        }
        context.addPerson(who, id, new ContextService.PersonDraft(form.relation(), form.name(), form.note()));
        redirect.addFlashAttribute("notice", "context.notice.person-added");
        return "redirect:/cases/" + id + "/context#persons";
    }

    private boolean changed(StaffPrincipal who, UUID id, UUID personId, PersonForm form) {
        try {
            return context.changePerson(who, id, personId, form.version(),
                    new ContextService.PersonDraft(form.relation(), form.name(), form.note()));
        } catch (ConcurrencyFailureException race) {
            return false;
        }
    }

    @PostMapping("/persons/{personId}")
    String changePerson(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID personId, @Valid @ModelAttribute("editForm") PersonForm form, BindingResult errors,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        context.requireWritable(who, id, "change context person");
        if (form.version() == null && !errors.hasFieldErrors("version")) {
            errors.rejectValue("version", "NotNull");
        }
        if (errors.hasErrors()) {
            return show(who, id, personId, model);
        }
        if (!changed(who, id, personId, form)) {
            // The other person's entry stays and is shown above the form; the form keeps what this person
            // wrote, based on that version, so they can compare and save again on purpose.
            model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "editForm");
            model.addAttribute("problem", "context.error.changed-meanwhile");
            String page = show(who, id, personId, model);
            ContextService.ContextPerson now = ((ContextService.ContextPage) model.getAttribute("page")).persons()
                    .stream().filter(p -> p.id().equals(personId)).findFirst().orElseThrow(NotFoundException::new);
            model.addAttribute("current", now);
            model.addAttribute("editForm", form.basedOn(now.version()));
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page;
        }
        redirect.addFlashAttribute("notice", "context.notice.person-changed");
        return "redirect:/cases/" + id + "/context#persons";
    }

    @PostMapping("/persons/{personId}/remove")
    String removePerson(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID personId, RedirectAttributes redirect) {
        context.removePerson(who, id, personId);
        redirect.addFlashAttribute("notice", "context.notice.person-removed");
        return "redirect:/cases/" + id + "/context#persons";
    }

    @PostMapping("/institutions")
    String recordInstitution(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("institutionForm") InstitutionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        context.requireWritable(who, id, "record institution");
        if (!errors.hasErrors()) {
            try {
                context.recordInstitution(who, id, form.kind(), form.institutionName(), form.since());
                redirect.addFlashAttribute("notice", "context.notice.institution-recorded");
                return "redirect:/cases/" + id + "/context#institutions";
            } catch (ContextService.MoveBeforeCurrentStayException e) {
                errors.rejectValue("since", "institution.since.before-current");
            }
        }
        return show(who, id, null, model);
    }

    private String show(StaffPrincipal who, UUID id, UUID edit, Model model) {
        ContextService.ContextPage page = context.page(who, id);
        model.addAttribute("page", page);
        model.addAttribute("caseId", page.caseId());
        model.addAttribute("pseudonym", page.pseudonym());
        Map<ContextRelation.Circle, List<ContextRelation>> relations = new EnumMap<>(ContextRelation.Circle.class);
        for (ContextRelation.Circle circle : ContextRelation.Circle.values()) {
            relations.put(circle, ContextRelation.in(circle));
        }
        model.addAttribute("relations", relations);
        model.addAttribute("kinds", InstitutionKind.values());
        if (!model.containsAttribute("personForm")) {
            model.addAttribute("personForm", new PersonForm(null, "", "", null));
        }
        if (!model.containsAttribute("institutionForm")) {
            model.addAttribute("institutionForm", new InstitutionForm(null, "", LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault())));
        }
        if (edit != null && page.writable()) {
            ContextService.ContextPerson person = page.persons().stream().filter(p -> p.id().equals(edit)).findFirst()
                    .orElseThrow(NotFoundException::new);
            model.addAttribute("editing", edit);
            if (!model.containsAttribute("editForm")) {
                model.addAttribute("editForm", new PersonForm(person.relation(), person.name(), person.note(),
                        person.version()));
            }
        }
        return "cases/context";
    }
}
