package org.exitwork.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.exitwork.audit.AuditEntry;

/** SHA-256 over an unambiguous encoding of an entry and the previous entry's hash. */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(AuditEntry entry, String previousHash) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder canonical = new StringBuilder();
        field(canonical, Long.toString(entry.seq()));
        field(canonical, Long.toString(entry.occurredAt().toEpochMilli()));
        field(canonical, entry.organisationId() == null ? null : entry.organisationId().toString());
        field(canonical, entry.actorId() == null ? null : entry.actorId().toString());
        field(canonical, entry.actorName());
        field(canonical, entry.action());
        field(canonical, entry.subject());
        field(canonical, entry.detail());
        field(canonical, previousHash);
        return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    // Length-prefixing keeps ("ab","c") and ("a","bc") apart; -1 marks null.
    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-1:");
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('|');
    }
}
