package org.exitwork;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data leaves the organisation only through the disclosure module (ARCHITECTURE, R7-R10): no
 * production class outside {@code org.exitwork.disclosure} touches an outbound channel (HTTP clients,
 * sockets, e-mail, downloads, PDF responses), with one exception: the staff-safety alarm e-mail
 * ({@code org.exitwork.safety.internal.staffsafety.AlarmMail}, R14), which carries no client data.
 */
class OutboundChannelsTest {

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.exitwork");

    @Test
    void onlyTheDisclosureModuleUsesOutboundChannels() {
        noClasses().that().resideOutsideOfPackage("org.exitwork.disclosure..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.net.http..", "org.springframework.web.client..", "org.springframework.web.reactive..",
                        "org.apache.hc..", "okhttp3..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .because("only org.exitwork.disclosure may send data out of the organisation")
                .check(PRODUCTION);
    }

    /**
     * E-mail: the disclosure module, and exactly one other class, {@code AlarmMail}. Staff alarms carry
     * no client data: they say whose alert is open and link to the alerts page, never the place or a
     * pseudonym ({@code StaffSafetyTest} and {@code EscalationNodesTest} read every e-mail sent and
     * check it). Any other class that wants to send mail must go through the disclosure module.
     */
    @Test
    void onlyTheDisclosureModuleAndTheStaffAlarmSendEmail() {
        noClasses().that().resideOutsideOfPackage("org.exitwork.disclosure..")
                .and().doNotHaveFullyQualifiedName(ALARM_MAIL)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.mail..", "jakarta.mail..")
                .because("only org.exitwork.disclosure and the staff alarm (no client data) may send e-mail")
                .check(PRODUCTION);
    }

    /**
     * Files of client data (PDF, downloads) leave only through the gate: no class outside the
     * disclosure module builds a download (Content-Disposition) or a PDF response (R19). The runtime
     * side is {@code disclosure.DownloadsLeaveThroughTheGateTest}.
     */
    @Test
    void onlyTheDisclosureModuleHandsOutFiles() {
        noClasses().that().resideOutsideOfPackage("org.exitwork.disclosure..")
                .and().doNotHaveFullyQualifiedName(FIGURES_DOWNLOAD)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.ContentDisposition")
                .orShould().accessField(org.springframework.http.MediaType.class, "APPLICATION_PDF")
                .orShould().accessField(org.springframework.http.MediaType.class, "APPLICATION_PDF_VALUE")
                .because("files of client data leave only through the disclosure gate, which records them")
                .check(PRODUCTION);
    }

    static final String ALARM_MAIL = "org.exitwork.safety.internal.staffsafety.AlarmMail";

    /**
     * The one download outside the gate: a manager's CSV of the programme dashboard's figures, counts
     * over the organisation's own cases that name or point to nobody (ProgrammeTest reads them whole),
     * kept inside the organisation and audited. What leaves for a funder goes through the gate.
     */
    static final String FIGURES_DOWNLOAD = "org.exitwork.programme.internal.dashboard.DashboardController";

    @Test
    void theStaffAlarmIsTheOneClassOutsideDisclosureThatUsesEmail() {
        assertThat(PRODUCTION.contain(ALARM_MAIL)).as("AlarmMail exists").isTrue();
        assertThat(PRODUCTION.get(ALARM_MAIL).getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("org.springframework.mail")))
                .as("AlarmMail is the e-mail exception, so it should use Spring's mail").isTrue();
    }
}
