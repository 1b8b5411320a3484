package org.exitwork.disclosure.internal.share;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.KindTexts;
import org.exitwork.platform.FormSteps;
import org.exitwork.platform.FormSteps.Step;
import org.exitwork.platform.QuestionPage;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A new share one question per page, then "check your answers" (GOV.UK), for the tandem on a phone.
 *
 * <p>This is where "New share" leads; the one-page form ({@code /shares/new}) stays one link away for
 * a laptop. The steps are the default because a share leaves the organisation: the check page shows
 * exactly what the partner will read, under which consent, before anything goes, and a phone shows a
 * question at a time without losing the texts already written. The check page posts every answer to
 * {@link ShareController}'s endpoint, which judges them all again and is the only place a share is
 * made; these pages write nothing and keep nothing (see {@link FormSteps}).
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ShareStepsController {

    static final FormSteps STEPS = FormSteps.of(
            new Step("partner", "partnerId"),
            new Step("purpose", "consentId"),
            new Step("kinds", "kinds"),
            new Step("texts", "texts"),
            new Step("form", "form", "language"));

    private static final String FORM = "shareForm";

    private final Shares shares;

    ShareStepsController(Shares shares) {
        this.shares = shares;
    }

    @GetMapping("/cases/{id}/shares/steps")
    String start(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, HttpServletRequest request,
            Model model) {
        CaseReference ref = shares.requireTandem(who, id);
        ShareController.ShareForm empty = new ShareController.ShareForm(null, null, Set.of(), List.of(), null, null);
        return show(who, ref, STEPS.first(), empty, null, false, request, model);
    }

    /** Judges one step's answer: the same step again with its errors (400), else the next question. */
    @PostMapping("/cases/{id}/shares/steps/{step}")
    @QuestionPage
    String answer(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable String step,
            @Valid @ModelAttribute(FORM) ShareController.ShareForm form, BindingResult bound,
            @RequestParam(name = FormSteps.CHECKING, defaultValue = "false") boolean checking,
            HttpServletRequest request, Model model) {
        CaseReference ref = shares.requireTandem(who, id);
        Step current = STEPS.step(step);
        Supplier<List<Shares.PartnerOption>> options = memo(() -> shares.options(who, ref));
        BindingResult errors = errorsOf(current, form, bound, options);
        if (errors.hasErrors()) {
            return show(who, ref, current, form, errors, checking, request, model);
        }
        if (checking) {
            // Back from "Change": on to the first question a change left open (texts for a new kind), else the check.
            for (Step later : STEPS.after(current)) {
                if (errorsOf(later, form, bound, options).hasErrors()) {
                    return show(who, ref, later, form, null, true, request, model);
                }
            }
            return check(who, ref, form, request, model);
        }
        return STEPS.next(current).map(next -> show(who, ref, next, form, null, false, request, model))
                .orElseGet(() -> check(who, ref, form, request, model));
    }

    /** A step shown again with every answer kept, unjudged: "Back", and "Change" on the check page. */
    @PostMapping("/cases/{id}/shares/steps/{step}/change")
    @QuestionPage
    String change(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable String step,
            @ModelAttribute(FORM) ShareController.ShareForm form, BindingResult bound,
            @RequestParam(name = FormSteps.CHECKING, defaultValue = "false") boolean checking,
            HttpServletRequest request, Model model) {
        CaseReference ref = shares.requireTandem(who, id);
        Step shown = FormSteps.CHECK.equals(step) ? STEPS.first() : STEPS.step(step);
        BindingResult unreadable = STEPS.unreadable(bound, form);
        if (unreadable.hasErrors()) {
            // A carried value the binder could not read (only a hand-made request has one): say so.
            return show(who, ref, shown, form, unreadable, checking, request, model);
        }
        if (FormSteps.CHECK.equals(step)) {
            return check(who, ref, form, request, model);
        }
        return show(who, ref, shown, form, null, checking, request, model);
    }

    private BindingResult errorsOf(Step step, ShareController.ShareForm form, BindingResult bound,
            Supplier<List<Shares.PartnerOption>> options) {
        BindingResult errors = STEPS.only(step, bound, form);
        if (form == null || errors.hasErrors()) {
            return errors;
        }
        if (step.name().equals("purpose")) {
            // A partner changed on the check page leaves the other partner's consent behind: ask again.
            boolean ofThePartner = options.get().stream().filter(o -> o.partner().id().equals(form.partnerId()))
                    .flatMap(o -> o.consents().stream()).anyMatch(c -> c.id().equals(form.consentId()));
            if (!ofThePartner) {
                reject(errors, "consentId", form.consentId(), "shares.steps.purpose.other");
            }
        }
        if (step.name().equals("texts") && form.kinds() != null) {
            for (DataKind kind : form.kinds()) {
                String problem = ShareController.textProblem(form.text(kind));
                if (problem != null) {
                    reject(errors, "texts[" + kind.ordinal() + "]", form.text(kind), problem);
                }
            }
        }
        return errors;
    }

    /** An error on a field by hand: the texts' rows need not exist in the form's list to be named. */
    private static void reject(BindingResult errors, String field, Object value, String code) {
        errors.addError(new FieldError(FORM, field, value, false, new String[] {code}, null, null));
    }

    private String show(StaffPrincipal who, CaseReference ref, Step step, ShareController.ShareForm form,
            BindingResult errors, boolean checking, HttpServletRequest request, Model model) {
        ShareController.ShareForm shown = form;
        if (errors == null && step.name().equals("form") && !STEPS.answered(step, request)) {
            shown = new ShareController.ShareForm(form.partnerId(), form.consentId(), form.kinds(), form.texts(),
                    Shares.Form.PDF, "de".equals(LocaleContextHolder.getLocale().getLanguage()) ? "de" : "en");
        }
        if (shown != null) {
            model.addAttribute(FORM, shown);
        }
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM,
                errors != null ? errors : FormSteps.fresh(shown, FORM));
        model.addAttribute("ref", ref);
        model.addAttribute("step", step.name());
        model.addAttribute("number", STEPS.steps().indexOf(step) + 1);
        model.addAttribute("total", STEPS.steps().size() + 1);
        model.addAttribute("previous", STEPS.previous(step).map(Step::name).orElse(null));
        model.addAttribute("checking", checking);
        model.addAttribute("carried", STEPS.carried(request, step));
        switch (step.name()) {
            case "partner" -> model.addAttribute("options", shares.options(who, ref));
            case "purpose" -> chosenConsent(shares.options(who, ref), shown, model);
            case "kinds" -> {
                chosenConsent(shares.options(who, ref), shown, model);
                model.addAttribute("kinds", DataKind.shareable());
            }
            case "texts" -> {
                model.addAttribute("chosen", chosen(shown));
                model.addAttribute("texts", texts(shown));
                Map<Integer, String> problems = new HashMap<>();
                if (errors != null) {
                    for (FieldError e : errors.getFieldErrors("texts*")) {
                        String field = e.getField();
                        if (field.startsWith("texts[")) {
                            problems.put(Integer.valueOf(field.substring(6, field.length() - 1)), e.getCode());
                        }
                    }
                }
                model.addAttribute("textErrors", problems);
            }
            case "form" -> model.addAttribute("forms", Shares.Form.values());
            default -> {
            }
        }
        return "shares/steps";
    }

    private String check(StaffPrincipal who, CaseReference ref, ShareController.ShareForm form,
            HttpServletRequest request, Model model) {
        model.addAttribute(FORM, form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, FormSteps.fresh(form, FORM));
        model.addAttribute("ref", ref);
        model.addAttribute("step", FormSteps.CHECK);
        model.addAttribute("number", STEPS.steps().size() + 1);
        model.addAttribute("total", STEPS.steps().size() + 1);
        model.addAttribute("previous", STEPS.steps().get(STEPS.steps().size() - 1).name());
        model.addAttribute("checking", true);
        model.addAttribute("carried", STEPS.carried(request));
        chosenConsent(shares.options(who, ref), form, model);
        model.addAttribute("chosen", chosen(form));
        model.addAttribute("texts", texts(form));
        model.addAttribute("chosenForm", form == null ? null : form.form());
        model.addAttribute("chosenLanguage", form == null ? null : form.language());
        return "shares/steps";
    }

    /** Asks once, when first needed: reading the options is audited. */
    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** The partner chosen (with its consents valid today) and the consent chosen, where they are still valid. */
    private static void chosenConsent(List<Shares.PartnerOption> options, ShareController.ShareForm form, Model model) {
        UUID partnerId = form == null ? null : form.partnerId();
        UUID consentId = form == null ? null : form.consentId();
        Shares.PartnerOption option = options.stream().filter(o -> o.partner().id().equals(partnerId)).findFirst()
                .orElse(null);
        model.addAttribute("partnerOption", option);
        model.addAttribute("consent", option == null ? null
                : option.consents().stream().filter(c -> c.id().equals(consentId)).findFirst().orElse(null));
    }

    /** The texts as written, by the kind's ordinal ("" where none). */
    private static List<String> texts(ShareController.ShareForm form) {
        return KindTexts.asWritten(form == null ? null : form.texts());
    }

    /** The kinds ticked, in the order the form offers them. */
    private static List<DataKind> chosen(ShareController.ShareForm form) {
        Set<DataKind> ticked = form == null || form.kinds() == null ? Set.of() : form.kinds();
        return DataKind.shareable().stream().filter(ticked::contains).toList();
    }
}
