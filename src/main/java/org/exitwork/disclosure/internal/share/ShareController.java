package org.exitwork.disclosure.internal.share;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.consent.DataKind;
import org.exitwork.disclosure.internal.KindTexts;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.platform.PublicAddress;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Shares with social services (R9): the tandem shares and withdraws links; the tandem and colleagues
 * who broke the glass see the list. The form offers only partners that may receive shares and the
 * purposes of the client's valid consents; the service decides whatever is posted.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ShareController {

    /**
     * The share form. {@code texts} has one entry per {@link DataKind}, by its ordinal; only the
     * texts of the kinds ticked go out.
     */
    record ShareForm(@NotNull UUID partnerId, @NotNull UUID consentId, @NotEmpty Set<DataKind> kinds,
            List<String> texts, @NotNull Shares.Form form, @NotNull @Pattern(regexp = "en|de") String language) {

        Map<DataKind, String> chosenTexts() {
            Map<DataKind, String> chosen = new EnumMap<>(DataKind.class);
            for (DataKind kind : kinds) {
                chosen.put(kind, text(kind));
            }
            return chosen;
        }

        String text(DataKind kind) {
            return KindTexts.of(texts, kind);
        }
    }

    private final Shares shares;
    private final PublicAddress address;

    ShareController(Shares shares, PublicAddress address) {
        this.shares = shares;
        this.address = address;
    }

    @GetMapping("/cases/{id}/shares")
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", shares.read(who, id));
        return "shares/list";
    }

    @GetMapping("/cases/{id}/shares/new")
    String form(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        CaseReference ref = shares.requireTandem(who, id);
        model.addAttribute("ref", ref);
        model.addAttribute("options", shares.options(who, ref));
        model.addAttribute("kinds", DataKind.shareable());
        model.addAttribute("forms", Shares.Form.values());
        if (!model.containsAttribute("shareForm")) {
            model.addAttribute("shareForm", new ShareForm(null, null, Set.of(), List.of(), Shares.Form.PDF,
                    "de".equals(LocaleContextHolder.getLocale().getLanguage()) ? "de" : "en"));
        }
        // The texts as written, by kind (the form object is null when binding it failed).
        model.addAttribute("texts", KindTexts.asWritten(model.getAttribute("shareForm") instanceof ShareForm f
                ? f.texts() : null));
        return "shares/new";
    }

    @PostMapping("/cases/{id}/shares")
    String share(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("shareForm") ShareForm form, BindingResult errors, Model model,
            HttpServletResponse response) {
        shares.requireTandem(who, id);
        if (KindTexts.tooMany(form.texts())) {
            errors.reject("shares.malformed");
        }
        // Texts of kinds not ticked do not go out, but are refused all the same when oversized: nobody writes those.
        if (KindTexts.anyLongerThan(form.texts(), Shares.TEXT_MAX)) {
            errors.rejectValue("kinds", "shares.text.too-long");
        }
        if (form.kinds() != null && !errors.hasFieldErrors("kinds") && !errors.hasGlobalErrors()) {
            for (DataKind kind : form.kinds()) {
                String problem = textProblem(form.text(kind));
                if (problem != null) {
                    errors.rejectValue("kinds", problem);
                    break;
                }
            }
        }
        if (errors.hasErrors()) {
            return form(who, id, model);
        }
        Shares.Granted granted;
        try {
            granted = shares.share(who, id, new Shares.NewShare(form.partnerId(), form.consentId(), form.chosenTexts(),
                    form.form(), Locale.forLanguageTag(form.language())));
        } catch (Refused refused) {
            errors.reject(refused.messageKey(), refused.messageArguments(), null);
            String page = form(who, id, model);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page;
        }
        model.addAttribute("ref", shares.requireTandem(who, id));
        model.addAttribute("granted", granted);
        // The public address, never the request's Host and scheme: behind the TLS proxy those say http, and a
        // forged Host would hand the partner a link to someone else's site.
        model.addAttribute("link", address.origin() + "/shared/" + granted.token());
        return "shares/created";
    }

    /** What is wrong with the text of a ticked kind (a message code), or null: here and on the texts step alike. */
    static String textProblem(String text) {
        if (text == null || text.isBlank()) {
            return "shares.text.missing";
        }
        return text.length() > Shares.TEXT_MAX ? "shares.text.too-long" : null;
    }

    @PostMapping("/cases/{id}/shares/{shareId}/withdraw")
    String withdraw(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID shareId,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", shares.withdraw(who, id, shareId) ? "shares.notice.withdrawn"
                : "shares.notice.already-withdrawn");
        return "redirect:/cases/" + id + "/shares";
    }

    @GetMapping("/cases/{id}/shares/{shareId}/document")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID shareId) {
        return shares.download(who, id, shareId).answer();
    }
}
