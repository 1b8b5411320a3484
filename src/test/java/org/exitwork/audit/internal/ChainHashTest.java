package org.exitwork.audit.internal;

import java.time.Instant;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainHashTest {

    static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");
    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void fieldBoundariesCannotBeShiftedToForgeTheSameHash() {
        AuditEntry one = new AuditEntry(1, T, ORG, null, "ab", "c", null, null);
        AuditEntry two = new AuditEntry(1, T, ORG, null, "a", "bc", null, null);
        assertThat(ChainHash.of(one, ChainHash.GENESIS)).isNotEqualTo(ChainHash.of(two, ChainHash.GENESIS));
    }

    @Test
    void nullAndEmptyAreDifferent() {
        AuditEntry withNull = new AuditEntry(1, T, ORG, null, null, "X", null, null);
        AuditEntry withEmpty = new AuditEntry(1, T, ORG, null, "", "X", null, null);
        assertThat(ChainHash.of(withNull, ChainHash.GENESIS)).isNotEqualTo(ChainHash.of(withEmpty, ChainHash.GENESIS));
    }

    @Test
    void theHashCoversThePreviousHashAndIsStable() {
        AuditEntry entry = new AuditEntry(7, T, ORG, null, "anna", "CASE_READ", "Kaveli Tomura", null);
        assertThat(ChainHash.of(entry, ChainHash.GENESIS)).isEqualTo(ChainHash.of(entry, ChainHash.GENESIS))
                .hasSize(64)
                .isNotEqualTo(ChainHash.of(entry, "f".repeat(64)));
    }
}
