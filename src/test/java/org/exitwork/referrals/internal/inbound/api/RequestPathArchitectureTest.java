package org.exitwork.referrals.internal.inbound.api;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.referrals.internal.InboundInformation;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.ReferralSettings;
import org.exitwork.referrals.internal.inbound.ReferralPayload;
import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.referrals.internal.inbound.credentials.CredentialStore;
import org.exitwork.referrals.internal.inbound.form.FormLinkRepository;
import org.exitwork.referrals.internal.inbound.form.FormLinks;
import org.exitwork.referrals.internal.inbound.form.FormSubmissions;
import org.exitwork.referrals.internal.inbound.form.ReferralFormController;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * R7: the request path of referrals in (the API and the web form) authenticates, validates, appends
 * to the inbox and answers. It cannot tell the state of a person because it cannot even reach one:
 * nothing of the cases module but the {@link PhenomenonArea} vocabulary, nothing of the referrals
 * module but the inbox and its two records (so nothing of the matcher), and the module's settings
 * (numbers only: the rate limit is one of them).
 */
class RequestPathArchitectureTest {

    /**
     * Every class a partner's request passes through. The repositories among them hold nothing but the
     * SQL of their own rows: {@code RateRepository} the call counts ({@code ref_rate}) and nothing else,
     * {@code FormLinkRepository} the one-time links, {@code CredentialStore} the credentials.
     */
    static final Class<?>[] REQUEST_PATH = {ApiSecurityConfiguration.class, SignedRequestFilter.class,
            CredentialStore.class, NonceStore.class, RateLimit.class, RateRepository.class, ApiProblem.class,
            CachedBodyRequest.class, PartnerCaller.class, ReferralApiController.class, ReferralPayload.class,
            ApiDocumentation.class, ReferralFormController.class, FormSubmissions.class, FormLinks.class,
            FormLinkRepository.class, Scope.class};

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.exitwork");

    @Test
    void theRequestPathReadsNothingOfCasesButThePhenomenonAreas() {
        noClasses().that(onTheRequestPath())
                .should().dependOnClassesThat(DescribedPredicate.describe("in org.exitwork.cases other than PhenomenonArea",
                        (JavaClass c) -> c.getPackageName().startsWith("org.exitwork.cases")
                                && !c.isEquivalentTo(PhenomenonArea.class)))
                .check(CLASSES);
    }

    @Test
    void theRequestPathUsesNothingOfTheReferralsModuleButTheInbox() {
        noClasses().that(onTheRequestPath())
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "in org.exitwork.referrals outside referrals in, other than the inbox, its records and the settings",
                        (JavaClass c) -> c.getPackageName().startsWith("org.exitwork.referrals")
                                && !inReferralsIn(c)
                                && !c.isEquivalentTo(Inbox.class) && !c.getName().startsWith(Inbox.class.getName() + "$")
                                && !c.isEquivalentTo(InboundReferral.class) && !c.isEquivalentTo(InboundInformation.class)
                                && !c.isEquivalentTo(ReferralSettings.class)))
                .check(CLASSES);
    }

    @Test
    void theRequestPathReadsNoOtherModuleThatKnowsAboutPeople() {
        noClasses().that(onTheRequestPath())
                .should().dependOnClassesThat().resideInAnyPackage("org.exitwork.cases.internal..",
                        "org.exitwork.consent..", "org.exitwork.disclosure..", "org.exitwork.safety..")
                .check(CLASSES);
    }

    /** Referrals in: its shared core (where {@link Scope} lives) and its rooms (api, form, credentials). */
    private static boolean inReferralsIn(JavaClass c) {
        String inbound = Scope.class.getPackageName();
        return c.getPackageName().equals(inbound) || c.getPackageName().startsWith(inbound + ".");
    }

    private static DescribedPredicate<JavaClass> onTheRequestPath() {
        return DescribedPredicate.describe("are on the request path of referrals in", (JavaClass c) -> {
            for (Class<?> k : REQUEST_PATH) {
                if (c.isEquivalentTo(k) || c.getName().startsWith(k.getName() + "$")) {
                    return true;
                }
            }
            return false;
        });
    }
}
