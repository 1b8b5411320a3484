package org.exitwork.disclosure.internal.servicerequest;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.KindTexts;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.network.Need;
import org.exitwork.platform.PublicAddress;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Service requests (R11): the tandem asks a partner for a service for a need, cancels an open request,
 * prints what went out and notes a follow-up; the tandem and colleagues who broke the glass see the
 * list. The form offers only partners that may receive requests and list services, and the client's
 * consents that allow one; the service decides whatever is posted.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ServiceRequestController {

    /**
     * The request form. {@code texts} has one entry per {@link DataKind}, by its ordinal; the kinds
     * with a text are the ones that go out, and at least one must.
     */
    record RequestForm(@NotNull UUID partnerId, @NotNull UUID consentId, @NotNull Need need, List<String> texts,
            @NotNull @Pattern(regexp = "en|de") String language) {

        Map<DataKind, String> written() {
            Map<DataKind, String> chosen = new EnumMap<>(DataKind.class);
            for (DataKind kind : DataKind.shareable()) {
                String text = text(kind);
                if (text != null && !text.isBlank()) {
                    chosen.put(kind, text);
                }
            }
            return chosen;
        }

        String text(DataKind kind) {
            return KindTexts.of(texts, kind);
        }
    }

    private final ServiceRequests requests;
    private final PublicAddress address;

    ServiceRequestController(ServiceRequests requests, PublicAddress address) {
        this.requests = requests;
        this.address = address;
    }

    @GetMapping("/cases/{id}/service-requests")
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", requests.read(who, id));
        return "disclosure/service-requests";
    }

    @GetMapping("/cases/{id}/service-requests/new")
    String form(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        CaseReference ref = requests.requireTandem(who, id);
        model.addAttribute("ref", ref);
        model.addAttribute("options", requests.options(who, ref));
        model.addAttribute("needs", Need.values());
        model.addAttribute("kinds", DataKind.shareable());
        if (!model.containsAttribute("requestForm")) {
            model.addAttribute("requestForm", new RequestForm(null, null, null, List.of(),
                    "de".equals(LocaleContextHolder.getLocale().getLanguage()) ? "de" : "en"));
        }
        model.addAttribute("texts", KindTexts.asWritten(model.getAttribute("requestForm") instanceof RequestForm f
                ? f.texts() : null));
        return "disclosure/service-request-new";
    }

    @PostMapping("/cases/{id}/service-requests")
    String request(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("requestForm") RequestForm form, BindingResult errors, Model model,
            HttpServletResponse response) {
        requests.requireTandem(who, id);
        if (KindTexts.tooMany(form.texts())) {
            errors.reject("servicerequests.malformed");
        } else if (KindTexts.anyLongerThan(form.texts(), ServiceRequests.TEXT_MAX)) {
            errors.rejectValue("texts", "servicerequests.text.too-long");
        } else if (form.written().isEmpty()) {
            errors.rejectValue("texts", "servicerequests.text.missing");
        }
        if (errors.hasErrors()) {
            return form(who, id, model);
        }
        ServiceRequests.Granted granted;
        try {
            granted = requests.request(who, id, new ServiceRequests.NewRequest(form.partnerId(), form.consentId(),
                    form.need(), form.written(), Locale.forLanguageTag(form.language())));
        } catch (Refused refused) {
            errors.reject(refused.messageKey(), refused.messageArguments(), null);
            String page = form(who, id, model);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page;
        }
        model.addAttribute("ref", requests.requireTandem(who, id));
        model.addAttribute("granted", granted);
        // The public address, never the request's Host and scheme (see ShareController).
        model.addAttribute("link", address.origin() + "/service-request/" + granted.token());
        return "disclosure/service-request-created";
    }

    @PostMapping("/cases/{id}/service-requests/{requestId}/cancel")
    String cancel(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID requestId,
            @RequestParam int version, RedirectAttributes redirect) {
        if (version < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        if (!requests.cancel(who, id, requestId, version)) {
            // Ended or changed meanwhile: nothing was changed, and the list shows where it stands now.
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notice", "servicerequests.notice.cancelled");
        return "redirect:/cases/" + id + "/service-requests";
    }

    @PostMapping("/cases/{id}/service-requests/{requestId}/follow-up")
    String followUp(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID requestId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate followUpOn,
            RedirectAttributes redirect) {
        requests.followUp(who, id, requestId, followUpOn);
        redirect.addFlashAttribute("notice", "servicerequests.notice.follow-up");
        return "redirect:/cases/" + id + "/service-requests";
    }

    @GetMapping("/cases/{id}/service-requests/{requestId}/document")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID requestId) {
        return requests.download(who, id, requestId).answer();
    }

    @GetMapping("/cases/{id}/consents/{consentId}/fhir")
    ResponseEntity<byte[]> consentFhir(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID consentId) {
        try {
            return requests.exportConsentFhir(who, id, consentId).answer();
        } catch (Refused refused) {
            // The refusal is audited; the partner may receive nothing under this consent any more.
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
    }

    @GetMapping("/cases/{id}/service-requests/{requestId}/fhir")
    ResponseEntity<byte[]> fhir(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID requestId) {
        try {
            return requests.exportFhir(who, id, requestId).answer();
        } catch (Refused refused) {
            // The refusal is audited; the consent or the partner no longer allows it.
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
    }
}
