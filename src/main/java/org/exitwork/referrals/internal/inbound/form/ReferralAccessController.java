package org.exitwork.referrals.internal.inbound.form;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.PublicAddress;
import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.referrals.internal.inbound.credentials.CredentialAdministration;
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
 * Referral access for managers: API credentials ({@code /referrals/credentials}) and one-time links
 * to the web form ({@code /referrals/links}) for the organisation's active partners. A new secret or
 * link is shown once on the answer to the POST itself (never put in the session) and never again.
 */
@Controller
@PreAuthorize("hasRole('MANAGER')")
class ReferralAccessController {

    record CredentialForm(@NotNull UUID partnerId, @NotNull Scope scope) {
    }

    record LinkForm(@NotNull UUID partnerId) {
    }

    private final CredentialAdministration credentials;
    private final FormLinks links;
    private final PartnerDirectory partners;
    private final java.time.Clock clock;
    private final PublicAddress address;

    ReferralAccessController(CredentialAdministration credentials, FormLinks links, PartnerDirectory partners,
            java.time.Clock clock, PublicAddress address) {
        this.credentials = credentials;
        this.links = links;
        this.partners = partners;
        this.clock = clock;
        this.address = address;
    }

    @GetMapping("/referrals/credentials")
    String credentials(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("credentialForm", new CredentialForm(null, null));
        return credentialsPage(who, model);
    }

    @PostMapping("/referrals/credentials")
    String createCredential(@AuthenticationPrincipal StaffPrincipal who,
            @Valid @ModelAttribute("credentialForm") CredentialForm form, BindingResult errors, Model model) {
        if (form == null || errors.hasErrors()) {
            if (form == null) {
                model.addAttribute("credentialForm", new CredentialForm(null, null));
            }
            return credentialsPage(who, model);
        }
        model.addAttribute("issued", credentials.create(who, form.partnerId(), form.scope()));
        // Addresses handed to a partner name the public address, never the request's Host and scheme.
        model.addAttribute("apiBase", address.origin() + "/api/v1");
        return "referrals/credential-issued";
    }

    @PostMapping("/referrals/credentials/{id}/revoke")
    String revoke(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        credentials.revoke(who, id);
        redirect.addFlashAttribute("notice", "referrals.credentials.revoked");
        return "redirect:/referrals/credentials";
    }

    /**
     * The one-time links, fifty a page, newest first, only the open ones when asked. A value the page does
     * not offer (a cursor that is no id, an "open" that is no yes or no) is answered 400.
     */
    @GetMapping("/referrals/links")
    String links(@AuthenticationPrincipal StaffPrincipal who, @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) UUID after, @RequestParam(required = false) UUID before, Model model) {
        model.addAttribute("linkForm", new LinkForm(null));
        return linksPage(who, Boolean.TRUE.equals(open), after, before, model);
    }

    @PostMapping("/referrals/links")
    String createLink(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("linkForm") LinkForm form,
            BindingResult errors, Model model) {
        if (form == null || errors.hasErrors()) {
            if (form == null) {
                model.addAttribute("linkForm", new LinkForm(null));
            }
            return linksPage(who, false, null, null, model);
        }
        FormLinks.Issued issued = links.create(who, form.partnerId());
        model.addAttribute("issued", issued);
        model.addAttribute("url", address.origin() + "/referral-form/" + issued.token());
        return "referrals/link-issued";
    }

    @PostMapping("/referrals/links/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, RedirectAttributes redirect) {
        links.withdraw(who, id);
        redirect.addFlashAttribute("notice", "referrals.links.withdrawn");
        return "redirect:/referrals/links";
    }

    /** The address of the links page beside this one, carrying "open only". */
    private static String linkPage(boolean openOnly, String side, UUID cursor) {
        org.springframework.web.util.UriComponentsBuilder link = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/referrals/links");
        if (openOnly) {
            link.queryParam("open", true);
        }
        return cursor == null ? null : link.queryParam(side, cursor).build().toUriString();
    }

    private String credentialsPage(StaffPrincipal who, Model model) {
        model.addAttribute("credentials", credentials.list(who));
        model.addAttribute("partners", partners.partners(who.organisationId()).stream().filter(Partner::active).toList());
        model.addAttribute("scopes", Scope.values());
        return "referrals/credentials";
    }

    private String linksPage(StaffPrincipal who, boolean openOnly, UUID after, UUID before, Model model) {
        org.exitwork.platform.KeysetPage<FormLinks.Listed> page = links.page(who, openOnly, after, before);
        model.addAttribute("links", page.rows());
        model.addAttribute("page", page);
        model.addAttribute("openOnly", openOnly);
        model.addAttribute("previousLink", linkPage(openOnly, "before", page.previousBefore()));
        model.addAttribute("nextLink", linkPage(openOnly, "after", page.nextAfter()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("partners", partners.partners(who.organisationId()).stream().filter(Partner::active).toList());
        return "referrals/links";
    }
}
