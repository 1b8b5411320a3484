package org.exitwork;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Data leaves the organisation only through the disclosure module (ARCHITECTURE, R7-R10). Until
 * that module exists, no production class may touch an outbound channel at all.
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
                        "org.springframework.mail..", "jakarta.mail..", "org.apache.hc..", "okhttp3..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .because("only org.exitwork.disclosure may send data out of the organisation")
                .check(PRODUCTION);
    }
}
