package org.exitwork.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import com.google.crypto.tink.Mac;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.internal.verification.AuditChecks;
import org.exitwork.audit.internal.verification.RestoreChecks;

/**
 * The keyed chain: HMAC-SHA256 (Tink {@link Mac}, key outside the database) over an unambiguous
 * encoding of the chain's name, the entry and the previous entry's tag. Without the key nobody can
 * compute a tag that verifies, so an entry cannot be forged, changed, moved or renumbered unseen.
 * The encoding is pinned by a test vector ({@code EntryMacTest}): changing it breaks every stored chain.
 */
public final class EntryMac {

    public static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "exitwork-audit-entry/2";
    /**
     * An entry linked from a waiting row: the same fields and, last, the waiting row's id, which
     * {@code aud_entry.entry_id} keeps (unique). Clearing or changing that id breaks the tag, so a kept copy
     * of a waiting row cannot be linked a second time unseen (issue 19). Entries without an id (written
     * before, the seal, the writer's refusals) keep {@link #VERSION}.
     */
    public static final String VERSION_WITH_ID = "exitwork-audit-entry/3";
    private static final String WAITING = "exitwork-audit-waiting/1";

    private EntryMac() {
    }

    static byte[] encode(String chain, AuditEntry entry, String previousTag) {
        return encode(VERSION, chain, Long.toString(entry.seq()), entry, previousTag, null);
    }

    /** The encoding of an entry that carries the id of the waiting row it was linked from (none: as above). */
    static byte[] encode(String chain, AuditEntry entry, java.util.UUID entryId, String previousTag) {
        return entryId == null ? encode(chain, entry, previousTag)
                : encode(VERSION_WITH_ID, chain, Long.toString(entry.seq()), entry, previousTag, entryId.toString());
    }

    /**
     * The tag an entry carries while it waits in {@code aud_pending}: over its own id instead of a number
     * and a previous tag, in an encoding of its own, so that it can never pass for a chain's tag. Someone
     * who can write to the database but lacks the key cannot make a waiting entry the writer would link.
     */
    static String waiting(Mac mac, String chain, java.util.UUID entryId, AuditEntry entry) {
        return tag(mac, encode(WAITING, chain, entryId.toString(), entry, null, null));
    }

    static boolean waitingVerifies(Mac mac, String chain, java.util.UUID entryId, AuditEntry entry, String storedTag) {
        return entryId != null && matches(mac, storedTag, encode(WAITING, chain, entryId.toString(), entry, null, null));
    }

    private static byte[] encode(String version, String chain, String position, AuditEntry entry, String previousTag,
            String entryId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, version);
        field(out, chain);
        field(out, position);
        field(out, Long.toString(entry.occurredAt().toEpochMilli()));
        field(out, entry.organisationId() == null ? null : entry.organisationId().toString());
        field(out, entry.actorId() == null ? null : entry.actorId().toString());
        field(out, entry.actorName());
        field(out, entry.action());
        field(out, entry.subject());
        field(out, entry.detail());
        field(out, previousTag);
        if (entryId != null) {
            field(out, entryId);
        }
        return out.toByteArray();
    }

    public static String of(Mac mac, String chain, AuditEntry entry, String previousTag) {
        return of(mac, chain, entry, null, previousTag);
    }

    public static String of(Mac mac, String chain, AuditEntry entry, java.util.UUID entryId, String previousTag) {
        return tag(mac, encode(chain, entry, entryId, previousTag));
    }

    public static boolean verifies(Mac mac, String chain, AuditEntry entry, String previousTag, String storedTag) {
        return verifies(mac, chain, entry, null, previousTag, storedTag);
    }

    public static boolean verifies(Mac mac, String chain, AuditEntry entry, java.util.UUID entryId, String previousTag,
            String storedTag) {
        return previousTag != null && matches(mac, storedTag, encode(chain, entry, entryId, previousTag));
    }

    /**
     * An entry linked from a waiting row by the writer of the previous version (V1_63_0 to issue 19's tag over
     * the id), which stored the id beside an {@code exitwork-audit-entry/2} tag: honest, but its id is not under
     * the tag. Only for entries of a chain before its first entry whose tag covers the id ({@link AuditChecks}),
     * and for a backup's newest entry ({@link RestoreChecks}): the writer no longer makes such tags, and without
     * the key no one else can.
     */
    public static boolean verifiesAsLinkedBeforeIdsWereTagged(Mac mac, String chain, AuditEntry entry, java.util.UUID entryId,
            String previousTag, String storedTag) {
        return entryId != null && verifies(mac, chain, entry, null, previousTag, storedTag);
    }

    private static String tag(Mac mac, byte[] encoded) {
        try {
            return HexFormat.of().formatHex(mac.computeMac(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not compute an audit MAC", e);
        }
    }

    private static boolean matches(Mac mac, String storedTag, byte[] encoded) {
        if (storedTag == null) {
            return false;
        }
        try {
            mac.verifyMac(HexFormat.of().parseHex(storedTag.trim()), encoded);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    // Each field is its UTF-8 length in bytes, ':', the bytes, '|'; -1 marks null, so that
    // ("ab","c") and ("a","bc") and null and "" all encode differently.
    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes("-1:|".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('|');
    }
}
