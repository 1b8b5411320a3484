package org.exitwork.programme.internal.ratings;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
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

/** The outcomes of the case's programme, rated with the client; the chart is on the case page. */
@Controller
@RequestMapping("/cases/{id}/outcomes")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class OutcomeRatingsController {

    static final int MAX_ROWS = 40;

    record Entry(UUID outcome, @Min(1) @Max(10) Integer score, @Size(max = 2000) String comment) {
    }

    record RatingForm(@NotNull @PastOrPresent @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate ratedOn,
            @Size(max = MAX_ROWS) List<@Valid Entry> entries) {

        List<Entry> entryList() {
            return entries == null ? List.of() : entries.stream().filter(Objects::nonNull).toList();
        }
    }

    private final OutcomeRatings ratings;

    OutcomeRatingsController(OutcomeRatings ratings) {
        this.ratings = ratings;
    }

    @GetMapping
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        OutcomeRatings.Page page = ratings.page(who, id);
        model.addAttribute("page", page);
        List<Entry> blank = page.programme() == null ? List.of()
                : page.programme().outcomes().stream().map(o -> new Entry(o.id(), null, "")).toList();
        if (!model.containsAttribute("outcomeRatingForm")) {
            model.addAttribute("outcomeRatingForm", new RatingForm(LocalDate.now(), blank));
        }
        // A form whose values could not even be converted is shown again from the programme's outcomes.
        model.addAttribute("ratingEntries",
                model.getAttribute("outcomeRatingForm") instanceof RatingForm form ? form.entryList() : blank);
        // A HashMap: an entry whose outcome could not be read looks up null, which Map.of() refuses.
        model.addAttribute("outcomes", page.programme() == null ? new java.util.HashMap<>()
                : page.programme().outcomesById());
        return "programme/outcomes";
    }

    @PostMapping
    String rate(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @Valid @ModelAttribute("outcomeRatingForm") RatingForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            List<OutcomeRatings.NewRating> entries = form.entryList().stream().filter(e -> e.score() != null)
                    .map(e -> new OutcomeRatings.NewRating(e.outcome(), e.score(), e.comment())).toList();
            try {
                ratings.rate(who, id, form.ratedOn(), entries);
                redirect.addFlashAttribute("notice", "outcomes.notice.saved");
                return "redirect:/cases/" + id + "/outcomes";
            } catch (OutcomeRatings.Refused refused) {
                if (refused.field == null) {
                    errors.reject(refused.code);
                } else {
                    errors.rejectValue(refused.field, refused.code);
                }
            }
        }
        return page(who, id, model);
    }
}
