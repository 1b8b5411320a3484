package org.exitwork.cases.internal.groups;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotEmpty;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.sessions.Theme;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Group work (R13): list, new group, the group page with participants and sessions, attendance. */
@Controller
@RequestMapping("/groups")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class GroupsController {

    /** On a new group, {@code leaders} are the co-leaders besides oneself; on a change, all leaders. */
    record GroupForm(@NotBlank @Size(max = 200) String name, @NotNull GroupSetting setting,
            @NotBlank @Size(max = 200) String institution, Set<UUID> leaders) {

        GroupService.GroupDetails details() {
            return new GroupService.GroupDetails(name.strip(), setting, institution.strip(),
                    leaders == null ? Set.of() : leaders);
        }
    }

    record SessionForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @NotNull @Min(1) @Max(600) Integer minutes, Set<Theme> themes, @Size(max = 20000) String note,
            Set<UUID> present) {
    }

    /** A participant's private label; removing it has a button of its own, so blank is a mistake here. */
    record LabelForm(@NotBlank @Size(max = GroupParticipants.LABEL_MAX) String label) {
    }

    /**
     * A case for a participant: what the intake asks of every prospect, nothing more. The participant is
     * the person the work is about, so there is no context-case choice here.
     */
    record CaseForm(@NotNull Pathway pathway, @NotEmpty Set<PhenomenonArea> areas) {
    }

    private final GroupService groups;
    private final GroupParticipants participants;

    GroupsController(GroupService groups, GroupParticipants participants) {
        this.participants = participants;
        this.groups = groups;
    }

    /**
     * The groups, fifty a page, newest first, narrowed in the database to a setting or to the groups the
     * reader leads. A value the form does not offer (an unknown setting, a cursor that is no id) is
     * answered 400 before anything is read.
     */
    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal who, @RequestParam(required = false) GroupSetting setting,
            @RequestParam(required = false) Boolean mine, @RequestParam(required = false) UUID after,
            @RequestParam(required = false) UUID before, Model model) {
        GroupFilter filter = new GroupFilter(setting, mine, after, before);
        org.exitwork.platform.KeysetPage<GroupService.GroupSummary> page = groups.list(who, filter);
        model.addAttribute("groups", page.rows());
        model.addAttribute("page", page);
        model.addAttribute("filter", filter);
        model.addAttribute("settings", GroupSetting.values());
        return "groups/list";
    }

    @GetMapping("/new")
    @PreAuthorize("hasRole('PRACTITIONER')")
    String newGroup(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new GroupForm("", null, "", Set.of()));
        return newGroupPage(who, model);
    }

    @PostMapping
    @PreAuthorize("hasRole('PRACTITIONER')")
    String create(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") GroupForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return newGroupPage(who, model);
        }
        UUID id;
        try {
            id = groups.create(who, form.details());
        } catch (GroupService.InvalidLeadersException e) {
            errors.rejectValue("leaders", "group.leaders.invalid");
            return newGroupPage(who, model);
        }
        redirect.addFlashAttribute("notice", "group.notice.created");
        return "redirect:/groups/" + id;
    }

    private String newGroupPage(StaffPrincipal who, Model model) {
        model.addAttribute("colleagues", groups.practitioners(who).stream()
                .filter(p -> !p.id().equals(who.id())).toList());
        model.addAttribute("settings", GroupSetting.values());
        return "groups/new";
    }

    /** Leaders get the group; other colleagues a 403 page with its name and leaders only. */
    @GetMapping("/{id}")
    String open(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model,
            HttpServletResponse response) {
        if (!groups.leads(who, id)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("group", groups.restricted(who, id));
            return "groups/restricted";
        }
        model.addAttribute("group", groups.open(who, id));
        return "groups/group";
    }

    @GetMapping("/{id}/edit")
    String edit(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        GroupService.GroupDetails details = groups.details(who, id);
        model.addAttribute("form", new GroupForm(details.name(), details.setting(), details.institution(),
                details.leaders()));
        return editPage(who, id, model);
    }

    @PostMapping("/{id}")
    String change(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("form") GroupForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        groups.requireLeader(who, id, "change group");
        if (!errors.hasErrors() && (form.leaders() == null || form.leaders().isEmpty())) {
            errors.rejectValue("leaders", "group.leaders.none");
        }
        if (errors.hasErrors()) {
            return editPage(who, id, model);
        }
        try {
            groups.change(who, id, form.details());
        } catch (GroupService.InvalidLeadersException e) {
            errors.rejectValue("leaders", "group.leaders.invalid");
            return editPage(who, id, model);
        }
        redirect.addFlashAttribute("notice", "group.notice.changed");
        return "redirect:/groups/" + id;
    }

    private String editPage(StaffPrincipal who, UUID id, Model model) {
        model.addAttribute("groupId", id);
        model.addAttribute("colleagues", groups.practitioners(who));
        model.addAttribute("settings", GroupSetting.values());
        return "groups/edit";
    }

    @PostMapping("/{id}/participants")
    String addParticipant(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            RedirectAttributes redirect) {
        String pseudonym = participants.addParticipant(who, id);
        redirect.addFlashAttribute("notice", "group.notice.participant-added");
        redirect.addFlashAttribute("added", pseudonym);
        return "redirect:/groups/" + id + "#participants";
    }

    @GetMapping("/{id}/sessions/new")
    String newSession(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("form", new SessionForm(null, null, Set.of(), "", Set.of()));
        return sessionPage(who, id, model);
    }

    @PostMapping("/{id}/sessions")
    String recordSession(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("form") SessionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        groups.requireLeader(who, id, "record session");
        if (errors.hasErrors()) {
            return sessionPage(who, id, model);
        }
        try {
            groups.recordSession(who, id, new GroupService.NewSession(form.heldOn(), form.minutes(),
                    form.themes() == null ? Set.of() : form.themes(), form.note(),
                    form.present() == null ? Set.of() : form.present()));
        } catch (GroupService.InvalidAttendanceException e) {
            errors.rejectValue("present", "group.present.invalid");
            return sessionPage(who, id, model);
        }
        redirect.addFlashAttribute("notice", "group.notice.session-recorded");
        return "redirect:/groups/" + id + "#sessions";
    }

    private String sessionPage(StaffPrincipal who, UUID id, Model model) {
        model.addAttribute("group", groups.forSessionForm(who, id));
        model.addAttribute("themes", Theme.values());
        return "groups/session-new";
    }

    @PostMapping("/{id}/participants/{participantId}/link")
    String link(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID participantId,
            @RequestParam UUID clientId, RedirectAttributes redirect) {
        try {
            participants.linkCase(who, id, participantId, clientId);
        } catch (GroupParticipants.CannotLinkException e) {
            redirect.addFlashAttribute("problem", "group.problem.cannot-link");
            return "redirect:/groups/" + id + "#participants";
        }
        redirect.addFlashAttribute("notice", "group.notice.linked");
        return "redirect:/groups/" + id + "#participants";
    }

    @PostMapping("/{id}/participants/{participantId}/unlink")
    String unlink(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID participantId, RedirectAttributes redirect) {
        participants.unlinkCase(who, id, participantId);
        redirect.addFlashAttribute("notice", "group.notice.unlinked");
        return "redirect:/groups/" + id + "#participants";
    }

    // A participant's private label (only the group's leaders).

    @GetMapping("/{id}/participants/{participantId}/label")
    String labelForm(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID participantId, Model model) {
        GroupParticipants.ParticipantView participant = participants.participant(who, id, participantId);
        model.addAttribute("labelForm", new LabelForm(participant.label()));
        model.addAttribute("participant", participant);
        return "groups/label";
    }

    @PostMapping("/{id}/participants/{participantId}/label")
    String label(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID participantId,
            @Valid @ModelAttribute("labelForm") LabelForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        groups.requireLeader(who, id, "label a participant");
        if (errors.hasErrors()) {
            GroupParticipants.ParticipantView participant = participants.participant(who, id, participantId);
            model.addAttribute("participant", participant);
            return "groups/label";
        }
        participants.label(who, id, participantId, form.label());
        redirect.addFlashAttribute("notice", "group.notice.labelled");
        return "redirect:/groups/" + id + "#participants";
    }

    @PostMapping("/{id}/participants/{participantId}/label/remove")
    String removeLabel(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID participantId, RedirectAttributes redirect) {
        participants.label(who, id, participantId, null);
        redirect.addFlashAttribute("notice", "group.notice.label-removed");
        return "redirect:/groups/" + id + "#participants";
    }

    // A case for a participant: the usual intake, started from the group.

    @GetMapping("/{id}/participants/{participantId}/case")
    String caseForm(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID participantId, Model model) {
        GroupParticipants.ParticipantView participant = participants.participant(who, id, participantId);
        model.addAttribute("form", new CaseForm(participant.suggestedPathway(), Set.of()));
        return casePage(participant, model);
    }

    @PostMapping("/{id}/participants/{participantId}/case")
    String openCase(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID participantId, @Valid @ModelAttribute("form") CaseForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        groups.requireLeader(who, id, "open a case for a participant");
        if (errors.hasErrors()) {
            return casePage(participants.participant(who, id, participantId), model);
        }
        RegisteredClient client;
        try {
            client = participants.openCase(who, id, participantId, new NewProspect(form.pathway(), form.areas(), false));
        } catch (GroupParticipants.CannotOpenCaseException e) {
            redirect.addFlashAttribute("problem", "group.problem.cannot-open-case");
            return "redirect:/groups/" + id + "#participants";
        }
        redirect.addFlashAttribute("notice", "group.notice.case-opened");
        return "redirect:/cases/" + client.id() + "/intake";
    }

    private String casePage(GroupParticipants.ParticipantView participant, Model model) {
        model.addAttribute("participant", participant);
        model.addAttribute("pathways", Pathway.values());
        model.addAttribute("areas", PhenomenonArea.values());
        return "groups/open-case";
    }
}
