package org.exitwork.quality.internal.supervision;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.quality.internal.access.RecordChanged;
import org.exitwork.quality.internal.access.TeamAccess;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Supervision and intervision sessions at {@code /team/supervision}. */
@Controller
@RequestMapping("/team/supervision")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class SupervisionController {

    /** A short neutral topic line at most: no notes, nothing about clients. */
    record SupervisionForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @NotNull SupervisionKind kind, @Size(max = 100) String topic, @Size(max = 120) String supervisorName,
            @NotEmpty Set<UUID> participants) {
    }

    /** A correction: the same fields as a new session, and the version the form showed. */
    record SupervisionCorrection(@NotNull Integer version,
            @NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @NotNull SupervisionKind kind, @Size(max = 100) String topic, @Size(max = 120) String supervisorName,
            @NotEmpty Set<UUID> participants) {
    }

    private final Supervisions supervisions;
    private final TeamAccess access;

    SupervisionController(Supervisions supervisions, TeamAccess access) {
        this.supervisions = supervisions;
        this.access = access;
    }

    /**
     * The sessions the reader may list, fifty a page, newest first, of one kind when chosen. A value the
     * form does not offer (an unknown kind, a cursor that is no id) is answered 400 before anything is read.
     */
    @GetMapping
    String supervisions(@AuthenticationPrincipal StaffPrincipal who,
            @RequestParam(required = false) SupervisionKind kind, @RequestParam(required = false) UUID after,
            @RequestParam(required = false) UUID before, Model model) {
        org.exitwork.platform.KeysetPage<Supervision> page = supervisions.visible(who, kind, after, before);
        model.addAttribute("supervisions", page.rows());
        model.addAttribute("page", page);
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", SupervisionKind.values());
        model.addAttribute("previousLink", pageLink(kind, "before", page.previousBefore()));
        model.addAttribute("nextLink", pageLink(kind, "after", page.nextAfter()));
        return "quality/supervisions";
    }

    /** The address of the page beside this one, naming the kind when one is chosen. */
    private static String pageLink(SupervisionKind kind, String side, UUID cursor) {
        org.springframework.web.util.UriComponentsBuilder link = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/team/supervision");
        if (kind != null) {
            link.queryParam("kind", kind);
        }
        return cursor == null ? null : link.queryParam(side, cursor).build().toUriString();
    }

    @GetMapping("/new")
    String newSupervision(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new SupervisionForm(null, null, "", "",
                who.is(Role.MANAGER) ? Set.of() : Set.of(who.id())));
        return supervisionForm(who, model);
    }

    @PostMapping
    String recordSupervision(@AuthenticationPrincipal StaffPrincipal who,
            @Valid @ModelAttribute("form") SupervisionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        Set<UUID> team = new LinkedHashSet<>();
        access.team(who).forEach(m -> team.add(m.id()));
        if (form.participants() != null && !form.participants().isEmpty()) {
            if (!team.containsAll(form.participants())) {
                errors.rejectValue("participants", "care.error.unknown-participant");
            } else if (!who.is(Role.MANAGER) && !form.participants().contains(who.id())) {
                errors.rejectValue("participants", "care.error.not-a-participant");
            }
        }
        if (errors.hasErrors()) {
            return supervisionForm(who, model);
        }
        supervisions.record(who, form.heldOn(), form.kind(), blankToNull(form.topic()),
                blankToNull(form.supervisorName()), form.participants());
        redirect.addFlashAttribute("notice", "care.notice.supervision-recorded");
        return "redirect:/team/supervision";
    }

    @GetMapping("/{id}")
    String supervision(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        SupervisionHistory history = supervisions.history(who, id);
        model.addAttribute("correction", formOf(history));
        return supervisionPage(who, history, model);
    }

    @PostMapping("/{id}")
    String correctSupervision(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("correction") SupervisionCorrection form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        SupervisionHistory history = supervisions.history(who, id);
        checkParticipants(who, form.participants(), errors);
        if (errors.hasErrors()) {
            return supervisionPage(who, history, model);
        }
        boolean changed;
        try {
            changed = supervisions.correct(who, id, form.version(), form.heldOn(), form.kind(),
                    blankToNull(form.topic()), blankToNull(form.supervisorName()), form.participants());
        } catch (RecordChanged stale) {
            SupervisionHistory now = supervisions.history(who, id);
            model.addAttribute("correction", formOf(now));
            model.addAttribute("problem", "care.correction.stale");
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return supervisionPage(who, now, model);
        }
        redirect.addFlashAttribute("notice", changed ? "care.notice.corrected" : "care.notice.unchanged");
        return "redirect:/team/supervision/" + id;
    }

    private static SupervisionCorrection formOf(SupervisionHistory history) {
        Supervision s = history.current();
        return new SupervisionCorrection(s.version(), s.heldOn(), s.kind(), s.topic(), s.supervisorName(),
                history.participantIds());
    }

    private String supervisionPage(StaffPrincipal who, SupervisionHistory history, Model model) {
        model.addAttribute("history", history);
        model.addAttribute("team", access.team(who));
        model.addAttribute("kinds", SupervisionKind.values());
        return "quality/supervision";
    }

    private void checkParticipants(StaffPrincipal who, Set<UUID> participants, BindingResult errors) {
        Set<UUID> team = new LinkedHashSet<>();
        access.team(who).forEach(m -> team.add(m.id()));
        if (participants != null && !participants.isEmpty()) {
            if (!team.containsAll(participants)) {
                errors.rejectValue("participants", "care.error.unknown-participant");
            } else if (!who.is(Role.MANAGER) && !participants.contains(who.id())) {
                errors.rejectValue("participants", "care.error.not-a-participant");
            }
        }
    }

    private String supervisionForm(StaffPrincipal who, Model model) {
        model.addAttribute("team", access.team(who));
        model.addAttribute("kinds", SupervisionKind.values());
        return "quality/supervision-new";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
