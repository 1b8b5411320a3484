package org.exitwork.disclosure.internal.share;

import java.nio.charset.StandardCharsets;

import org.exitwork.disclosure.internal.Download;
import org.exitwork.disclosure.internal.LinkToken;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The partner's download of a share (R9), public: whoever holds the link gets the document while
 * it is valid. Opening the link shows a page with a download button and nothing else: mail scanners
 * and chat previews open links by themselves, and they would take the document (and spend a use of
 * the link, audited as the partner's download). The page is the same for every well-formed token,
 * looked up nowhere; the download (a POST) is where the share is found, counted and audited. Unknown,
 * expired and withdrawn links, a consent revoked or ended since the share, and an erased client all
 * get the same 404 there, so the link says nothing about the case.
 */
@Controller
@PreAuthorize("permitAll()")
class SharedLinkController {

    private final Shares shares;
    private final MessageSource messages;

    SharedLinkController(Shares shares, MessageSource messages) {
        this.shares = shares;
        this.messages = messages;
    }

    @GetMapping("/shared/{token}")
    Object landing(@PathVariable String token, Model model) {
        if (!LinkToken.wellFormed(token)) {
            return invalid();
        }
        model.addAttribute("token", token);
        return "shares/link";
    }

    @PostMapping("/shared/{token}")
    ResponseEntity<byte[]> fetch(@PathVariable String token) {
        return shares.fetch(token).map(Download::answer).orElseGet(this::invalid);
    }

    private ResponseEntity<byte[]> invalid() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(messages.getMessage("shares.link.invalid", null, LocaleContextHolder.getLocale())
                        .getBytes(StandardCharsets.UTF_8));
    }
}
