package org.exitwork.disclosure.internal.gate;

import java.util.UUID;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.network.OutboundPolicy;
import org.exitwork.network.Partner;
import org.exitwork.network.PartnerKind;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disclosure module has one outbound policy class: every way out asks {@link OutboundGate}, and
 * only the gate asks {@code network.OutboundPolicy}; the gate names the ways out as the policy does.
 */
class OneOutboundPolicyTest {

    static final JavaClasses DISCLOSURE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.exitwork.disclosure");

    @Test
    void onlyTheGateAsksTheNetworksPolicy() {
        assertThat(DISCLOSURE.get(OutboundGate.class).getAccessesFromSelf().stream()
                .anyMatch(a -> a.getTargetOwner().isEquivalentTo(OutboundPolicy.class)))
                .as("the gate asks the network's policy, so the rule below has something to find").isTrue();
        noClasses().that().doNotHaveFullyQualifiedName(OutboundGate.class.getName())
                .should().accessClassesThat().haveFullyQualifiedName(OutboundPolicy.class.getName())
                .because("the disclosure module's outbound policy is one class, gate.OutboundGate")
                .check(DISCLOSURE);
    }

    @Test
    void theMinutesOfACaseConferenceAreThePolicysCaseConference() {
        assertThat(OutboundGate.asked(Channel.SHARE)).isEqualTo(OutboundPolicy.Channel.SHARE);
        assertThat(OutboundGate.asked(Channel.CONFERENCE_MINUTES)).isEqualTo(OutboundPolicy.Channel.CASE_CONFERENCE);
        assertThat(OutboundGate.asked(Channel.DANGER_ALERT)).isEqualTo(OutboundPolicy.Channel.DANGER_ALERT);
        assertThat(OutboundGate.asked(Channel.TO_CLIENT)).isEqualTo(OutboundPolicy.Channel.TO_CLIENT);
    }

    @Test
    void theGateAnswersAsThePolicyDoes() {
        Partner housing = new Partner(UUID.randomUUID(), UUID.randomUUID(), "Housing", PartnerKind.HOUSING, true);
        Partner police = new Partner(UUID.randomUUID(), UUID.randomUUID(), "Police", PartnerKind.POLICE, true);
        assertThat(OutboundGate.toPartner(Channel.SHARE, housing)).isEmpty();
        assertThat(OutboundGate.toPartner(Channel.SHARE, police)).contains(OutboundPolicy.Refusal.ONE_WAY_STREET);
        assertThat(OutboundGate.toPartner(Channel.DANGER_ALERT, police))
                .contains(OutboundPolicy.Refusal.NO_NAMED_CONTACT);
        assertThat(OutboundGate.toNamedContact(Channel.DANGER_ALERT, police)).isEmpty();
        assertThat(OutboundGate.toTheClient(Channel.TO_CLIENT, true)).isEmpty();
        assertThat(OutboundGate.toTheClient(Channel.SHARE, true)).contains(OutboundPolicy.Refusal.NOT_THEIR_OWN_RECORD);
    }
}
