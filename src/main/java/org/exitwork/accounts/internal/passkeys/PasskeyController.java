package org.exitwork.accounts.internal.passkeys;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DateFormats;
import org.springframework.http.MediaType;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every staff member keeps their own passkeys at {@code /profile/passkeys}: registers one under a
 * name of their choosing, sees when each was made and last used, removes one. Nobody reaches
 * another person's passkeys (their ids answer 404).
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER', 'ADMIN')")
class PasskeyController {

    static final String PATH = "/profile/passkeys";

    /** {@code credential} is the browser's answer, filled in by passkeys.js; empty when the device made none. */
    record PasskeyForm(@NotBlank @Size(max = Passkeys.LABEL_LENGTH) String name, @Size(max = 20_000) String credential) {
    }

    record PasskeyRow(UUID id, String label, String created, String lastUsed) {
    }

    private final Passkeys passkeys;
    private final DateFormats dates;

    PasskeyController(Passkeys passkeys, DateFormats dates) {
        this.passkeys = passkeys;
        this.dates = dates;
    }

    @GetMapping(PATH)
    String list(@AuthenticationPrincipal StaffPrincipal who, Model model, Locale locale) {
        model.addAttribute("passkeyForm", new PasskeyForm("", ""));
        return page(who, model, locale);
    }

    @PostMapping(value = PATH + "/options", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> options(@AuthenticationPrincipal StaffPrincipal who, HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(passkeys.creationOptions(who, request));
    }

    @PostMapping(PATH)
    String register(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("passkeyForm") PasskeyForm form,
            BindingResult errors, Model model, Locale locale, HttpServletRequest request, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(who, model, locale);
        }
        if (passkeys.register(who, form.name(), form.credential(), request).isEmpty()) {
            errors.rejectValue("name", "passkey.not-created");
            return page(who, model, locale);
        }
        PasskeyGate.clear(request);
        redirect.addFlashAttribute("notice", "passkey.notice.registered");
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/{id}/remove")
    String remove(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        switch (passkeys.remove(who, id)) {
            case NOT_FOUND -> throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
            case LAST_ONE_REQUIRED -> {
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                model.addAttribute("passkeyForm", new PasskeyForm("", ""));
                model.addAttribute("problem", "passkey.last-one-required");
                return page(who, model, locale);
            }
            case REMOVED -> {
            }
        }
        redirect.addFlashAttribute("notice", "passkey.notice.removed");
        return "redirect:" + PATH;
    }

    private String page(StaffPrincipal who, Model model, Locale locale) {
        List<PasskeyRow> rows = passkeys.of(who.id()).stream()
                .map(p -> new PasskeyRow(p.id(), p.label(), dates.dateTime(p.created(), locale), lastUsed(p.lastUsed(), locale)))
                .toList();
        model.addAttribute("passkeys", rows);
        model.addAttribute("required", passkeys.requiredFor(who));
        return "accounts/passkeys";
    }

    private String lastUsed(Instant at, Locale locale) {
        return at == null ? null : dates.dateTime(at, locale);
    }
}
