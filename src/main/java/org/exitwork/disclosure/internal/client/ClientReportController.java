package org.exitwork.disclosure.internal.client;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The client's report and export (R19), and the work agreement PDF: files about a client leave only
 * here, through the gate. The page explains what the client gets; each download is recorded.
 */
@Controller
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER')")
class ClientReportController {

    private final ClientReports reports;

    ClientReportController(ClientReports reports) {
        this.reports = reports;
    }

    @GetMapping("/cases/{id}/client-report")
    String page(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id, Model model) {
        CaseReference ref = reports.forTandem(who, id, "REPORT_PAGE");
        model.addAttribute("ref", ref);
        model.addAttribute("sender", reports.sender(ref));
        return "disclosure/client-report";
    }

    @GetMapping("/cases/{id}/client-report/report")
    ResponseEntity<byte[]> report(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id) {
        return reports.report(who, id).answer();
    }

    @GetMapping("/cases/{id}/client-report/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id) {
        return reports.export(who, id).answer();
    }

    /** The work agreement version as a PDF for the client to keep; the URL is the one the agreement page links. */
    @GetMapping("/cases/{id}/agreement/{version}/pdf")
    ResponseEntity<byte[]> agreement(@AuthenticationPrincipal StaffPrincipal who, @PathVariable UUID id,
            @PathVariable int version) {
        return reports.agreement(who, id, version).answer();
    }
}
