package org.exitwork.audit.internal.verification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.internal.EntryBatch;
import org.exitwork.audit.internal.EntryMac;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification's fast path writes the numbers of an entry (its number in the chain, its time in
 * milliseconds) itself, eight digits at a time. Whatever the number, it must write exactly what
 * {@link EntryMac} writes ({@code Long.toString}), or an intact entry would fall to the slow path and, worse, a
 * different encoding could be made to match. Checked at every boundary of the digit counts, both ways: the
 * ordinary tag verifies on the fast path, and a tag over a neighbouring number does not.
 */
class FastEntryCheckTest {

    private static final String CHAIN = UUID.fromString("00000000-0000-0000-0000-000000000001").toString();

    @Test
    void everyNumberIsWrittenAsTheOrdinaryEncodingWritesIt() throws Exception {
        AuditKeys keys = AuditKeys.of(AuditKeys.newMacKeyset(), AuditKeys.newSignatureKeyset());
        assertThat(keys.hmacKey()).as("the fast path's own HMAC is in use").isNotNull();
        java.util.List<Long> numbers = new java.util.ArrayList<>(java.util.List.of(0L, 1L, 7L, 1_795_428_000_123L,
                -1L, -86_400_000L, -62_135_596_800_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            numbers.add(power * 10 - 1);
            numbers.add(power * 10);
            numbers.add(power * 10 + 1);
        }
        for (long number : numbers) {
            EntryBatch batch = new EntryBatch();
            long time = number;
            long seq = number == Long.MIN_VALUE ? 1 : Math.abs(number);
            AuditEntry entry = new AuditEntry(seq, Instant.ofEpochMilli(time), null, null, "Zoë", "CASE_READ", null,
                    null);
            String tag = EntryMac.of(keys.mac(), CHAIN, entry, EntryMac.GENESIS);
            put(batch, 0, seq, time, tag);
            // the same tag under a neighbouring time, and a neighbouring number: neither may pass
            put(batch, 1, seq, time == Long.MAX_VALUE ? time - 1 : time + 1, tag);
            put(batch, 2, seq == Long.MAX_VALUE ? seq - 1 : seq + 1, time, tag);
            batch.size = 3;
            batch.before = EntryMac.GENESIS;
            batch.tag[0] = tag;
            FastEntryCheck check = new FastEntryCheck(keys, CHAIN);
            check.check(batch, 0, 1);
            assertThat(batch.fast[0]).as("number %d", number).isTrue();
            for (int i = 1; i < 3; i++) {
                batch.prev[i] = EntryMac.GENESIS;
                EntryBatch alone = new EntryBatch();
                put(alone, 0, batch.seq[i], batch.millis[i], tag);
                alone.size = 1;
                alone.before = EntryMac.GENESIS;
                check.check(alone, 0, 1);
                assertThat(alone.fast[0]).as("neighbour %d of %d", i, number).isFalse();
            }
        }
    }

    @Test
    void fieldsAsPostgreSQLHandsThemOverVerifyAlike() throws Exception {
        AuditKeys keys = AuditKeys.of(AuditKeys.newMacKeyset(), AuditKeys.newSignatureKeyset());
        AuditEntry entry = new AuditEntry(123_456_789_012L, Instant.ofEpochMilli(1_795_428_000_123L),
                UUID.fromString(CHAIN), null, "Zoë Ørsted", "CASE_READ", "Kaveli", "read");
        String tag = EntryMac.of(keys.mac(), CHAIN, entry, EntryMac.GENESIS);
        EntryBatch batch = new EntryBatch();
        put(batch, 0, entry.seq(), entry.occurredAt().toEpochMilli(), tag);
        batch.org[0] = CHAIN.getBytes(StandardCharsets.UTF_8);
        batch.actorName[0] = "Zoë Ørsted".getBytes(StandardCharsets.UTF_8);
        batch.subject[0] = "Kaveli";
        batch.detail[0] = "read".getBytes(StandardCharsets.UTF_8);
        batch.tag[0] = tag.getBytes(StandardCharsets.US_ASCII);
        batch.size = 1;
        batch.before = EntryMac.GENESIS.getBytes(StandardCharsets.US_ASCII);
        new FastEntryCheck(keys, CHAIN).check(batch, 0, 1);
        assertThat(batch.fast[0]).isTrue();
    }

    private static void put(EntryBatch batch, int i, long seq, long millis, String tag) {
        batch.seq[i] = seq;
        batch.millis[i] = millis;
        batch.actorName[i] = "Zoë";
        batch.action[i] = "CASE_READ";
        batch.tag[i] = tag;
    }
}
