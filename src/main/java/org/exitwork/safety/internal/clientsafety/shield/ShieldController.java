package org.exitwork.safety.internal.clientsafety.shield;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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

/** Threat analysis and shield plan (R15): the tandem writes, readers of the case read. */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ShieldController {

    static final int TEXT_MAX = 4000;
    static final int SHORT_MAX = 500;
    static final int MAX_MEASURES = 30;
    /** Empty rows offered for new measures. */
    static final int BLANK_ROWS = 2;

    /** A row of the measures table; a row without description is left out. */
    record MeasureRow(ShieldMeasureKind kind, @Size(max = SHORT_MAX) String description,
            @Size(max = SHORT_MAX) String owner, ShieldMeasureStatus status) {

        boolean blank() {
            return description == null || description.isBlank();
        }
    }

    /** {@code version}: the plan's version the form showed, so that a save cannot silently replace a newer one. */
    record ShieldForm(@Size(max = TEXT_MAX) String involved, @Size(max = TEXT_MAX) String knowledge,
            @Size(max = TEXT_MAX) String history, @Size(max = TEXT_MAX) String informationPlan,
            @Size(max = TEXT_MAX) String publicStatement, @Valid @Size(max = MAX_MEASURES) List<MeasureRow> measures,
            @NotNull @Min(0) Integer version) {

        ShieldForm {
            measures = measures == null ? new ArrayList<>() : new ArrayList<>(measures);
        }

        static ShieldForm of(ShieldPlans.Plan plan) {
            ShieldPlans.Analysis a = plan.analysis();
            List<MeasureRow> rows = new ArrayList<>();
            plan.measures().forEach(m -> rows.add(new MeasureRow(m.kind(), m.description(), m.owner(), m.status())));
            return new ShieldForm(a.involved(), a.knowledge(), a.history(), a.informationPlan(), a.publicStatement(),
                    rows, plan.version()).withBlankRows();
        }

        ShieldForm withBlankRows() {
            List<MeasureRow> rows = new ArrayList<>(measures);
            for (int i = 0; i < BLANK_ROWS; i++) {
                rows.add(new MeasureRow(null, "", "", ShieldMeasureStatus.PLANNED));
            }
            return new ShieldForm(involved, knowledge, history, informationPlan, publicStatement, rows, version);
        }

        /** What this person wrote, now based on the version there is. */
        ShieldForm basedOn(int current) {
            return new ShieldForm(involved, knowledge, history, informationPlan, publicStatement, measures, current);
        }

        ShieldPlans.Analysis analysis() {
            return new ShieldPlans.Analysis(involved, knowledge, history, informationPlan, publicStatement);
        }

        List<ShieldPlans.Measure> filled() {
            return measures.stream().filter(r -> r != null && !r.blank())
                    .map(r -> new ShieldPlans.Measure(r.kind(), r.description(), r.owner(), r.status())).toList();
        }

        /** A measure needs its kind and status once it has a description. */
        void check(BindingResult errors) {
            for (int i = 0; i < measures.size(); i++) {
                MeasureRow r = measures.get(i);
                if (r == null || r.blank()) {
                    continue;
                }
                if (r.kind() == null) {
                    errors.rejectValue("measures[" + i + "].kind", "threats.shield.error.kind");
                }
                if (r.status() == null) {
                    errors.rejectValue("measures[" + i + "].status", "threats.shield.error.status");
                }
            }
        }
    }

    private final ShieldPlans plans;

    ShieldController(ShieldPlans plans) {
        this.plans = plans;
    }

    @GetMapping("/cases/{id}/safety/shield")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        ShieldPlans.Plan plan = plans.read(who, id);
        model.addAttribute("view", plan);
        model.addAttribute("kinds", ShieldMeasureKind.values());
        model.addAttribute("statuses", ShieldMeasureStatus.values());
        if (!model.containsAttribute("shieldForm")) {
            model.addAttribute("shieldForm", ShieldForm.of(plan));
        }
        return "safety/shield";
    }

    /**
     * Saved unless someone saved the plan after this form was opened: then the version moved on, or (two first
     * saves at once) the other's row is already there, or a lock wait gave up under load.
     */
    private boolean saved(StaffPrincipal who, UUID id, ShieldForm form) {
        try {
            return plans.save(who, id, form.version(), form.analysis(), form.filled());
        } catch (DuplicateKeyException | ConcurrencyFailureException race) {
            return false;
        }
    }

    @PostMapping("/cases/{id}/safety/shield")
    String save(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("shieldForm") ShieldForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        plans.requireWritable(who, id);
        form.check(errors);
        if (errors.hasErrors()) {
            return page(who, id, model);
        }
        if (!saved(who, id, form)) {
            // The other person's plan stays and is shown above as it is now; the form keeps what this person
            // wrote, based on that version, so they can compare and save again on purpose.
            ShieldPlans.Plan now = plans.read(who, id);
            model.addAttribute("problem", "threats.shield.error.changed-meanwhile");
            model.addAttribute("view", now);
            model.addAttribute("kinds", ShieldMeasureKind.values());
            model.addAttribute("statuses", ShieldMeasureStatus.values());
            model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "shieldForm");
            model.addAttribute("shieldForm", form.basedOn(now.version()));
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return "safety/shield";
        }
        redirect.addFlashAttribute("notice", "threats.shield.notice.saved");
        return "redirect:/cases/" + id + "/safety/shield";
    }
}
