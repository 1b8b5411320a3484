package org.exitwork.commands.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.exitwork.audit.ChainVerification;
import org.junit.jupiter.api.Test;

/** What {@code verify-audit} says of an intact log: only entries tagged with the audit key are said to be verified with it. */
class VerifyAuditWordingTest {

    @Test
    void entriesOfTheEarlierUnkeyedChainAreNotSaidToBeVerifiedWithTheAuditKey() {
        ChainVerification withEarlier = new ChainVerification(12, List.of(), Map.of(), List.of(), null, 4);
        assertThat(Commands.intact(withEarlier, "every entry read")).isEqualTo("Audit log intact: 8 entries verified with"
                + " the audit key and 4 of the earlier unkeyed chain by their SHA-256 links and the seal that ends them,"
                + " every checkpoint checked; every entry read.");
    }

    @Test
    void aLogWithoutAnEarlierChainIsVerifiedWithTheAuditKeyAlone() {
        ChainVerification keyedOnly = new ChainVerification(5, List.of(), Map.of(), List.of(), null, 0);
        assertThat(Commands.intact(keyedOnly, "every entry read"))
                .isEqualTo("Audit log intact: 5 entries verified with the audit key, every checkpoint checked; every entry read.");
    }
}
