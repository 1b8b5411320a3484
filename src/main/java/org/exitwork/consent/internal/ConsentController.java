package org.exitwork.consent.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.consent.DataKind;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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

/**
 * Consents to share (R9): the tandem records and revokes, the tandem and colleagues who broke the
 * glass read. The form offers only partners the outbound policy lets receive a share or take part in
 * a case conference (active social services); whatever is posted, the service refuses any other and
 * says why.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ConsentController {

    static final int PURPOSE_MAX = 500;

    record ConsentForm(@NotNull UUID partnerId, @NotBlank @Size(max = PURPOSE_MAX) String purpose,
            @NotEmpty Set<DataKind> kinds,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validUntil,
            @NotNull ClientInformed informedHow) {

        Consents.NewConsent consent() {
            return new Consents.NewConsent(partnerId, purpose, kinds, validFrom, validUntil, informedHow);
        }
    }

    record RevokeForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate revokedOn) {
    }

    private final Consents consents;
    private final Clock clock;

    ConsentController(Consents consents, Clock clock) {
        this.consents = consents;
        this.clock = clock;
    }

    @GetMapping("/cases/{id}/consents")
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", consents.read(who, id));
        return "consent/list";
    }

    @GetMapping("/cases/{id}/consents/new")
    String form(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("ref", consents.requireWritable(who, id));
        model.addAttribute("partners", consents.offerable(who));
        model.addAttribute("kinds", DataKind.values());
        model.addAttribute("informed", ClientInformed.values());
        if (!model.containsAttribute("consentForm")) {
            LocalDate today = LocalDate.now(clock);
            model.addAttribute("consentForm", new ConsentForm(null, "", Set.of(), today, today.plusYears(1), null));
        }
        return "consent/new";
    }

    @PostMapping("/cases/{id}/consents")
    String record(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("consentForm") ConsentForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        consents.requireWritable(who, id);
        if (form.validFrom() != null && form.validUntil() != null && !form.validUntil().isAfter(form.validFrom())
                && !errors.hasFieldErrors("validUntil")) {
            errors.rejectValue("validUntil", "consents.until-after-from");
        }
        if (errors.hasErrors()) {
            return form(who, id, model);
        }
        try {
            consents.record(who, id, form.consent());
        } catch (PartnerNotAllowedException refused) {
            if (refused.refusal.isPresent()) {
                errors.rejectValue("partnerId", "consents.partner.refused", new Object[] {
                        new DefaultMessageSourceResolvable("outbound.refusal." + refused.refusal.get().name())}, null);
            } else {
                errors.rejectValue("partnerId", "consents.partner.not-allowed");
            }
            return form(who, id, model);
        }
        redirect.addFlashAttribute("notice", "consents.notice.recorded");
        return "redirect:/cases/" + id + "/consents";
    }

    @GetMapping("/cases/{id}/consents/{consentId}/revoke")
    String revokeForm(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID consentId,
            Model model) {
        model.addAttribute("consent", consents.readOne(who, id, consentId));
        model.addAttribute("caseId", id);
        if (!model.containsAttribute("revokeForm")) {
            model.addAttribute("revokeForm", new RevokeForm(LocalDate.now(clock)));
        }
        return "consent/revoke";
    }

    @PostMapping("/cases/{id}/consents/{consentId}/revoke")
    String revoke(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID consentId,
            @Valid @ModelAttribute("revokeForm") RevokeForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        consents.requireWritable(who, id);
        if (form.revokedOn() != null && form.revokedOn().isAfter(LocalDate.now(clock))) {
            errors.rejectValue("revokedOn", "consents.revoked-on.future");
        }
        if (errors.hasErrors()) {
            return revokeForm(who, id, consentId, model);
        }
        if (!consents.revoke(who, id, consentId, form.revokedOn())) {
            errors.reject("consents.revoke.already");
            return revokeForm(who, id, consentId, model);
        }
        redirect.addFlashAttribute("notice", "consents.notice.revoked");
        return "redirect:/cases/" + id + "/consents";
    }

}
