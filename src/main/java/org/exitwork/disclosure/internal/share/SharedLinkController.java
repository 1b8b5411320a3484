package org.exitwork.disclosure.internal.share;

import java.nio.charset.StandardCharsets;

import org.exitwork.disclosure.internal.Download;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The partner's download of a share (R9), public: whoever holds the link gets the document while
 * it is valid. Unknown, expired and withdrawn links, a consent revoked or ended since the share, and
 * an erased client all get the same 404, so the link says nothing about the case.
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
    ResponseEntity<byte[]> fetch(@PathVariable String token) {
        return shares.fetch(token).map(Download::answer).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(messages.getMessage("shares.link.invalid", null, LocaleContextHolder.getLocale())
                        .getBytes(StandardCharsets.UTF_8)));
    }
}
