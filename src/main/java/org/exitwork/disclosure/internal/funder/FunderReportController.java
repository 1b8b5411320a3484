package org.exitwork.disclosure.internal.funder;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.disclosure.internal.Download;
import org.exitwork.disclosure.internal.gate.Refused;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.platform.PublicAddress;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Funder reports for staff: the periods of an agreement, the report as it would go out, its release
 * (managers), and what went out with its downloads (managers and the data protection officer).
 */
@Controller
@PreAuthorize("hasAnyRole('MANAGER', 'DATA_PROTECTION_OFFICER')")
class FunderReportController {

    private final FunderReportGate gate;
    private final FunderReportView views;
    private final FunderReportPdf pdf;
    private final PartnerDirectory partners;
    private final PublicAddress address;

    FunderReportController(FunderReportGate gate, FunderReportView views, FunderReportPdf pdf,
            PartnerDirectory partners, PublicAddress address) {
        this.gate = gate;
        this.views = views;
        this.pdf = pdf;
        this.partners = partners;
        this.address = address;
    }

    @GetMapping("/programmes/{id}/agreements/{agreementId}/reports")
    String periods(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID agreementId,
            Model model) {
        model.addAttribute("periods", gate.periods(who, id, agreementId));
        model.addAttribute("programmeId", id);
        model.addAttribute("agreementId", agreementId);
        model.addAttribute("canRelease", who.is(Role.MANAGER));
        return "disclosure/funder/periods";
    }

    @GetMapping("/programmes/{id}/agreements/{agreementId}/reports/{start}")
    @PreAuthorize("hasRole('MANAGER')")
    String preview(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID agreementId,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start, Model model) {
        FunderReportGate.Preview preview = gate.preview(who, id, agreementId, start);
        model.addAttribute("preview", preview);
        model.addAttribute("report", views.of(preview.payload()));
        model.addAttribute("programmeId", id);
        model.addAttribute("refusal", preview.refusal().map(Refused::new).orElse(null));
        return "disclosure/funder/preview";
    }

    @PostMapping("/programmes/{id}/agreements/{agreementId}/reports/{start}")
    @PreAuthorize("hasRole('MANAGER')")
    String release(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, @PathVariable UUID agreementId,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start, Model model,
            HttpServletResponse response) {
        try {
            FunderReportGate.Release release = gate.release(who, id, agreementId, start);
            // The link is shown in this answer and nowhere else: a redirect would keep it in the session's
            // flash attributes, that is in the database, until the next page is opened.
            model.addAttribute("link", address.origin() + "/funded/" + release.token());
            model.addAttribute("notice", "funder.notice.released");
            return released(who, release.id(), model);
        } catch (Refused refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            FunderReportGate.Preview preview = gate.preview(who, id, agreementId, start);
            model.addAttribute("preview", preview);
            model.addAttribute("report", views.of(preview.payload()));
            model.addAttribute("programmeId", id);
            model.addAttribute("refusal", refused);
            return "disclosure/funder/preview";
        }
    }

    @GetMapping("/funder-reports")
    String list(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        model.addAttribute("reports", gate.released(who));
        model.addAttribute("funderNames", funderNames(who));
        return "disclosure/funder/list";
    }

    @GetMapping("/funder-reports/{reportId}")
    String released(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID reportId, Model model) {
        FunderReportGate.Stored stored = gate.get(who, reportId);
        model.addAttribute("stored", stored);
        model.addAttribute("report", views.of(stored.payload()));
        model.addAttribute("linkDays", FunderReportGate.LINK_VALIDITY.toDays());
        return "disclosure/funder/released";
    }

    @GetMapping("/funder-reports/{reportId}/report.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID reportId) {
        FunderReportGate.Stored stored = gate.download(who, reportId, "PDF");
        return new Download(filename(stored.payload(), "pdf"), "application/pdf", pdf.render(views.of(stored.payload())))
                .answer();
    }

    @GetMapping("/funder-reports/{reportId}/report.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID reportId) {
        FunderReportGate.Stored stored = gate.download(who, reportId, "CSV");
        return new Download(filename(stored.payload(), "csv"), "text/csv;charset=UTF-8",
                views.csv(views.of(stored.payload())).getBytes(StandardCharsets.UTF_8)).answer();
    }

    static String filename(FunderReportPayload payload, String extension) {
        return "funder-report-" + payload.periodStart() + "-" + payload.periodEnd() + "." + extension;
    }

    private Map<UUID, String> funderNames(StaffPrincipal who) {
        return partners.partners(who.organisationId()).stream()
                .collect(Collectors.toMap(Partner::id, Partner::name, (a, b) -> a));
    }
}
