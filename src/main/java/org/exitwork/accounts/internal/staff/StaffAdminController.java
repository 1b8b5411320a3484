package org.exitwork.accounts.internal.staff;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.CarriedWork;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.Usernames;
import org.exitwork.accounts.internal.resets.ResetKind;
import org.exitwork.accounts.internal.resets.ResetRequests;
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

/** The administrator's page: staff accounts of their own organisation. No case data here. */
@Controller
@RequestMapping("/admin/staff")
@PreAuthorize("hasRole('ADMIN')")
class StaffAdminController {

    record NewStaffForm(@NotBlank @Size(min = 3, max = 64) @Pattern(regexp = Usernames.PATTERN) String username,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role) {
    }

    private final AccountService accounts;
    private final ResetRequests resets;
    private final java.time.Clock clock;
    private final java.util.List<CarriedWork> carriedWork;

    StaffAdminController(AccountService accounts, ResetRequests resets, java.time.Clock clock,
            java.util.List<CarriedWork> carriedWork) {
        this.accounts = accounts;
        this.resets = resets;
        this.clock = clock;
        this.carriedWork = carriedWork;
    }

    /**
     * The organisation's accounts, fifty a page by name, of one role when chosen. A value the page does
     * not offer (an unknown role, a cursor that is no id) is answered 400 before anything is read.
     */
    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal admin, @RequestParam(required = false) Role role,
            @RequestParam(required = false) UUID after, @RequestParam(required = false) UUID before, Model model) {
        model.addAttribute("form", new NewStaffForm("", "", Role.PRACTITIONER));
        return page(admin, role, after, before, model);
    }

    @PostMapping
    String create(@AuthenticationPrincipal StaffPrincipal admin, @Valid @ModelAttribute("form") NewStaffForm form,
            BindingResult errors, Model model) {
        if (!errors.hasFieldErrors("role") && form.role() != null && !form.role().isStaff()) {
            // Peers are invited by a manager into a cross-evaluation group, never made here.
            errors.rejectValue("role", "staff.role.peer-invited");
        }
        if (errors.hasErrors()) {
            return page(admin, model);
        }
        NewAccount created;
        try {
            created = accounts.createStaff(admin, Usernames.normalise(form.username()),
                    form.displayName().strip(), form.role());
        } catch (AccountService.UsernameTakenException e) {
            errors.rejectValue("username", "username.taken");
            return page(admin, model);
        }
        // The temporary password appears in this one response, never in a redirect or the session.
        model.addAttribute("created", created);
        model.addAttribute("form", new NewStaffForm("", "", Role.PRACTITIONER));
        return page(admin, model);
    }

    /**
     * Only a request (R6): a manager other than this administrator approves it, and the temporary
     * password is shown to that manager, never here.
     */
    @PostMapping("/{id}/reset-password")
    String resetPassword(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id,
            RedirectAttributes redirect) {
        return requestReset(admin, id, ResetKind.PASSWORD, redirect);
    }

    @PostMapping("/{id}/reset-second-factor")
    String resetSecondFactor(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id,
            RedirectAttributes redirect) {
        return requestReset(admin, id, ResetKind.SECOND_FACTOR, redirect);
    }

    private String requestReset(StaffPrincipal admin, UUID id, ResetKind kind, RedirectAttributes redirect) {
        try {
            resets.request(admin, id, kind);
        } catch (ResetRequests.Closed e) {
            redirect.addFlashAttribute("problem", e.reason);
            return "redirect:/admin/staff";
        }
        redirect.addFlashAttribute("notice", "reset.notice.requested");
        return "redirect:/admin/staff";
    }

    @PostMapping("/{id}/unlock")
    String unlock(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, RedirectAttributes redirect) {
        accounts.unlock(admin, id);
        redirect.addFlashAttribute("notice", "staff.notice.unlocked");
        return "redirect:/admin/staff";
    }

    @PostMapping("/{id}/active")
    String setActive(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id,
            @RequestParam boolean active, RedirectAttributes redirect) {
        try {
            accounts.setActive(admin, id, active);
        } catch (AccountService.CannotDeactivateSelfException e) {
            redirect.addFlashAttribute("problem", "staff.problem.deactivate-self");
            return "redirect:/admin/staff";
        }
        // Deactivating someone who still carries cases: the programme managers hand each one over
        // (the overview lists them); the administrator, who sees no case, is told how it goes on.
        redirect.addFlashAttribute("notice", active ? "staff.notice.reactivated"
                : carried(admin.organisationId(), id) > 0 ? "staff.notice.deactivated-hand-over"
                : "staff.notice.deactivated");
        return "redirect:/admin/staff";
    }

    /** The address of the page beside this one, naming the role when one is chosen. */
    private static String pageLink(Role role, String side, UUID cursor) {
        org.springframework.web.util.UriComponentsBuilder link = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/admin/staff");
        if (role != null) {
            link.queryParam("role", role);
        }
        return cursor == null ? null : link.queryParam(side, cursor).build().toUriString();
    }

    private long carried(UUID organisationId, UUID staffId) {
        return carriedWork.stream().mapToLong(w -> w.openCases(organisationId, staffId)).sum();
    }

    private String page(StaffPrincipal admin, Model model) {
        return page(admin, null, null, null, model);
    }

    private String page(StaffPrincipal admin, Role role, UUID after, UUID before, Model model) {
        org.exitwork.platform.KeysetPage<org.exitwork.accounts.internal.account.Account> page =
                accounts.staffPage(admin, role, after, before);
        java.util.List<org.exitwork.accounts.internal.account.Account> staff = page.rows();
        // The open cases of the page's accounts in one query per module that gives work, not one per account.
        java.util.List<UUID> ids = staff.stream().map(org.exitwork.accounts.internal.account.Account::id).toList();
        java.util.Map<UUID, Long> carried = new java.util.HashMap<>();
        ids.forEach(id -> carried.put(id, 0L));
        carriedWork.forEach(w -> w.openCases(admin.organisationId(), ids).forEach((id, n) -> carried.merge(id, n, Long::sum)));
        model.addAttribute("carried", carried);
        model.addAttribute("staff", staff);
        model.addAttribute("page", page);
        model.addAttribute("role", role);
        model.addAttribute("previousLink", pageLink(role, "before", page.previousBefore()));
        model.addAttribute("nextLink", pageLink(role, "after", page.nextAfter()));
        model.addAttribute("resetsWaiting", resets.waitingByAccount(admin.organisationId()));
        model.addAttribute("roles", java.util.Arrays.stream(Role.values()).filter(Role::isStaff).toList());
        model.addAttribute("now", clock.instant());
        return "accounts/staff";
    }
}
