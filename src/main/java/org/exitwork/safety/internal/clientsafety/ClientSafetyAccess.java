package org.exitwork.safety.internal.clientsafety;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseDirectory;
import org.exitwork.cases.CaseReference;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * Client safety asks the cases module who may touch a case (the tandem writes; the tandem or a
 * colleague who broke the glass reads) and encrypts every text with the client's key.
 */
@Component
public class ClientSafetyAccess {

    private final CaseDirectory cases;
    private final AuditLog audit;

    ClientSafetyAccess(CaseDirectory cases, AuditLog audit) {
        this.cases = cases;
        this.audit = audit;
    }

    public CaseReference forTandem(StaffPrincipal who, UUID clientId, String what) {
        return cases.requireTandem(who, clientId, what);
    }

    public CaseReference forReading(StaffPrincipal who, UUID clientId, String what) {
        return cases.requireReader(who, clientId, what);
    }

    public boolean inTandem(StaffPrincipal who, UUID clientId) {
        return cases.inTandem(who, clientId);
    }

    public CaseDirectory directory() {
        return cases;
    }

    /** An audit entry under the client's pseudonym, in the caller's transaction; never content in detail. */
    public void record(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, ref.pseudonym(), detail));
    }

    /** A refusal, kept even though the request fails. */
    public void recordRefusal(StaffPrincipal who, String action, CaseReference ref, String detail) {
        audit.recordIndependently(new AuditEvent(who.organisationId(), who.id(), who.username(), action,
                ref.pseudonym(), detail));
    }

    /** Encrypts and decrypts the texts of one table, each bound to its row and column. */
    public record Texts(FieldCipher cipher, String table) {

        /** The one way a repository of client safety gets at the texts of a client's rows in one table. */
        public static Texts of(ClientKeys keys, UUID clientId, String table) {
            return new Texts(keys.cipherFor(clientId), table);
        }

        public byte[] seal(UUID row, String column, String text) {
            return cipher.row(table, row).seal(column, text == null ? "" : text.strip());
        }

        public String open(UUID row, String column, byte[] value) {
            return cipher.row(table, row).open(column, value);
        }
    }
}
