package org.exitwork.disclosure.internal.conference;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.Organisations;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.disclosure.internal.gate.Refused;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Case conferences (R10): the tandem plans them, records the minutes and sends them; colleagues who
 * broke the glass read. The form offers only partners the client has a valid consent for today;
 * whatever is posted, the service refuses any other partner (409, nothing stored).
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ConferenceController {

    static final int MAX_PARTNERS = 30;

    record InviteeRow(UUID partnerId, Boolean chosen, @Size(max = 300) String attendees) {
    }

    record PlanForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @NotBlank @Size(max = 1000) String purpose, @Size(max = MAX_PARTNERS) List<@Valid InviteeRow> invitees,
            Boolean clientInvited) {

        PlanForm {
            clientInvited = Boolean.TRUE.equals(clientInvited);
            invitees = invitees == null ? new ArrayList<>() : new ArrayList<>(invitees);
        }

        List<Conferences.Invitee> chosen() {
            return invitees.stream().filter(r -> Boolean.TRUE.equals(r.chosen()) && r.partnerId() != null)
                    .map(r -> new Conferences.Invitee(r.partnerId(), r.attendees())).toList();
        }
    }

    record MinutesForm(@NotBlank @Size(max = 20000) String minutes, Boolean clientTookPart) {
    }

    private final Conferences conferences;
    private final Clock clock;
    private final Organisations organisations;

    ConferenceController(Conferences conferences, Clock clock, Organisations organisations) {
        this.conferences = conferences;
        this.clock = clock;
        this.organisations = organisations;
    }

    @GetMapping("/cases/{id}/conferences")
    String list(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("view", conferences.read(who, id));
        return "disclosure/conference/list";
    }

    @GetMapping("/cases/{id}/conferences/new")
    String form(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        model.addAttribute("ref", conferences.requireWritable(who, id));
        List<Conferences.Offer> offers = conferences.offerable(who, id);
        model.addAttribute("offers", offers);
        if (!model.containsAttribute("planForm")) {
            model.addAttribute("planForm", new PlanForm(LocalDate.now(clock), "", offers.stream()
                    .map(o -> new InviteeRow(o.partnerId(), false, "")).toList(), false));
        }
        return "disclosure/conference/new";
    }

    @PostMapping("/cases/{id}/conferences")
    String plan(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("planForm") PlanForm form, BindingResult errors, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        conferences.requireWritable(who, id);
        if (form.chosen().isEmpty() && !errors.hasErrors()) {
            errors.rejectValue("invitees", "conferences.partners.none");
        }
        if (errors.hasErrors()) {
            return form(who, id, model);
        }
        try {
            conferences.plan(who, id, new Conferences.NewConference(form.heldOn(), form.purpose(), form.chosen(),
                    form.clientInvited()));
        } catch (Refused refused) {
            errors.reject(refused.messageKey(), refused.messageArguments(), null);
            String page = form(who, id, model);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page;
        }
        redirect.addFlashAttribute("notice", "conferences.notice.planned");
        return "redirect:/cases/" + id + "/conferences";
    }

    @GetMapping("/cases/{id}/conferences/{conferenceId}")
    String show(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID conferenceId,
            Model model) {
        Conferences.One one = conferences.readOne(who, id, conferenceId, false);
        model.addAttribute("one", one);
        if (!model.containsAttribute("minutesForm")) {
            Conference c = one.conference();
            model.addAttribute("minutesForm", new MinutesForm(c.minutes() == null ? "" : c.minutes(), c.clientTookPart()));
        }
        return "disclosure/conference/show";
    }

    @PostMapping("/cases/{id}/conferences/{conferenceId}/minutes")
    String minutes(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID conferenceId,
            @Valid @ModelAttribute("minutesForm") MinutesForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        conferences.requireWritable(who, id);
        if (!errors.hasErrors()) {
            try {
                conferences.recordMinutes(who, id, conferenceId, form.minutes(), form.clientTookPart());
            } catch (Conferences.MinutesNameTheClient named) {
                errors.rejectValue("minutes", "conferences.minutes.names-client");
            }
        }
        if (errors.hasErrors()) {
            return show(who, id, conferenceId, model);
        }
        redirect.addFlashAttribute("notice", "conferences.notice.minutes");
        return "redirect:/cases/" + id + "/conferences/" + conferenceId;
    }

    @PostMapping("/cases/{id}/conferences/{conferenceId}/send")
    String send(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID conferenceId,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Conferences.Sent sent;
        try {
            sent = conferences.send(who, id, conferenceId);
        } catch (Conferences.MinutesNameTheClient named) {
            model.addAttribute("sendRefused", true);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return show(who, id, conferenceId, model);
        }
        redirect.addFlashAttribute("notice", sent.refused() == 0 ? "conferences.notice.sent"
                : "conferences.notice.sent-some-refused");
        return "redirect:/cases/" + id + "/conferences/" + conferenceId;
    }

    @GetMapping("/cases/{id}/conferences/{conferenceId}/print")
    String print(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID conferenceId,
            Model model) {
        model.addAttribute("one", conferences.readOne(who, id, conferenceId, true));
        model.addAttribute("noticeEn", ConferenceMinutes.NOTICE_EN);
        model.addAttribute("noticeDe", ConferenceMinutes.NOTICE_DE);
        // The printed minutes leave the organisation: they name it as the sender.
        model.addAttribute("sender", organisations.contact(who.organisationId()));
        return "disclosure/conference/print";
    }
}
