package org.exitwork.disclosure.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What left the organisation, one row per disclosure, written by every way out in the same
 * transaction as the disclosure itself, so there is no disclosure without its record (R8, R9, R19).
 * The recipient's name, the purpose and the exact content that went out are encrypted with the
 * client's key and go with the client's erasure; the audit entries (codes and references only, never
 * content) stay in the chain.
 */
@Service
public class DisclosureLog {

    /** Who receives it: a partner (by id and name), or the client ({@code partnerId} null). */
    public record Recipient(UUID partnerId, String name) {

        public static Recipient theClient() {
            return new Recipient(null, "client");
        }

        public boolean isClient() {
            return partnerId == null;
        }
    }

    /**
     * One disclosure about to leave.
     *
     * @param what    codes of what goes out (data kinds, identity fields, "REPORT"); audited as they are
     * @param why     a reference for the audit entry (for example "consent 1b2c..."), never content
     * @param purpose the purpose in words, stored encrypted; may be null
     * @param content exactly what goes out, as text (the payload a document is rendered from); encrypted
     */
    public record Outgoing(Channel channel, Recipient to, List<String> what, String why, String purpose,
            String content) {

        public Outgoing {
            what = List.copyOf(what);
        }
    }

    /** A disclosure as pages and the client's report show it; without its content. */
    public record Disclosure(UUID id, Channel channel, UUID partnerId, String recipient, List<String> what,
            String purpose, UUID disclosedBy, Instant disclosedAt) {
    }

    private final DisclosureRepository rows;
    private final AuditLog audit;
    private final Clock clock;

    DisclosureLog(DisclosureRepository rows, AuditLog audit, Clock clock) {
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records a granted disclosure and its audit entry; must run inside the disclosure's own transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID granted(StaffPrincipal who, CaseReference client, Outgoing out) {
        UUID id = UUID.randomUUID();
        rows.insert(id, who.id(), clock.instant(), client, out);
        audit.record(event(who, client, DisclosureActions.DISCLOSURE_GRANTED,
                detail(out.channel(), out.to(), out.what()) + " why=" + out.why() + " disclosure=" + id));
        return id;
    }

    /**
     * Audits a refused request in a transaction of its own, so the entry stays when the caller's
     * transaction rolls back; nothing else is written.
     */
    public void refused(StaffPrincipal who, CaseReference client, Channel channel, Recipient to, List<String> what,
            String reason) {
        audit.recordIndependently(event(who, client, DisclosureActions.DISCLOSURE_REFUSED,
                detail(channel, to, what) + " reason=" + reason));
    }

    /** Every disclosure about the client, newest first; no access check (callers check the tandem). */
    @Transactional(readOnly = true)
    public List<Disclosure> about(UUID organisationId, UUID clientId) {
        return rows.about(organisationId, clientId);
    }

    /** Exactly what went out with one disclosure; no access check (callers check the tandem). */
    @Transactional(readOnly = true)
    public String content(UUID organisationId, UUID clientId, UUID disclosureId) {
        return rows.content(organisationId, clientId, disclosureId);
    }

    @EventListener
    void on(ClientErased erased) {
        rows.deleteClient(erased.clientId());
    }

    private static AuditEvent event(StaffPrincipal who, CaseReference client, String action, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, client.pseudonym(), detail);
    }

    private static String detail(Channel channel, Recipient to, List<String> what) {
        return "channel=" + channel + " to=" + (to.isClient() ? "client" : "partner " + to.partnerId())
                + " what=" + String.join(",", what);
    }
}
