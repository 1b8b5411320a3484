package org.exitwork.accounts.internal.organisation;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.OrganisationContact;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.passkeys.Passkeys;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who the organisation is and how to reach it, as every document that leaves it says: kept by the
 * administrator and the programme managers; everyone else is refused (403).
 */
@Controller
@RequestMapping("/organisation")
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
class OrganisationController {

    /** E-mail: one @, something on either side, a dot in the domain; no spaces. */
    static final String EMAIL = "^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$";
    static final String PHONE = "^\\s*\\+?[0-9 ()/.-]{3,40}\\s*$";

    record OrganisationForm(@NotBlank @Size(max = 200) String name, @Size(max = 400) String address,
            @Size(max = 200) @Pattern(regexp = EMAIL) String email,
            @Size(max = 40) @Pattern(regexp = PHONE) String telephone,
            @Size(max = 400) String dataProtection, @NotNull @Min(0) Integer version) {

        /** An empty field stands for "not given", not for a malformed value. */
        OrganisationForm {
            email = email == null || email.isBlank() ? null : email;
            telephone = telephone == null || telephone.isBlank() ? null : telephone;
        }

        static OrganisationForm of(OrganisationContact c, int version) {
            return new OrganisationForm(c.name(), c.address(), c.email(), c.telephone(), c.dataProtection(), version);
        }

        /** What this person wrote, now based on the version there is. */
        OrganisationForm basedOn(int current) {
            return new OrganisationForm(name, address, email, telephone, dataProtection, current);
        }

        OrganisationContact contact() {
            return new OrganisationContact(name, address, email, telephone, dataProtection);
        }
    }

    private final OrganisationContacts organisations;
    private final Passkeys passkeys;

    OrganisationController(OrganisationContacts organisations, Passkeys passkeys) {
        this.organisations = organisations;
        this.passkeys = passkeys;
    }

    @GetMapping
    String show(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", OrganisationForm.of(organisations.contact(who.organisationId()),
                organisations.version(who.organisationId())));
        return page(who, model);
    }

    /**
     * The page, with the passkey setting it shows (the administrator changes it at {@code /organisation/passkeys}),
     * read by the handler so that a GET reads all in its one transaction.
     */
    private String page(StaffPrincipal who, Model model) {
        model.addAttribute("passkeysRequired", passkeys.requiredInOrganisation(who.organisationId()));
        return "accounts/organisation";
    }

    /** Saved unless someone saved the contact after this form was opened (or a lock wait gave up meanwhile). */
    private boolean saved(StaffPrincipal who, OrganisationForm form) {
        try {
            return organisations.update(who, form.version(), form.contact());
        } catch (ConcurrencyFailureException race) {
            return false;
        }
    }

    @PostMapping
    String save(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") OrganisationForm form,
            BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(who, model);
        }
        if (!saved(who, form)) {
            // The other person's contact stays and is shown as it is now; the form keeps what this person
            // wrote, based on that version, so they can compare and save again on purpose.
            model.addAttribute("problem", "organisation.error.changed-meanwhile");
            model.addAttribute("current", organisations.contact(who.organisationId()));
            model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "form");
            model.addAttribute("form", form.basedOn(organisations.version(who.organisationId())));
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page(who, model);
        }
        redirect.addFlashAttribute("notice", "organisation.notice.saved");
        return "redirect:/organisation";
    }
}
