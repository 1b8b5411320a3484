package org.exitwork.programme.internal.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.programme.Breakdown;
import org.exitwork.programme.FunderReports.Agreement;
import org.exitwork.programme.Measure;
import org.exitwork.programme.internal.design.Design.Programme;
import org.exitwork.programme.internal.design.Programmes;
import org.springframework.format.annotation.DateTimeFormat;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Reporting agreements in the browser: the programme's agreements, one form to make or change one
 * (a change saves a new version), and the organisation's threshold. The form offers only the fixed
 * catalogue; a breakdown it does not offer is refused with its reason, whoever sends it.
 */
@Controller
@PreAuthorize("hasAnyRole('MANAGER', 'DATA_PROTECTION_OFFICER')")
class ReportingAgreementController {

    static final List<Integer> PERIODS = List.of(3, 6, 12);
    static final List<String> LANGUAGES = List.of("en", "de");

    record AgreementForm(UUID funder, List<String> measures, List<String> breakdowns, Integer periodMonths,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate firstPeriodStart, String language,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate agreedOn, @Size(max = 200) String reference,
            Integer version) {

        AgreementForm {
            measures = measures == null ? List.of() : measures.stream().filter(Objects::nonNull).toList();
            breakdowns = breakdowns == null ? List.of() : breakdowns.stream().filter(Objects::nonNull).toList();
        }

        static AgreementForm empty(LocalDate today) {
            return new AgreementForm(null, List.of(), List.of(), 12, today.withDayOfYear(1), "de", today, "", null);
        }

        static AgreementForm of(Agreement a) {
            return new AgreementForm(a.funderId(), a.measures().stream().map(Enum::name).toList(),
                    a.breakdowns().stream().map(Enum::name).toList(), a.periodMonths(), a.firstPeriodStart(),
                    a.language(), a.agreedOn(), a.reference(), a.version());
        }

        /** What Bean Validation cannot say; each error names the field and what to do. */
        void check(BindingResult errors, LocalDate today) {
            if (funder == null && !errors.hasFieldErrors("funder")) {
                errors.rejectValue("funder", "funder.error.funder");
            }
            if (measures.isEmpty()) {
                errors.rejectValue("measures", "funder.error.measures");
            } else if (measures.stream().anyMatch(m -> parse(Measure.class, m) == null)) {
                errors.rejectValue("measures", "funder.error.measures.unknown");
            }
            for (String b : breakdowns) {
                if (parse(Breakdown.class, b) != null) {
                    continue;
                }
                Breakdown.refused(b).ifPresentOrElse(
                        why -> errors.rejectValue("breakdowns", why.messageKey()),
                        () -> errors.rejectValue("breakdowns", "funder.error.breakdowns.unknown"));
                break;
            }
            if (periodMonths == null || !PERIODS.contains(periodMonths)) {
                if (!errors.hasFieldErrors("periodMonths")) {
                    errors.rejectValue("periodMonths", "funder.error.period");
                }
            }
            if (firstPeriodStart == null) {
                if (!errors.hasFieldErrors("firstPeriodStart")) {
                    errors.rejectValue("firstPeriodStart", "funder.error.first-period");
                }
            } else if (firstPeriodStart.getDayOfMonth() != 1 || firstPeriodStart.getYear() < 2000
                    || firstPeriodStart.getYear() > 2100) {
                errors.rejectValue("firstPeriodStart", "funder.error.first-period.day");
            }
            if (language == null || !LANGUAGES.contains(language)) {
                errors.rejectValue("language", "funder.error.language");
            }
            if (agreedOn == null) {
                if (!errors.hasFieldErrors("agreedOn")) {
                    errors.rejectValue("agreedOn", "funder.error.agreed-on");
                }
            } else if (agreedOn.isAfter(today) || agreedOn.getYear() < 2000) {
                errors.rejectValue("agreedOn", "funder.error.agreed-on.future");
            }
        }

        ReportingAgreements.Terms terms() {
            return new ReportingAgreements.Terms(funder, measures.stream().map(m -> parse(Measure.class, m)).toList(),
                    breakdowns.stream().map(b -> parse(Breakdown.class, b)).toList(), periodMonths, firstPeriodStart,
                    language, agreedOn, reference == null ? "" : reference.strip());
        }
    }

    record ThresholdForm(@NotNull Integer threshold) {
    }

    private final ReportingAgreements agreements;
    private final Programmes programmes;
    private final PartnerDirectory partners;
    private final Clock clock;

    ReportingAgreementController(ReportingAgreements agreements, Programmes programmes, PartnerDirectory partners, Clock clock) {
        this.agreements = agreements;
        this.programmes = programmes;
        this.partners = partners;
        this.clock = clock;
    }

