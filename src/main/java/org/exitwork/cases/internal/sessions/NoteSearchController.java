package org.exitwork.cases.internal.sessions;

import jakarta.servlet.http.HttpServletResponse;
import org.exitwork.accounts.StaffPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Search in the notes of one's own cases. Practitioners only: the search covers the cases one
 * carries in a tandem, and only practitioners carry cases.
 */
@Controller
@PreAuthorize("hasRole('PRACTITIONER')")
class NoteSearchController {

    private final NoteSearch search;

    NoteSearchController(NoteSearch search) {
        this.search = search;
    }

    @GetMapping("/cases/search")
    String search(@AuthenticationPrincipal StaffPrincipal who, @RequestParam(required = false) String q, Model model,
            HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("minLength", NoteSearch.MIN_LENGTH);
        model.addAttribute("maxLength", NoteSearch.MAX_LENGTH);
        if (q == null) {
            return "cases/search";
        }
        if (!NoteSearch.acceptable(q)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("queryProblem", true);
            return "cases/search";
        }
        model.addAttribute("result", search.search(who, q));
        return "cases/search";
    }
}
