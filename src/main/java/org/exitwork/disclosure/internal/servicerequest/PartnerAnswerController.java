package org.exitwork.disclosure.internal.servicerequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.exitwork.disclosure.internal.Download;
import org.exitwork.disclosure.internal.LinkToken;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The partner's link to a service request (R11), public: whoever holds the link sees that one request,
 * exactly as it went out, and answers it with the next status, their name and, for a rejection, the
 * reason. Opening the link shows a page with one button and nothing else: mail scanners and chat
 * previews open links by themselves, and they would read the request (and spend a use of the link,
 * audited as the partner's opening). That page is the same for every well-formed token, looked up
 * nowhere; the button (a POST) shows the request, counted and audited. Unknown, expired and ended links,
 * a consent revoked or ended since, and an erased client all get the very answer a closed share link
 * gets there, so the link says nothing about the case. No form here carries a form token: the link is
 * the credential, nobody is signed in, and a token kept in a session would stop the answer working after
 * the idle time, on a page left open while the partner asks a colleague.
 */
@Controller
@PreAuthorize("permitAll()")
class PartnerAnswerController {

    static final int REASON_MAX = 2000;

    record AnswerForm(@NotNull TaskStatus status, @NotNull Integer version,
            @Size(max = ServiceRequests.NAME_MAX) String name, @Size(max = REASON_MAX) String reason) {

        void check(BindingResult errors) {
            if (name == null || name.isBlank()) {
                errors.rejectValue("name", "servicerequests.answer.name.missing");
            }
            if (status == TaskStatus.REJECTED && (reason == null || reason.isBlank())) {
                errors.rejectValue("reason", "servicerequests.answer.reason.missing");
            }
        }
    }

    private final ServiceRequests requests;
    private final MessageSource messages;

    PartnerAnswerController(ServiceRequests requests, MessageSource messages) {
        this.requests = requests;
        this.messages = messages;
    }

    @GetMapping("/service-request/{token}")
    String landing(@PathVariable String token, @RequestParam(required = false) String answered, Model model,
            HttpServletResponse response) throws IOException {
        if (!LinkToken.wellFormed(token)) {
            return closed(response);
        }
        model.addAttribute("token", token);
        if ("true".equals(answered)) {
            // Says only what the partner just did; the page itself is still the same for every token (any
            // other value is as if none were given: the page, never an error).
            model.addAttribute("notice", "servicerequests.answer.saved");
        }
        return "disclosure/service-request-link";
    }

    @PostMapping("/service-request/{token}/open")
    String show(@PathVariable String token, Model model, HttpServletResponse response) throws IOException {
        var view = requests.open(token);
        if (view.isEmpty()) {
            return closed(response);
        }
        model.addAttribute("answerForm", new AnswerForm(null, view.get().version(), "", ""));
        // The language links lead back to the link's page (this address answers only the button's POST).
        model.addAttribute("currentPath", "/service-request/" + token);
        return page(token, view.get(), model);
    }

    @PostMapping("/service-request/{token}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String token) {
        return requests.pdf(token).map(Download::answer).orElseGet(() -> ResponseEntity.status(404)
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)).body(closedText()));
    }

    @PostMapping("/service-request/{token}")
    String answer(@PathVariable String token, @Valid @ModelAttribute("answerForm") AnswerForm form,
            BindingResult errors, Model model, HttpServletResponse response)
            throws IOException {
        // One request, one use of the link (it has a daily budget): a form with mistakes reads the page again,
        // an answer is checked and saved (or the page read again when stale) in one call.
        if (form != null && errors.getTarget() != null) {
            form.check(errors);
        }
        if (form == null || errors.getTarget() == null || errors.hasErrors()) {
            var current = requests.current(token);
            if (current.isEmpty()) {
                return closed(response);
            }
            return page(token, current.get(), model);
        }
        ServiceRequests.Answered result = requests.answer(token, new ServiceRequests.Answer(form.status(),
                form.version(), form.name(), form.reason()));
        if (result.result() == ServiceRequests.AnswerResult.CLOSED) {
            return closed(response);
        }
        if (result.result() == ServiceRequests.AnswerResult.STALE) {
            errors.reject("servicerequests.answer.stale");
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return page(token, result.stale(), model);
        }
        // Back to the link's page, which says the answer was recorded (no session keeps a message for it).
        return "redirect:/service-request/" + token + "?answered=true";
    }

    private static String page(String token, ServiceRequests.PartnerView view, Model model) {
        model.addAttribute("view", view);
        model.addAttribute("token", token);
        return "disclosure/service-request-partner";
    }

    /**
     * The closed link: the same status, headers and words as a closed share link, and nothing else. Not
     * flushed here: the answer leaves when the request ends, after the page's transaction has committed
     * what the link's use recorded (its refusal), never before.
     */
    private String closed(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8).toString());
        response.getOutputStream().write(closedText());
        return null;
    }

    private byte[] closedText() {
        return messages.getMessage("shares.link.invalid", null, LocaleContextHolder.getLocale())
                .getBytes(StandardCharsets.UTF_8);
    }
}
