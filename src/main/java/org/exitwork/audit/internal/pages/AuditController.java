package org.exitwork.audit.internal.pages;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditPage;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.AuditWording;
import org.exitwork.audit.internal.verification.VerificationJobs;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The data protection officer's view of the audit log of their organisation: its own chain's
 * numbers only, nothing from which another organisation's volume could be read. Reads the signed-in
 * organisation by expression, so this module does not depend on accounts (which depends on it).
 */
@Controller
@RequestMapping("/audit")
@PreAuthorize("hasRole('DATA_PROTECTION_OFFICER')")
class AuditController {

    /** One entry as the reader reads it: the codes in words of the reader's language. */
    record Line(AuditEntry entry, String actor, String action, String subject, String detail) {
    }

    private final AuditLog log;
    private final VerificationJobs jobs;
    private final AuditWording wording;

    AuditController(AuditLog log, VerificationJobs jobs, AuditWording wording) {
        this.log = log;
        this.jobs = jobs;
        this.wording = wording;
    }

    /** Entries on one page: enough to scan, few enough to read on a phone. */
    static final int PAGE_SIZE = 200;

    @GetMapping
    String recent(@AuthenticationPrincipal(expression = "organisationId") UUID organisation, Locale language,
            @RequestParam(required = false) Long before, @RequestParam(required = false) Long legacyFrom,
            Model model) {
        AuditPage page = log.page(organisation, before, legacyFrom, PAGE_SIZE);
        List<Line> lines = page.entries().stream().map(e -> new Line(e, wording.actor(e, language),
                wording.action(e.action(), language), wording.subject(e, language), wording.detailOf(e, language)))
                .toList();
        model.addAttribute("entries", lines);
        model.addAttribute("page", page);
        model.addAttribute("older", page.olderBefore() != null ? "/audit?before=" + page.olderBefore()
                : page.olderLegacyFrom() != null ? "/audit?legacyFrom=" + page.olderLegacyFrom() : null);
        model.addAttribute("paged", before != null || legacyFrom != null);
        model.addAttribute("lastVerification", jobs.newest(organisation).orElse(null));
        model.addAttribute("extents", AuditVerifier.Extent.values());
        return "audit/log";
    }

    /**
     * Starts the verification in the background (or finds the one running) and shows its page: from the
     * last signed checkpoint unless {@code extent=FULL} asks for every entry (anything else is 400).
     */
    @PostMapping("/verify")
    String verify(@AuthenticationPrincipal(expression = "organisationId") UUID organisation,
            @AuthenticationPrincipal(expression = "id") UUID officer,
            @RequestParam(defaultValue = "FROM_CHECKPOINT") String extent) {
        // Read here, after the role was checked: a visitor without it is refused whatever they send.
        AuditVerifier.Extent how = java.util.Arrays.stream(AuditVerifier.Extent.values())
                .filter(x -> x.name().equals(extent)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        // Checks the whole installation, but tells the organisation only about its own chain.
        return "redirect:/audit/verifications/" + jobs.start(organisation, officer, how);
    }

    /** How far the verification got, then what it found; with htmx the panel alone, every two seconds while it runs. */
    @GetMapping("/verifications/{id}")
    String verification(@AuthenticationPrincipal(expression = "organisationId") UUID organisation, @PathVariable UUID id,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("job", jobs.find(organisation, id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("extents", AuditVerifier.Extent.values());
        return htmx != null ? "audit/verification :: progress" : "audit/verification";
    }
}
