package org.exitwork.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.bench.audit.AuditChainBenchmarks;
import org.junit.jupiter.api.Test;

/** The audit benchmark writes the earlier chain's hash out itself; it must be ChainHash's, field for field. */
class BenchEarlierChainTest {

    @Test
    void theBenchmarkHashesTheEarlierChainAsChainHashDid() {
        AuditEntry full = new AuditEntry(42, Instant.parse("2026-11-30T10:15:30.123Z"),
                UUID.fromString("00000000-0000-0000-0000-00000000000a"),
                UUID.fromString("00000000-0000-0000-0000-00000000000b"), "bench", "CASE_READ", "Kaveli Tomura", "d");
        AuditEntry sparse = new AuditEntry(1, Instant.parse("2026-11-30T10:15:30Z"), null, null, null, "SIGN_IN", null,
                null);
        String previous = "ab".repeat(32);

        assertThat(AuditChainBenchmarks.earlierChainHash(full, previous)).isEqualTo(ChainHash.of(full, previous))
                .hasSize(64);
        assertThat(AuditChainBenchmarks.earlierChainHash(sparse, ChainHash.GENESIS))
                .isEqualTo(ChainHash.of(sparse, ChainHash.GENESIS))
                .isNotEqualTo(AuditChainBenchmarks.earlierChainHash(sparse, previous));
    }
}
