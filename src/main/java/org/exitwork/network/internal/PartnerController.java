package org.exitwork.network.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.network.Need;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerKind;
import org.exitwork.network.PartnerServices;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The partner registry in the browser. Practitioners need the contact persons for their work and the
 * data protection officer checks who the organisation works with, so both read; only managers write.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class PartnerController {

    static final int MAX_CONTACTS = 10;
    static final int BLANK_ROWS = 2;

    /** One contact person; a row left empty is ignored. */
    record ContactRow(@Size(max = 120) String name, @Size(max = 120) String role,
            @Size(max = 40) @Pattern(regexp = "[0-9+()/ .\\-]*") String phone,
            @Size(max = 200) @Email String email) {

        boolean blank() {
            return isBlank(name) && isBlank(role) && isBlank(phone) && isBlank(email);
        }
    }

    record PartnerForm(@NotBlank @Size(max = 200) String name, @NotNull PartnerKind kind,
            @NotBlank @Size(max = 500) String mandate, @NotNull Agreement agreement,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate agreementFrom,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate agreementUntil,
            @Size(max = 200) String agreementReference,
            @Size(max = MAX_CONTACTS + BLANK_ROWS) List<@Valid ContactRow> contacts) {

        PartnerForm {
            contacts = contacts == null ? new ArrayList<>() : new ArrayList<>(contacts);
        }

        static PartnerForm empty() {
            return new PartnerForm("", null, "", Agreement.INFORMAL, null, null, "", padded(List.of()));
        }

        static PartnerForm of(PartnerRegistry.Details d) {
            List<ContactRow> rows = d.contacts().stream()
                    .map(c -> new ContactRow(c.name(), c.role(), c.phone(), c.email())).toList();
            return new PartnerForm(d.name(), d.kind(), d.mandate(), d.agreement(), d.agreementFrom(),
                    d.agreementUntil(), d.agreementReference(), padded(rows));
        }

        private static List<ContactRow> padded(List<ContactRow> rows) {
            List<ContactRow> all = new ArrayList<>(rows);
            for (int i = 0; i < BLANK_ROWS; i++) {
                all.add(new ContactRow("", "", "", ""));
            }
            return all;
        }

        /** The rules Bean Validation cannot express: a formal agreement has dates and a reference. */
        void check(BindingResult errors) {
            for (int i = 0; i < contacts.size(); i++) {
                ContactRow r = contacts.get(i);
                if (r != null && !r.blank() && isBlank(r.name())) {
                    errors.rejectValue("contacts[" + i + "].name", "network.error.contact.name");
                }
            }
            if (filled().size() > MAX_CONTACTS) {
                errors.rejectValue("contacts", "network.error.contacts.too-many");
            }
            if (agreement == Agreement.FORMAL) {
                if (agreementFrom == null) {
                    errors.rejectValue("agreementFrom", "network.error.agreement.from");
                }
                if (isBlank(agreementReference)) {
                    errors.rejectValue("agreementReference", "network.error.agreement.reference");
                }
                if (agreementFrom != null && agreementUntil != null && agreementUntil.isBefore(agreementFrom)) {
                    errors.rejectValue("agreementUntil", "network.error.agreement.until");
                }
            }
        }

        List<PartnerRegistry.Contact> filled() {
            return contacts.stream().filter(r -> r != null && !r.blank())
                    .map(r -> new PartnerRegistry.Contact(strip(r.name()), strip(r.role()), strip(r.phone()),
                            strip(r.email())))
                    .toList();
        }

        /**
         * The form as typed when a value could not even be converted (an unknown kind, a date that is
         * no date): constructor binding then leaves no form, so it is rebuilt leniently to be shown again.
         */
        static PartnerForm lenient(Map<String, String[]> params) {
            List<ContactRow> rows = new ArrayList<>();
            for (int i = 0; i < MAX_CONTACTS + BLANK_ROWS && params.containsKey("contacts[" + i + "].name"); i++) {
                String prefix = "contacts[" + i + "].";
                rows.add(new ContactRow(first(params, prefix + "name"), first(params, prefix + "role"),
                        first(params, prefix + "phone"), first(params, prefix + "email")));
            }
            return new PartnerForm(first(params, "name"), parse(PartnerKind.class, first(params, "kind")),
                    first(params, "mandate"), parse(Agreement.class, first(params, "agreement")),
                    date(first(params, "agreementFrom")), date(first(params, "agreementUntil")),
                    first(params, "agreementReference"), rows);
        }

        private static String first(Map<String, String[]> params, String name) {
            String[] values = params.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String value) {
            return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst()
                    .orElse(null);
        }

        private static LocalDate date(String value) {
            try {
                return value == null || value.isBlank() ? null : LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        PartnerRegistry.Draft draft() {
            return new PartnerRegistry.Draft(name.strip(), kind, mandate.strip(), agreement, agreementFrom,
                    agreementUntil, strip(agreementReference), filled());
        }
    }

    /**
     * A partner's services and contact protocol. With no need ticked the partner offers nothing and the
     * rest is not asked; with needs, how to reach it and the agreed response time are required.
     */
    record ServicesForm(Set<Need> needs, @Size(max = 500) String howToReach, @Size(max = 80) String language,
            @Min(1) @Max(90) Integer responseDays) {

        ServicesForm {
            needs = needs == null ? Set.of() : Set.copyOf(needs);
        }

        static ServicesForm of(Optional<PartnerServices.ServiceOffer> offer) {
            return offer.map(o -> new ServicesForm(o.needs(), o.howToReach(), o.language(), o.responseDays()))
                    .orElseGet(() -> new ServicesForm(Set.of(), "", "", null));
        }

        void check(BindingResult errors) {
            if (needs.isEmpty()) {
                return;
            }
            if (isBlank(howToReach)) {
                errors.rejectValue("howToReach", "network.services.error.how");
            }
            if (responseDays == null && !errors.hasFieldErrors("responseDays")) {
                errors.rejectValue("responseDays", "network.services.error.days");
            }
        }

        PartnerServiceOffers.Draft draft() {
            return needs.isEmpty() ? new PartnerServiceOffers.Draft(Set.of(), null, null, 0)
                    : new PartnerServiceOffers.Draft(needs, howToReach.strip(), strip(language), responseDays);
        }
    }

    private final PartnerRegistry registry;
    private final PartnerServiceOffers services;

    PartnerController(PartnerRegistry registry, PartnerServiceOffers services) {
        this.registry = registry;
        this.services = services;
    }

    /**
     * The registry, fifty partners a page, active ones first, by name; narrowed to one group of kinds in
     * the database. A value the page does not offer (an unknown group, a cursor that is no id) is answered
     * 400 before anything is read.
     */
    @GetMapping("/network/partners")
    String list(@AuthenticationPrincipal StaffPrincipal who, @RequestParam(required = false) PartnerKind.Group group,
            @RequestParam(required = false) UUID after, @RequestParam(required = false) UUID before, Model model) {
        PartnerFilter filter = new PartnerFilter(group, after, before);
        org.exitwork.platform.KeysetPage<PartnerRegistry.Summary> page = registry.list(who, filter);
        model.addAttribute("partners", page.rows());
        model.addAttribute("page", page);
        model.addAttribute("filter", filter);
        model.addAttribute("groups", PartnerKind.Group.values());
        model.addAttribute("selectedGroup", group);
        model.addAttribute("canWrite", who.is(Role.MANAGER));
        return "network/partners";
    }

    @GetMapping("/network/partners/new")
    @PreAuthorize("hasRole('MANAGER')")
    String newPartner(Model model) {
        model.addAttribute("partnerForm", PartnerForm.empty());
        return newPage(model);
    }

    @PostMapping("/network/partners")
    @PreAuthorize("hasRole('MANAGER')")
    String create(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("partnerForm") PartnerForm form,
            BindingResult errors, Model model, RedirectAttributes redirect, HttpServletRequest request) {
        if (form == null || errors.getTarget() == null) {
            unconvertible(errors, model, request);
            return newPage(model);
        }
        form.check(errors);
        if (errors.hasErrors()) {
            return newPage(model);
        }
        UUID id;
        try {
            id = registry.create(who, form.draft());
        } catch (PartnerRegistry.DuplicateName e) {
            errors.rejectValue("name", "network.error.name.taken");
            return newPage(model);
        }
        redirect.addFlashAttribute("notice", "network.notice.created");
        return "redirect:/network/partners/" + id;
    }

    @GetMapping("/network/partners/{id}")
    String partner(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        PartnerRegistry.Details partner = registry.details(who, id);
        if (who.is(Role.MANAGER) && !model.containsAttribute("partnerForm")) {
            model.addAttribute("partnerForm", PartnerForm.of(partner));
        }
        return page(who, partner, model);
    }

    @PostMapping("/network/partners/{id}")
    @PreAuthorize("hasRole('MANAGER')")
    String update(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("partnerForm") PartnerForm form, BindingResult errors, Model model,
            RedirectAttributes redirect, HttpServletRequest request) {
        PartnerRegistry.Details partner = registry.details(who, id);
        if (form == null || errors.getTarget() == null) {
            unconvertible(errors, model, request);
            return page(who, partner, model);
        }
        form.check(errors);
        if (errors.hasErrors()) {
            return page(who, partner, model);
        }
        try {
            registry.update(who, id, form.draft());
        } catch (PartnerRegistry.KindChangeRefused e) {
            errors.rejectValue("kind", e.messageKey());
            return page(who, partner, model);
        } catch (PartnerRegistry.DuplicateName e) {
            errors.rejectValue("name", "network.error.name.taken");
            return page(who, partner, model);
        }
        redirect.addFlashAttribute("notice", "network.notice.saved");
        return "redirect:/network/partners/" + id;
    }

    @PostMapping("/network/partners/{id}/services")
    @PreAuthorize("hasRole('MANAGER')")
    String services(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("servicesForm") ServicesForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        PartnerRegistry.Details partner = registry.details(who, id);
        if (form == null || errors.getTarget() == null) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST);
        }
        form.check(errors);
        if (errors.hasErrors()) {
            model.addAttribute("partnerForm", PartnerForm.of(partner));
            return page(who, partner, model);
        }
        services.change(who, id, form.draft());
        redirect.addFlashAttribute("notice", "network.services.saved");
        return "redirect:/network/partners/" + id;
    }

    @PostMapping("/network/partners/{id}/active")
    @PreAuthorize("hasRole('MANAGER')")
    String active(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @RequestParam boolean active, RedirectAttributes redirect) {
        registry.setActive(who, id, active);
        redirect.addFlashAttribute("notice", active ? "network.notice.reactivated" : "network.notice.deactivated");
        return "redirect:/network/partners/" + id;
    }

    /** Shows the form again as typed, with the conversion errors, when no form could be bound at all. */
    private static void unconvertible(BindingResult errors, Model model, HttpServletRequest request) {
        PartnerForm typed = PartnerForm.lenient(request.getParameterMap());
        BeanPropertyBindingResult shown = new BeanPropertyBindingResult(typed, "partnerForm");
        shown.addAllErrors(errors);
        model.addAttribute("partnerForm", typed);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "partnerForm", shown);
    }

    private String newPage(Model model) {
        model.addAttribute("kinds", PartnerKind.values());
        model.addAttribute("agreements", Agreement.values());
        return "network/partner-new";
    }

    private String page(StaffPrincipal who, PartnerRegistry.Details partner, Model model) {
        model.addAttribute("partner", partner);
        model.addAttribute("canWrite", who.is(Role.MANAGER));
        // Only the kinds the rule allows are offered; the service refuses any other all the same.
        model.addAttribute("kinds", Arrays.stream(PartnerKind.values())
                .filter(k -> KindRule.refusal(partner.kind(), k) == null).toList());
        model.addAttribute("agreements", Agreement.values());
        Optional<PartnerServices.ServiceOffer> offer = services.offer(who.organisationId(), partner.id());
        model.addAttribute("offer", offer.orElse(null));
        model.addAttribute("needs", Need.values());
        model.addAttribute("receivesRequests", PartnerServiceOffers.receivesRequests(new Partner(partner.id(),
                who.organisationId(), partner.name(), partner.kind(), partner.active())));
        if (!model.containsAttribute("servicesForm")) {
            model.addAttribute("servicesForm", ServicesForm.of(offer));
        }
        return "network/partner";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return isBlank(s) ? null : s.strip();
    }
}