    @GetMapping("/programmes/{id}/agreements")
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("programme", programmes.get(who, id));
        model.addAttribute("agreements", agreements.ofProgramme(who, id));
        model.addAttribute("funderNames", partnerNames(who));
        model.addAttribute("threshold", agreements.threshold(who.organisationId()));
        model.addAttribute("canWrite", who.is(Role.MANAGER));
        return "programme/agreements";
    }

    @GetMapping("/programmes/{id}/agreements/new")
    @PreAuthorize("hasRole('MANAGER')")
    String newAgreement(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("agreementForm", AgreementForm.empty(LocalDate.now(clock)));
        return formPage(who, programmes.get(who, id), null, model);
    }

    @PostMapping("/programmes/{id}/agreements")
    @PreAuthorize("hasRole('MANAGER')")
    String make(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("agreementForm") AgreementForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        Programme programme = programmes.get(who, id);
        if (form.version() != null) {
            // A new agreement has no version yet; only the change form sends one.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a new agreement has no version");
        }
        form.check(errors, LocalDate.now(clock));
        if (!errors.hasErrors()) {
            try {
                UUID agreementId = agreements.make(who, id, form.terms());
                redirect.addFlashAttribute("notice", "funder.notice.agreement-made");
                return "redirect:/programmes/" + id + "/agreements/" + agreementId;
            } catch (ReportingAgreements.NotAFunder e) {
                rejectFunder(errors, e);
            }
        }
        return formPage(who, programme, null, model);
    }

    @GetMapping("/programmes/{id}/agreements/{agreementId}")
    String agreement(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID agreementId, Model model) {
        model.addAttribute("programme", programmes.get(who, id));
        model.addAttribute("versions", agreements.versions(who, id, agreementId));
        model.addAttribute("agreement", agreements.get(who, id, agreementId));
        model.addAttribute("funderNames", partnerNames(who));
        model.addAttribute("canWrite", who.is(Role.MANAGER));
        return "programme/agreement";
    }

    @GetMapping("/programmes/{id}/agreements/{agreementId}/edit")
    @PreAuthorize("hasRole('MANAGER')")
    String edit(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID agreementId,
            Model model) {
        Agreement agreement = agreements.get(who, id, agreementId);
        model.addAttribute("agreementForm", AgreementForm.of(agreement));
        return formPage(who, programmes.get(who, id), agreement, model);
    }

    @PostMapping("/programmes/{id}/agreements/{agreementId}")
    @PreAuthorize("hasRole('MANAGER')")
    String change(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID agreementId,
            @Valid @ModelAttribute("agreementForm") AgreementForm form, BindingResult errors, Model model,
            RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        Agreement agreement = agreements.get(who, id, agreementId);
        Programme programme = programmes.get(who, id);
        form.check(errors, LocalDate.now(clock));
        if (form.version() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no version");
        }
        if (form.funder() != null && !form.funder().equals(agreement.funderId())) {
            errors.rejectValue("funder", "funder.error.funder.stays");
        }
        if (!errors.hasErrors()) {
            try {
                agreements.change(who, id, agreementId, form.version(), form.terms());
                redirect.addFlashAttribute("notice", "funder.notice.agreement-changed");
                return "redirect:/programmes/" + id + "/agreements/" + agreementId;
            } catch (ReportingAgreements.NotAFunder e) {
                rejectFunder(errors, e);
            } catch (ReportingAgreements.ChangedMeanwhile e) {
                // The form comes back as typed, over the version saved meanwhile.
                errors.reject("funder.error.changed-meanwhile");
                response.setStatus(HttpStatus.CONFLICT.value());
            }
        }
        return formPage(who, programme, agreement, model);
    }

    @PostMapping("/programmes/{id}/threshold")
    @PreAuthorize("hasRole('MANAGER')")
    String threshold(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @Valid ThresholdForm form,
            BindingResult errors, RedirectAttributes redirect) {
        programmes.get(who, id);
        if (errors.hasErrors() || form.threshold() < DisclosureControl.MINIMUM
                || form.threshold() > DisclosureControl.MAXIMUM) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "threshold out of range");
        }
        agreements.setThreshold(who, form.threshold());
        redirect.addFlashAttribute("notice", "funder.notice.threshold");
        return "redirect:/programmes/" + id + "/agreements";
    }

    private static void rejectFunder(BindingResult errors, ReportingAgreements.NotAFunder e) {
        if (e.reason().isEmpty()) {
            errors.rejectValue("funder", "funder.error.funder");
        } else {
            errors.rejectValue("funder", "funder.error.not-a-funder", new Object[] {
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                        "outbound.refusal." + e.reason().get().name()) }, null);
        }
    }

    private Map<UUID, String> partnerNames(StaffPrincipal who) {
        return partners.partners(who.organisationId()).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name, (a, b) -> a));
    }

    private String formPage(StaffPrincipal who, Programme programme, Agreement agreement, Model model) {
        model.addAttribute("programme", programme);
        model.addAttribute("agreement", agreement);
        List<Partner> funders = new ArrayList<>(agreements.funders(who.organisationId()));
        if (agreement != null) {
            funders.removeIf(p -> !p.id().equals(agreement.funderId()));
        }
        model.addAttribute("funders", funders);
        model.addAttribute("measures", Measure.values());
        model.addAttribute("breakdowns", List.of(Breakdown.PHENOMENON_AREA));
        model.addAttribute("periods", PERIODS);
        model.addAttribute("languages", LANGUAGES);
        return "programme/agreement-form";
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
