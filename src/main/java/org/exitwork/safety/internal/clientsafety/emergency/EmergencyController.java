package org.exitwork.safety.internal.clientsafety.emergency;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
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

/** The emergency plan and contact structure (R15), with a one-page printable sheet. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class EmergencyController {

    static final int INSTRUCTIONS_MAX = 1500;
    static final int SHORT_MAX = 200;
    /** One A4 page holds about this many rows next to the instructions. */
    static final int MAX_CONTACTS = 12;
    static final int BLANK_ROWS = 2;

    /** One row of the calling order; a row without anyone to call is left out. */
    record ContactRow(@Size(max = SHORT_MAX) String who,
            @Size(max = 40) @Pattern(regexp = "[0-9+()/ .\\-]*") String number,
            @Size(max = SHORT_MAX) String when) {

        boolean blank() {
            return (who == null || who.isBlank()) && (number == null || number.isBlank());
        }
    }

    /** {@code version}: the plan's version the form showed, so that a save cannot silently replace a newer one. */
    record EmergencyForm(@Size(max = INSTRUCTIONS_MAX) String instructions,
            @Valid @Size(max = MAX_CONTACTS + BLANK_ROWS) List<ContactRow> contacts, @NotNull @Min(0) Integer version) {

        EmergencyForm {
            contacts = contacts == null ? new ArrayList<>() : new ArrayList<>(contacts);
        }

        /** What this person wrote, now based on the version there is. */
        EmergencyForm basedOn(int current) {
            return new EmergencyForm(instructions, contacts, current);
        }

        static EmergencyForm of(EmergencyPlans.Plan plan) {
            List<ContactRow> rows = new ArrayList<>();
            plan.contacts().forEach(c -> rows.add(new ContactRow(c.who(), c.number(), c.when())));
            for (int i = 0; i < BLANK_ROWS; i++) {
                rows.add(new ContactRow("", "", ""));
            }
            return new EmergencyForm(plan.instructions(), rows, plan.version());
        }

        List<EmergencyPlans.Contact> filled() {
            return contacts.stream().filter(r -> r != null && !r.blank())
                    .map(r -> new EmergencyPlans.Contact(r.who(), r.number(), r.when())).toList();
        }

        /** Whom to call needs a number, a number needs whom; no more rows than fit on one page. */
        void check(BindingResult errors) {
            for (int i = 0; i < contacts.size(); i++) {
                ContactRow r = contacts.get(i);
                if (r == null || r.blank()) {
                    continue;
                }
                if (r.who() == null || r.who().isBlank()) {
                    errors.rejectValue("contacts[" + i + "].who", "threats.emergency.error.who");
                }
                if (r.number() == null || r.number().isBlank()) {
                    errors.rejectValue("contacts[" + i + "].number", "threats.emergency.error.number-missing");
                }
            }
            if (filled().size() > MAX_CONTACTS) {
                errors.rejectValue("contacts", "threats.emergency.error.too-many");
            }
        }
    }

    private final EmergencyPlans plans;

    EmergencyController(EmergencyPlans plans) {
        this.plans = plans;
    }

    @GetMapping("/cases/{id}/safety/emergency")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        EmergencyPlans.Plan plan = plans.read(who, id, false);
        model.addAttribute("view", plan);
        if (!model.containsAttribute("emergencyPlanForm")) {
            model.addAttribute("emergencyPlanForm", EmergencyForm.of(plan));
        }
        return "safety/emergency-plan";
    }

    /**
     * Saved unless someone saved the plan after this form was opened: then the version moved on, or (two first
     * saves at once) the other's row is already there, or a lock wait gave up under load.
     */
    private boolean saved(StaffPrincipal who, UUID id, EmergencyForm form) {
        try {
            return plans.save(who, id, form.version(), form.instructions(), form.filled());
        } catch (DuplicateKeyException | ConcurrencyFailureException race) {
            return false;
        }
    }

    @GetMapping("/cases/{id}/safety/emergency/print")
    String print(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", plans.read(who, id, true));
        return "safety/emergency-plan-print";
    }

    @PostMapping("/cases/{id}/safety/emergency")
    String save(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("emergencyPlanForm") EmergencyForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        plans.requireWritable(who, id);
        form.check(errors);
        if (errors.hasErrors()) {
            return page(who, id, model);
        }
        if (!saved(who, id, form)) {
            // The other person's plan stays and is shown above as it is now; the form keeps what this person
            // wrote, based on that version, so they can compare and save again on purpose.
            EmergencyPlans.Plan now = plans.read(who, id, false);
            model.addAttribute("problem", "threats.emergency.error.changed-meanwhile");
            model.addAttribute("view", now);
            model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "emergencyPlanForm");
            model.addAttribute("emergencyPlanForm", form.basedOn(now.version()));
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return "safety/emergency-plan";
        }
        redirect.addFlashAttribute("notice", "threats.emergency.notice.saved");
        return "redirect:/cases/" + id + "/safety/emergency";
    }
}
