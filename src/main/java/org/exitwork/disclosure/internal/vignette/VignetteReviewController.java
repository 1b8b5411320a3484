package org.exitwork.disclosure.internal.vignette;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.disclosure.internal.gate.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Review of vignettes (R16): a practitioner or manager of the organisation who is no author reads a
 * vignette awaiting review (code, group, title and text; never its case) and releases it to the group
 * through the gate or sends it back. Its authors get 403; once decided, 404.
 */
@Controller
@RequestMapping("/vignettes/review")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER')")
class VignetteReviewController {

    private final Vignettes vignettes;

    VignetteReviewController(Vignettes vignettes) {
        this.vignettes = vignettes;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("vignettes", vignettes.awaitingReview(who));
        return "disclosure/vignette-reviews";
    }

    @GetMapping("/{vignetteId}")
    String review(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID vignetteId, Model model) {
        model.addAttribute("vignette", vignettes.inReview(who, vignetteId));
        return "disclosure/vignette-review";
    }

    @PostMapping("/{vignetteId}/release")
    String release(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID vignetteId,
            @RequestParam int version, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (version < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            vignettes.release(who, vignetteId, version);
        } catch (Vignettes.Flagged | Refused refused) {
            // Refused and audited; the page shows what stands in the way.
            model.addAttribute("releaseRefused", true);
            String page = review(who, vignetteId, model);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page;
        } catch (Vignettes.ChangedMeanwhile changed) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notice", "vignettes.notice.released");
        return "redirect:/vignettes/review";
    }

    @PostMapping("/{vignetteId}/send-back")
    String sendBack(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID vignetteId,
            @RequestParam int version, RedirectAttributes redirect) {
        if (version < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        if (!vignettes.sendBack(who, vignetteId, version)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
        redirect.addFlashAttribute("notice", "vignettes.notice.sent-back");
        return "redirect:/vignettes/review";
    }
}
