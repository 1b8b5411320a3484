package org.exitwork.cases.internal.intake;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.programmes.CaseProgrammeService;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The intake pages: a new prospect, contacts, the safety discussion, consent and taking on (R1, R2). */
@Controller
@RequestMapping("/cases")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class IntakeController {

    private static final java.util.Set<String> TEXT_REFUSALS = java.util.Set.of("intake.refused.unknown-text",
            "intake.refused.text-language", "intake.refused.outdated-text");

    record ProspectForm(@NotNull Pathway pathway, @NotEmpty Set<PhenomenonArea> areas, Boolean contextCase) {

        /** An unticked checkbox sends nothing: absent means no. */
        boolean isContextCase() {
            return Boolean.TRUE.equals(contextCase);
        }
    }

    record ContactForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate contactedOn,
            @NotNull ContactKind kind, Boolean reached, @Size(max = 2000) String note) {
    }

    record DescriptionForm(@NotEmpty Set<PhenomenonArea> areas, Boolean contextCase,
            @Size(max = 500) String personAtRisk) {

        boolean isContextCase() {
            return Boolean.TRUE.equals(contextCase);
        }
    }

    record DiscussionForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @NotBlank @Size(max = 4000) String risks, Set<UUID> participants) {
    }

    record TakeOnForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate givenOn,
            @NotNull InformedHow informedHow, @NotNull UUID informationText,
            @NotNull @Pattern(regexp = "en|de") String language,
            @NotBlank @Size(max = 200) String fullName,
            @Past @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateOfBirth,
            @Size(max = 500) String contact, @Size(max = 500) String aliases,
            UUID secondPractitioner, @Size(max = 1000) String singlePractitionerReason, UUID programme) {
    }

    record TextForm(@NotBlank @Size(max = 200) String titleEn, @NotBlank @Size(max = 20000) String bodyEn,
            @NotBlank @Size(max = 200) String titleDe, @NotBlank @Size(max = 20000) String bodyDe) {
    }

    private final IntakeService intake;
    private final TakeOn takeOn;
    private final InformationTexts texts;
    private final StaffDirectory staff;
    private final CaseProgrammeService programmes;

    IntakeController(IntakeService intake, TakeOn takeOn, InformationTexts texts, StaffDirectory staff,
            CaseProgrammeService programmes) {
        this.programmes = programmes;
        this.takeOn = takeOn;
        this.texts = texts;
        this.intake = intake;
        this.staff = staff;
    }

    // A new prospect.

    @GetMapping("/new")
    @PreAuthorize("hasRole('PRACTITIONER')")
    String newProspect(Model model) {
        model.addAttribute("form", new ProspectForm(null, EnumSet.noneOf(PhenomenonArea.class), false));
        return prospectPage(model);
    }

    @PostMapping
    @PreAuthorize("hasRole('PRACTITIONER')")
    String openProspect(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") ProspectForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return prospectPage(model);
        }
        RegisteredClient prospect = intake.openProspect(who,
                new NewProspect(form.pathway(), form.areas(), form.isContextCase()));
        redirect.addFlashAttribute("notice", "intake.notice.prospect-opened");
        return "redirect:/cases/" + prospect.id() + "/intake";
    }

    private String prospectPage(Model model) {
        model.addAttribute("pathways", Pathway.values());
        model.addAttribute("areas", PhenomenonArea.values());
        return "cases/prospect-new";
    }

    // The intake record.

    @GetMapping("/{id}/intake")
    String intakePage(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        IntakeService.IntakeView view = intake.view(who, id);
        model.addAttribute("view", view);
        if (!model.containsAttribute("contactForm")) {
            model.addAttribute("contactForm", new ContactForm(null, null, false, ""));
        }
        if (!model.containsAttribute("descriptionForm")) {
            model.addAttribute("descriptionForm", new DescriptionForm(view.areas(), view.contextCase(),
                    view.personAtRisk()));
        }
        model.addAttribute("kinds", ContactKind.values());
        model.addAttribute("areas", PhenomenonArea.values());
        return "cases/intake";
    }

    @PostMapping("/{id}/contacts")
    String recordContact(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("contactForm") ContactForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return intakePage(who, id, model);
        }
        intake.recordContact(who, id, form.contactedOn(), form.kind(), Boolean.TRUE.equals(form.reached()), form.note());
        redirect.addFlashAttribute("notice", "intake.notice.contact-recorded");
        return "redirect:/cases/" + id + "/intake#contacts";
    }

    @PostMapping("/{id}/description")
    String describe(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("descriptionForm") DescriptionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return intakePage(who, id, model);
        }
        intake.describe(who, id, form.areas(), form.isContextCase(), form.personAtRisk());
        redirect.addFlashAttribute("notice", "intake.notice.described");
        return "redirect:/cases/" + id + "/intake";
    }

    // The manager's safety discussion.

    @GetMapping("/{id}/safety-discussion")
    @PreAuthorize("hasRole('MANAGER')")
    String discussionPage(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new DiscussionForm(null, "", Set.of()));
        }
        model.addAttribute("ref", intake.forSafetyDiscussion(who, id));
        model.addAttribute("colleagues", staff.practitioners(who.organisationId()));
        return "cases/safety-discussion";
    }

    @PostMapping("/{id}/safety-discussion")
    @PreAuthorize("hasRole('MANAGER')")
    String recordDiscussion(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("form") DiscussionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return discussionPage(who, id, model);
        }
        try {
            intake.recordSafetyDiscussion(who, id, new SafetyDiscussion(form.heldOn(), form.risks(),
                    form.participants() == null ? Set.of() : form.participants()));
        } catch (IllegalArgumentException e) {
            errors.rejectValue("participants", "safety-discussion.participants.invalid");
            return discussionPage(who, id, model);
        }
        redirect.addFlashAttribute("notice", "intake.notice.discussion-recorded");
        return "redirect:/manage/overview";
    }

    // Consent to participate: the prospect becomes a client.

    @GetMapping("/{id}/take-on")
    @PreAuthorize("hasRole('PRACTITIONER')")
    String takeOnPage(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        IntakeService.IntakeView view = intake.view(who, id);
        if (!model.containsAttribute("form")) {
            String language = "de".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale()
                    .getLanguage()) ? "de" : "en";
            model.addAttribute("form", new TakeOnForm(null, null, null, language, "", null, "", "", null, "", null));
        }
        model.addAttribute("view", view);
        model.addAttribute("ways", InformedHow.values());
        model.addAttribute("texts", texts.offeredTexts(who));
        model.addAttribute("colleagues", staff.practitioners(who.organisationId()).stream()
                .filter(p -> !p.id().equals(who.id())).toList());
        model.addAttribute("programmes", programmes.choices(who.organisationId()));
        return "cases/take-on";
    }

    @PostMapping("/{id}/take-on")
    @PreAuthorize("hasRole('PRACTITIONER')")
    String takeOn(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("form") TakeOnForm form, BindingResult errors, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (form.programme() != null && programmes.choices(who.organisationId()).stream()
                .noneMatch(p -> p.id().equals(form.programme()))) {
            errors.rejectValue("programme", "case.programme.error.unknown");
        }
        if (errors.hasErrors()) {
            return takeOnPage(who, id, model);
        }
        try {
            takeOn.takeOn(who, id, new ParticipationConsent(form.givenOn(), form.informedHow(), form.informationText(),
                    form.language()),
                    new ClientIdentity(form.fullName().strip(), form.dateOfBirth(), form.contact(), form.aliases()),
                    new Tandem(form.secondPractitioner(), form.singlePractitionerReason()));
        } catch (IntakeService.IntakeRefused refused) {
            if (TEXT_REFUSALS.contains(refused.messageKey)) {
                // About the information text chosen: the message belongs at that field.
                errors.rejectValue("informationText", refused.messageKey);
            } else {
                errors.reject(refused.messageKey);
            }
            String page = takeOnPage(who, id, model);
            response.setStatus(refused.messageKey.equals("intake.refused.no-safety-discussion")
                    ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
            return page;
        }
        if (form.programme() != null) {
            programmes.assign(who, id, form.programme());
        }
        redirect.addFlashAttribute("notice", "intake.notice.taken-on");
        return "redirect:/cases/" + id;
    }

    // Information texts: printable for the person; managers publish new versions.

    @GetMapping("/information-texts")
    String texts(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("versions", texts.informationTexts(who));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TextForm("", "", "", ""));
        }
        return "cases/information-texts";
    }

    @GetMapping("/information-texts/{textId}")
    String text(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID textId, Model model) {
        model.addAttribute("text", texts.informationText(who, textId));
        return "cases/information-text";
    }

    @PostMapping("/information-texts")
    @PreAuthorize("hasRole('MANAGER')")
    String publish(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") TextForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return texts(who, model);
        }
        texts.publishInformationText(who, form.titleEn(), form.bodyEn(), form.titleDe(), form.bodyDe());
        redirect.addFlashAttribute("notice", "intake.notice.text-published");
        return "redirect:/cases/information-texts";
    }
}
