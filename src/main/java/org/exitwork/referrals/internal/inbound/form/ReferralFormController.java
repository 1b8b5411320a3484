package org.exitwork.referrals.internal.inbound.form;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.inbound.ReferralPayload;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The referral web form for a partner's staff member, reached by a one-time link without signing in
 * (R7). The same fields as the API; a valid referral consumes the link and goes to the inbox, and
 * the page says "received" with the partner's reference, nothing else. Unknown, used, withdrawn and
 * expired links all get the same 404 page.
 */
@Controller
public class ReferralFormController {

    /** Everything as typed: converted in {@link #check}, so that nothing typed is lost on an error. */
    record ReferralForm(String partnerReference, List<String> areas, String contextCase,
            @Size(max = ReferralPayload.MAX_NAME) String fullName, String dateOfBirth,
            @Size(max = ReferralPayload.MAX_CONTACT) String contact,
            @Size(max = ReferralPayload.MAX_TEXT) String concern) {

        ReferralForm {
            areas = areas == null ? new ArrayList<>() : new ArrayList<>(areas);
        }

        static ReferralForm empty() {
            return new ReferralForm("", List.of(), null, "", "", "", "");
        }

        /** The referral, or null with errors recorded. */
        InboundReferral check(BindingResult errors) {
            if (partnerReference == null || partnerReference.isBlank()
                    || !ReferralPayload.REFERENCE.matcher(partnerReference.strip()).matches()) {
                errors.rejectValue("partnerReference", "referrals.form.error.reference");
            }
            Set<PhenomenonArea> parsed = EnumSet.noneOf(PhenomenonArea.class);
            for (String area : areas) {
                try {
                    parsed.add(PhenomenonArea.valueOf(area));
                } catch (IllegalArgumentException | NullPointerException e) {
                    errors.rejectValue("areas", "referrals.form.error.areas");
                    break;
                }
            }
            if (contextCase != null && !contextCase.equals("true") && !contextCase.equals("false")) {
                errors.rejectValue("contextCase", "referrals.form.error.context-case");
            }
            LocalDate born = null;
            if (dateOfBirth != null && !dateOfBirth.isBlank()) {
                try {
                    // YYYY-MM-DD as the page asks and the partner API takes, not the years of +999999999-12-31.
                    if (!dateOfBirth.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
                        throw new DateTimeParseException("not YYYY-MM-DD", dateOfBirth, 0);
                    }
                    born = LocalDate.parse(dateOfBirth.strip());
                } catch (DateTimeParseException e) {
                    errors.rejectValue("dateOfBirth", "referrals.form.error.date");
                }
            }
            if (errors.hasErrors()) {
                return null;
            }
            return new InboundReferral(partnerReference.strip(), parsed, "true".equals(contextCase), blank(fullName),
                    born, blank(contact), blank(concern));
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    private final FormSubmissions submissions;

    ReferralFormController(FormSubmissions submissions) {
        this.submissions = submissions;
    }

    @GetMapping("/referral-form/{token}")
    String form(@PathVariable String token, Model model, HttpServletResponse response) {
        if (submissions.open(token).isEmpty()) {
            return notValid(response);
        }
        model.addAttribute("referralForm", ReferralForm.empty());
        return page(token, model);
    }

    @PostMapping("/referral-form/{token}")
    String submit(@PathVariable String token, @Valid @ModelAttribute("referralForm") ReferralForm form,
            BindingResult errors, Model model, HttpServletResponse response) {
        if (submissions.open(token).isEmpty()) {
            return notValid(response);
        }
        InboundReferral referral = form == null ? null : form.check(errors);
        if (referral == null || errors.hasErrors()) {
            return page(token, model);
        }
        if (!submissions.submit(token, referral)) {
            return notValid(response);
        }
        model.addAttribute("reference", referral.partnerReference());
        return "referrals/form-received";
    }

    private static String page(String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("allAreas", PhenomenonArea.values());
        return "referrals/form";
    }

    private static String notValid(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "referrals/form-not-valid";
    }
}
