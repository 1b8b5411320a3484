package org.exitwork.cases.internal.agreement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.CaseAccess;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The work agreement of a case (R3). Who may do what is decided by {@link WorkAgreements} through
 * {@link CaseAccess}, before any form is looked at, so that refusals are audited and bad input from
 * someone without access tells them nothing.
 */
@Controller
@RequestMapping("/cases/{id}/agreement")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class AgreementController {

    /** Empty fields for new changes below the existing ones: the form works without JavaScript. */
    static final int BLANK_CHANGES = 3;
    /** Rows a form may have: aimed-for changes of a version, ratings at once. */
    static final int MAX_ROWS = 40;
    private static final Pattern INDEX = Pattern.compile("^([^\\[]*)\\[(\\d+)]");

    record ChangeField(UUID thread, @Size(max = 1000) String wording) {
    }

    record VersionForm(@NotBlank @Size(max = 4000) String objective,
            @Valid @Size(max = MAX_ROWS) List<ChangeField> changes,
            @NotBlank @Size(max = 4000) String nextSteps,
            @NotNull @jakarta.validation.constraints.Pattern(regexp = "en|de") String language,
            @NotNull @Min(0) Integer basedOn) {

        public List<ChangeField> changeList() {
            return changes == null ? List.of() : changes.stream().filter(Objects::nonNull).toList();
        }
    }

    record ClientAgreementForm(
            @NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate agreedOn,
            @NotNull AgreedHow how,
            @Size(max = 500) String note) {
    }

    record RatingField(UUID thread, @Min(1) @Max(5) Integer score, @Size(max = 2000) String comment) {
    }

    record RatingForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate ratedOn,
            @Valid @Size(max = MAX_ROWS) List<RatingField> entries) {

        public List<RatingField> entryList() {
            return entries == null ? List.of() : entries.stream().filter(Objects::nonNull).toList();
        }
    }

    private final WorkAgreements agreements;

    AgreementController(WorkAgreements agreements) {
        this.agreements = agreements;
    }

    /**
     * Rows of a list arrive numbered (changes[0], changes[1] ...). Spring's constructor binding
     * throws (500) for a number at or above its growth limit, and a gap in the numbers leaves an
     * empty row that the form cannot show again; neither comes from our forms, so such a request is
     * refused as bad input before binding.
     */
    @InitBinder({"versionForm", "ratingForm"})
    void refuseImpossibleRows(WebRequest request) {
        Map<String, Set<Integer>> rows = new HashMap<>();
        for (String name : request.getParameterMap().keySet()) {
            Matcher index = INDEX.matcher(name);
            while (index.find()) {
                if (index.group(2).length() > 4 || Integer.parseInt(index.group(2)) >= MAX_ROWS) {
                    throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
                }
                rows.computeIfAbsent(index.group(1), k -> new HashSet<>()).add(Integer.parseInt(index.group(2)));
            }
        }
        for (Set<Integer> numbers : rows.values()) {
            if (numbers.size() != Collections.max(numbers) + 1) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            }
        }
    }

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        WorkAgreements.Agreement agreement = agreements.open(who, id);
        model.addAttribute("agreement", agreement);
        model.addAttribute("ways", AgreedHow.values());
        if (!model.containsAttribute("clientAgreementForm")) {
            model.addAttribute("clientAgreementForm", new ClientAgreementForm(LocalDate.now(), null, ""));
        }
        WorkAgreements.Version current = agreement.current();
        List<RatingField> unrated = current == null ? List.of()
                : current.changes().stream().map(c -> new RatingField(c.thread(), null, "")).toList();
        if (!model.containsAttribute("ratingForm")) {
            model.addAttribute("ratingForm", new RatingForm(LocalDate.now(), unrated));
        }
        // A form whose values could not even be converted (a date that is no date) is not built at all.
        model.addAttribute("ratingEntries",
                model.getAttribute("ratingForm") instanceof RatingForm form ? form.entryList() : unrated);
        return "cases/agreement";
    }

    @GetMapping("/new")
    String newVersion(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        WorkAgreements.Basis basis = agreements.basis(who, id);
        WorkAgreements.Version latest = basis.latest();
        model.addAttribute("versionForm", new VersionForm(latest == null ? "" : latest.objective(), prefilled(basis),
                latest == null ? "" : latest.nextSteps(), latest == null ? basis.clientLanguage() : latest.language(),
                basis.number()));
        return versionPage(basis, model);
    }

    /** The latest version's changes, then empty fields for new ones. */
    private static List<ChangeField> prefilled(WorkAgreements.Basis basis) {
        List<ChangeField> changes = new ArrayList<>();
        if (basis.latest() != null) {
            basis.latest().changes().forEach(c -> changes.add(new ChangeField(c.thread(), c.wording())));
        }
        for (int i = 0; i < BLANK_CHANGES; i++) {
            changes.add(new ChangeField(null, ""));
        }
        return changes;
    }

    private String versionPage(WorkAgreements.Basis basis, Model model) {
        model.addAttribute("basis", basis);
        model.addAttribute("languages", WorkAgreements.LANGUAGES.stream().sorted().toList());
        // A form whose values could not even be converted (a tampered hidden field) is not built at all.
        model.addAttribute("changeFields",
                model.getAttribute("versionForm") instanceof VersionForm form ? form.changeList() : prefilled(basis));
        return "cases/agreement-new";
    }

    @PostMapping
    String write(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("versionForm") VersionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        agreements.requireWritable(who, id, "write work agreement");
        if (!errors.hasErrors()) {
            try {
                agreements.write(who, id, new WorkAgreements.NewVersion(form.objective(),
                        form.changeList().stream()
                                .map(c -> new WorkAgreements.AimedChange(c.thread(), c.wording())).toList(),
                        form.nextSteps(), form.language(), form.basedOn()));
                redirect.addFlashAttribute("notice", "agreement.notice.written");
                return "redirect:/cases/" + id + "/agreement#draft";
            } catch (WorkAgreements.Refused refused) {
                reject(errors, refused);
            } catch (DuplicateKeyException | ConcurrencyFailureException sameMoment) {
                // Both based on the same version, saved at the same moment: the other one got the next number.
                errors.reject("agreement.problem.newer-version");
            }
        }
        return versionPage(agreements.basis(who, id), model);
    }

    @PostMapping("/{version}/client-agreement")
    String recordClientAgreement(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable int version, @Valid @ModelAttribute("clientAgreementForm") ClientAgreementForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        agreements.requireWritable(who, id, "record client's agreement");
        if (!errors.hasErrors()) {
            try {
                agreements.recordClientAgreement(who, id, version, form.agreedOn(), form.how(), form.note());
                redirect.addFlashAttribute("notice", "agreement.notice.agreed");
                return "redirect:/cases/" + id + "/agreement";
            } catch (WorkAgreements.Refused refused) {
                reject(errors, refused);
            }
        }
        return page(who, id, model);
    }

    @PostMapping("/ratings")
    String rate(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("ratingForm") RatingForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        agreements.requireWritable(who, id, "rate progress");
        if (!errors.hasErrors()) {
            List<WorkAgreements.NewRating> ratings = form.entryList().stream().filter(e -> e.score() != null)
                    .map(e -> new WorkAgreements.NewRating(e.thread(), e.score(), e.comment())).toList();
            try {
                agreements.rate(who, id, form.ratedOn(), ratings);
                redirect.addFlashAttribute("notice", "rating.notice.saved");
                return "redirect:/cases/" + id + "/agreement#progress";
            } catch (WorkAgreements.Refused refused) {
                reject(errors, refused);
            }
        }
        return page(who, id, model);
    }

    // The version as a PDF (GET /{version}/pdf) leaves through the disclosure gate: disclosure.internal.client.

    private static void reject(BindingResult errors, WorkAgreements.Refused refused) {
        if (refused.field == null) {
            errors.reject(refused.code);
        } else {
            errors.rejectValue(refused.field, refused.code);
        }
    }
}
