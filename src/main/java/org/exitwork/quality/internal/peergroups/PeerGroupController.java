package org.exitwork.quality.internal.peergroups;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.quality.Principle;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cross-evaluation groups at {@code /peer-groups} (R16): members (own practitioners and managers, and
 * peers of other organisations) read their groups; managers create them, add and remove members, record
 * meetings and invite peers. The only pages a peer reaches (accounts' security lets a peer nowhere else).
 */
@Controller
@RequestMapping("/peer-groups")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'PEER')")
class PeerGroupController {

    /** A user name as accounts accepts it (accounts.internal.account.Usernames.PATTERN). */
    static final String USERNAME = "[a-zA-Z0-9._-]+";

    record GroupForm(@NotBlank @Size(max = 200) String name) {
    }

    record MemberForm(@NotNull UUID staffId) {
    }

    record MeetingForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn) {
    }

    record InviteForm(@NotBlank @Size(max = 200) String displayName,
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = USERNAME) String username,
            @NotBlank @Size(max = 200) String homeOrganisation) {
    }

    private final PeerGroups groups;

    PeerGroupController(PeerGroups groups) {
        this.groups = groups;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new GroupForm(""));
        return listPage(who, model);
    }

    @PostMapping
    @PreAuthorize("hasRole('MANAGER')")
    String create(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") GroupForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return listPage(who, model);
        }
        UUID id = groups.create(who, form.name().strip());
        redirect.addFlashAttribute("notice", "peergroups.notice.created");
        return "redirect:/peer-groups/" + id;
    }

    @GetMapping("/{id}")
    String group(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        return groupPage(who, id, model);
    }

    @PostMapping("/{id}/members")
    @PreAuthorize("hasRole('MANAGER')")
    String addMember(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("memberForm") MemberForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                groups.addMember(who, id, form.staffId());
                redirect.addFlashAttribute("notice", "peergroups.notice.member-added");
                return "redirect:/peer-groups/" + id;
            } catch (PeerGroups.Refused refused) {
                errors.rejectValue("staffId", refused.reason);
            }
        }
        return groupPage(who, id, model);
    }

    @PostMapping("/{id}/members/{staffId}/remove")
    @PreAuthorize("hasRole('MANAGER')")
    String removeMember(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable UUID staffId, RedirectAttributes redirect) {
        groups.removeMember(who, id, staffId);
        redirect.addFlashAttribute("notice", "peergroups.notice.member-removed");
        return "redirect:/peer-groups/" + id;
    }

    @PostMapping("/{id}/meetings")
    @PreAuthorize("hasRole('MANAGER')")
    String recordMeeting(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("meetingForm") MeetingForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                groups.recordMeeting(who, id, form.heldOn());
                redirect.addFlashAttribute("notice", "peergroups.notice.meeting-recorded");
                return "redirect:/peer-groups/" + id;
            } catch (PeerGroups.Refused refused) {
                errors.rejectValue("heldOn", refused.reason);
            }
        }
        return groupPage(who, id, model);
    }

    @GetMapping("/peers")
    @PreAuthorize("hasRole('MANAGER')")
    String peers(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("form", new InviteForm("", "", ""));
        return peersPage(who, model);
    }

    @PostMapping("/peers")
    @PreAuthorize("hasRole('MANAGER')")
    String invite(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") InviteForm form,
            BindingResult errors, Model model) {
        if (errors.hasErrors()) {
            return peersPage(who, model);
        }
        NewAccount created;
        try {
            created = groups.invite(who, form.username().strip().toLowerCase(java.util.Locale.ROOT),
                    form.displayName().strip(), form.homeOrganisation().strip());
        } catch (AccountAdministration.UsernameTaken taken) {
            errors.rejectValue("username", "username.taken");
            return peersPage(who, model);
        }
        // The temporary password appears in this one response, never in a redirect or the session.
        model.addAttribute("created", created);
        model.addAttribute("form", new InviteForm("", "", ""));
        return peersPage(who, model);
    }

    private String listPage(StaffPrincipal who, Model model) {
        model.addAttribute("groups", groups.visibleTo(who));
        model.addAttribute("canKeep", who.is(Role.MANAGER));
        return "quality/peer-groups";
    }

    private String groupPage(StaffPrincipal who, UUID id, Model model) {
        model.addAttribute("group", groups.open(who, id));
        model.addAttribute("principles", Principle.values());
        model.addAttribute("member", groups.isMember(who, id));
        boolean canKeep = who.is(Role.MANAGER);
        model.addAttribute("canKeep", canKeep);
        if (canKeep) {
            model.addAttribute("candidates", groups.candidates(who, id));
            if (!model.containsAttribute("memberForm")) {
                model.addAttribute("memberForm", new MemberForm(null));
            }
            if (!model.containsAttribute("meetingForm")) {
                model.addAttribute("meetingForm", new MeetingForm(null));
            }
        }
        return "quality/peer-group";
    }

    private String peersPage(StaffPrincipal who, Model model) {
        model.addAttribute("peers", groups.peers(who));
        return "quality/peers";
    }
}
