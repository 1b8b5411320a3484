package org.exitwork.cases.internal.identity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R19 with R20: an erased client's pseudonym stays in the audit chain, so it is never given to a new
 * client, whose report would otherwise list the earlier person's record being opened.
 */
@DatabaseTest
@Import(PseudonymReuseTest.Scripted.class)
class PseudonymReuseTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Scripted {
        @Bean
        @Primary
        ScriptedPseudonyms scriptedPseudonyms() {
            return new ScriptedPseudonyms();
        }
    }

    /** Hands out the names the test puts in, then random ones as usual. */
    static class ScriptedPseudonyms extends PseudonymGenerator {
        final Deque<String> next = new ArrayDeque<>();

        @Override
        public String next() {
            return next.isEmpty() ? super.next() : next.poll();
        }
    }

    @Autowired
    ScriptedPseudonyms pseudonyms;

    @Autowired
    AuditLog audit;

    @Autowired
    Fixtures fixtures;

    @Test
    void aPseudonymInTheAuditChainIsNotGivenAgain() {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        String suffix = UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 3);
        String erased = "Kemori Talusa" + suffix;
        String fresh = "Vanoli Perasu" + suffix;
        // What an erasure leaves behind: one entry under the pseudonym, no row of the client.
        audit.record(new AuditEvent(org.id(), practitioner.id(), practitioner.username(), "CLIENT_ERASED", erased, null));

        pseudonyms.next.addAll(java.util.List.of(erased, fresh));
        RegisteredClient prospect = fixtures.prospect(practitioner);
        assertThat(prospect.pseudonym()).isEqualTo(fresh);
    }
}
