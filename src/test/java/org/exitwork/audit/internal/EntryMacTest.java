package org.exitwork.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.util.SecretBytes;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.internal.keys.AuditKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyed chain's encoding and MAC, pinned by a fixed vector: a known key (bytes 0x00..0x1f), a
 * known entry, the exact expected tag. The expected values were computed outside Java, in the shell:
 * {@code printf '22:exitwork-audit-entry/2|36:<org>|1:7|…|64:000…000|' | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f}. If this test fails, the encoding changed and every stored
 * chain would stop verifying.
 */
class EntryMacTest {

    static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID ACTOR = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final AuditEntry ENTRY = new AuditEntry(7, Instant.parse("2026-11-23T10:00:00.123Z"), ORG, ACTOR, "Jürgen",
            "CASE_READ", "Kaveli Tomura", "read the sessions page");
    static final String EXPECTED_TAG = "2b647c8fe76665142af5ecf7564b7e3a64a1dbbb45a34db05566cb00cbd519e3";

    static Mac knownKey() throws GeneralSecurityException {
        HmacKey key = HmacKey.builder()
                .setParameters(AuditKeys.MAC_PARAMETERS)
                .setKeyBytes(SecretBytes.copyFrom(KEY, InsecureSecretKeyAccess.get()))
                .build();
        KeysetHandle keyset = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(key).withFixedId(1).makePrimary())
                .build();
        return keyset.getPrimitive(RegistryConfiguration.get(), Mac.class);
    }

    @Test
    void theEncodingIsExactlyThis() {
        String expected = "22:exitwork-audit-entry/2|36:" + ORG + "|1:7|13:1795428000123|36:" + ORG + "|36:" + ACTOR
                + "|7:Jürgen|9:CASE_READ|13:Kaveli Tomura|22:read the sessions page|64:" + "0".repeat(64) + "|";
        assertThat(new String(EntryMac.encode(ORG.toString(), ENTRY, EntryMac.GENESIS), StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }

    @Test
    void aKnownKeyAndEntryGiveTheKnownTag() throws Exception {
        assertThat(EntryMac.of(knownKey(), ORG.toString(), ENTRY, EntryMac.GENESIS)).isEqualTo(EXPECTED_TAG);
        // and it is plain HMAC-SHA256 (no Tink prefix), so anyone holding the key can check it with any tool
        javax.crypto.Mac jdk = javax.crypto.Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(KEY, "HmacSHA256"));
        assertThat(HexFormat.of().formatHex(jdk.doFinal(EntryMac.encode(ORG.toString(), ENTRY, EntryMac.GENESIS))))
                .isEqualTo(EXPECTED_TAG);
    }

    @Test
    void theTagCoversChainNumberAndPredecessor() throws Exception {
        Mac mac = knownKey();
        assertThat(EntryMac.verifies(mac, ORG.toString(), ENTRY, EntryMac.GENESIS, EXPECTED_TAG)).isTrue();
        assertThat(EntryMac.verifies(mac, "installation", ENTRY, EntryMac.GENESIS, EXPECTED_TAG)).isFalse();
        assertThat(EntryMac.verifies(mac, ORG.toString(), new AuditEntry(8, ENTRY.occurredAt(), ORG, ACTOR, "Jürgen",
                "CASE_READ", "Kaveli Tomura", "read the sessions page"), EntryMac.GENESIS, EXPECTED_TAG)).isFalse();
        assertThat(EntryMac.verifies(mac, ORG.toString(), ENTRY, "f".repeat(64), EXPECTED_TAG)).isFalse();
        assertThat(EntryMac.verifies(mac, ORG.toString(), ENTRY, EntryMac.GENESIS, "zz")).isFalse();
    }

    @Test
    void fieldBoundariesAndNullsCannotBeShifted() throws Exception {
        Mac mac = knownKey();
        Instant t = ENTRY.occurredAt();
        // chain "c": "22:exitwork-audit-entry/2|1:c|1:1|13:1795428000123|36:<org>|-1:|" + these two fields + "|-1:|-1:|64:0…0|"
        assertThat(EntryMac.of(mac, "c", new AuditEntry(1, t, ORG, null, "ab", "c", null, null), EntryMac.GENESIS))
                .isEqualTo("ea53456c539ca4c813a04748ace4fb3bbdd2faee9b7635f2f43bca3465a6aaf1"); // 2:ab|1:c
        assertThat(EntryMac.of(mac, "c", new AuditEntry(1, t, ORG, null, "a", "bc", null, null), EntryMac.GENESIS))
                .isEqualTo("f289d962fa617fc26098dc3b866284f2e0a0bbcdb1eb2e1fee6734e6cd44d7ff"); // 1:a|2:bc
        assertThat(EntryMac.of(mac, "c", new AuditEntry(1, t, ORG, null, null, "X", null, null), EntryMac.GENESIS))
                .isEqualTo("516309d895cde5d1137a681f722e54cdf5df61c78fbb131cdd1423e58854b722"); // -1:|1:X
        assertThat(EntryMac.of(mac, "c", new AuditEntry(1, t, ORG, null, "", "X", null, null), EntryMac.GENESIS))
                .isEqualTo("047191180ba5f88f0103981eb1db05be0864c15127b4a277f8c92c4e59d96424"); // 0:|1:X
    }
    /** The id of the waiting row an entry was linked from, computed in the shell as above with "/3" and the id last. */
    static final UUID ENTRY_ID = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final String EXPECTED_TAG_WITH_ID = "61713a2c8a446c11be72eb312d88a023da92ef617b27bc491f643796f40150da";

    @Test
    void anEntryLinkedFromAWaitingRowCarriesItsIdUnderTheTag() throws Exception {
        String expected = "22:exitwork-audit-entry/3|36:" + ORG + "|1:7|13:1795428000123|36:" + ORG + "|36:" + ACTOR
                + "|7:Jürgen|9:CASE_READ|13:Kaveli Tomura|22:read the sessions page|64:" + "0".repeat(64) + "|36:"
                + ENTRY_ID + "|";
        assertThat(new String(EntryMac.encode(ORG.toString(), ENTRY, ENTRY_ID, EntryMac.GENESIS), StandardCharsets.UTF_8))
                .isEqualTo(expected);
        Mac mac = knownKey();
        assertThat(EntryMac.of(mac, ORG.toString(), ENTRY, ENTRY_ID, EntryMac.GENESIS)).isEqualTo(EXPECTED_TAG_WITH_ID);
        assertThat(EntryMac.verifies(mac, ORG.toString(), ENTRY, ENTRY_ID, EntryMac.GENESIS, EXPECTED_TAG_WITH_ID)).isTrue();
        // The id cleared, or another id: the tag no longer verifies, nor does the tag without an id pass for it.
        assertThat(EntryMac.verifies(mac, ORG.toString(), ENTRY, null, EntryMac.GENESIS, EXPECTED_TAG_WITH_ID)).isFalse();
        assertThat(EntryMac.verifies(mac, ORG.toString(), ENTRY, UUID.randomUUID(), EntryMac.GENESIS, EXPECTED_TAG_WITH_ID))
                .isFalse();
        assertThat(EntryMac.verifies(mac, ORG.toString(), ENTRY, ENTRY_ID, EntryMac.GENESIS, EXPECTED_TAG)).isFalse();
        // Without an id the encoding is the one before (every entry written before keeps verifying).
        assertThat(EntryMac.of(mac, ORG.toString(), ENTRY, null, EntryMac.GENESIS)).isEqualTo(EXPECTED_TAG);
    }
}
