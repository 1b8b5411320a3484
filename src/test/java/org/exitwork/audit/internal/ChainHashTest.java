package org.exitwork.audit.internal;

import java.time.Instant;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The earlier, installation-wide chain must keep verifying with its own algorithm: fixed vectors
 * pin it. Each expected hash was computed outside Java, in the shell, over the documented encoding
 * (length-prefixed fields, -1 for null), e.g.
 * {@code printf '1:7|13:1795428000123|36:00000000-0000-0000-0000-000000000001|-1:|4:anna|9:CASE_READ|13:Kaveli Tomura|-1:|64:000…000|' | sha256sum}
 * (with the 64 zeros written out); the test never compares a hash with one it made itself.
 */
class ChainHashTest {

    static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");
    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void aKnownEntryHasItsKnownHash() {
        // "1:7|13:1795428000123|36:00000000-...-000000000001|-1:|4:anna|9:CASE_READ|13:Kaveli Tomura|-1:|64:000...000|"
        AuditEntry entry = new AuditEntry(7, T, ORG, null, "anna", "CASE_READ", "Kaveli Tomura", null);
        assertThat(ChainHash.of(entry, ChainHash.GENESIS))
                .isEqualTo("200c209228c0641a98f39a24481a8ca37f4dca006279773ad2bfc754a9673b3e");
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeTheSameHash() {
        // "...|2:ab|1:c|..." and "...|1:a|2:bc|..."
        AuditEntry one = new AuditEntry(1, T, ORG, null, "ab", "c", null, null);
        AuditEntry two = new AuditEntry(1, T, ORG, null, "a", "bc", null, null);
        assertThat(ChainHash.of(one, ChainHash.GENESIS))
                .isEqualTo("23db634005b6bc1ed2bb0805fedef82c15673d59f2332408f9f5d6a08ef5e7c8");
        assertThat(ChainHash.of(two, ChainHash.GENESIS))
                .isEqualTo("bb4e29c94093bffcb9e5f6bb11c8d24bb145797a05701c10ca36d3ed7b2f6d7f");
    }

    @Test
    void nullAndEmptyAreDifferent() {
        AuditEntry withNull = new AuditEntry(1, T, ORG, null, null, "X", null, null);
        AuditEntry withEmpty = new AuditEntry(1, T, ORG, null, "", "X", null, null);
        // "...|-1:|1:X|..." and "...|0:|1:X|..."
        assertThat(ChainHash.of(withNull, ChainHash.GENESIS))
                .isEqualTo("3fb5dfc8b995f5bd9e90ba69928a88ff6243ca6c3e95ac5478bce235ca16c46a");
        assertThat(ChainHash.of(withEmpty, ChainHash.GENESIS))
                .isEqualTo("ffe62afe3e73015723ad87b09c211d8b3b6136fe70597a37ca96e61dc69e30e3");
    }
}
