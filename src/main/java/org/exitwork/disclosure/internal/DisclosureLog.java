package org.exitwork.disclosure.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientErased;
import org.exitwork.disclosure.internal.Refusal;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What left the organisation, one row per disclosure, written by every way out in the same
 * transaction as the disclosure itself, so there is no disclosure without its record (R8, R9, R19).
 * The recipient's name, the purpose and the exact content that went out are encrypted with the
 * client's key and go with the client's erasure; the audit entries (codes and references only, never
 * content) stay in the chain. Their details are codes ({@code audit.detail.disclosure.*}): the channel,
 * the partner by id, the codes of what went out, the ground's ids and, for a refusal, the refusal's
 * code, so the data protection officer reads them in their own language.
 */
@Service
public class DisclosureLog {

    /**
     * Who receives it: a partner (by id and name), a cross-evaluation group of the organisation (by id
     * and name, {@code partnerId} null), or the client (both null).
     */
    public record Recipient(UUID partnerId, String name, UUID peerGroupId) {

        public Recipient(UUID partnerId, String name) {
            this(partnerId, name, null);
        }

        public static Recipient theClient() {
            return new Recipient(null, "client", null);
        }

        /** A cross-evaluation group of the organisation (R16): the one recipient of a vignette. */
        public static Recipient peerGroup(UUID groupId, String name) {
            return new Recipient(null, name, java.util.Objects.requireNonNull(groupId));
        }

        public boolean isClient() {
            return partnerId == null && peerGroupId == null;
        }

        public boolean isPeerGroup() {
            return peerGroupId != null;
        }
    }

    /**
     * Under what something goes out, or was asked for: the code of its audit detail
     * ({@code audit.detail.disclosure.<code>}) and the ids it names, never content. {@code toClient}: the
     * ground of a copy for the client, whose detail names no partner.
     */
    public record Ground(String code, boolean toClient, List<String> references) {

        public Ground {
            references = List.copyOf(references);
        }

        /** A share under the client's consent to share (R9). */
        public static Ground consent(UUID consentId) {
            return new Ground("consent", false, List.of(consentId.toString()));
        }

        /** Minutes of a case conference, for a participant under the client's consent (R10). */
        public static Ground conference(UUID conferenceId, UUID consentId) {
            return new Ground("conference", false, List.of(conferenceId.toString(), consentId.toString()));
        }

        /** A danger alert (R8). */
        public static Ground dangerAlert(UUID alertId) {
            return new Ground("danger", false, List.of(alertId.toString()));
        }

        /** The client's own record, at their request (R19). */
        public static Ground subjectAccess() {
            return new Ground("subject-access", true, List.of());
        }

        /** A vignette released to a cross-evaluation group after a colleague's review (R16). */
        public static Ground vignette(UUID vignetteId) {
            return new Ground("vignette", false, List.of(vignetteId.toString()));
        }

        /** A version of the work agreement for the client to keep (R3). */
        public static Ground workAgreement(int version) {
            return new Ground("work-agreement", true, List.of(Integer.toString(version)));
        }
    }

    /**
     * One disclosure about to leave.
     *
     * @param what    codes of what goes out (data kinds, identity fields, "REPORT"); audited as they are
     * @param why     the ground it goes out under, for the audit entry
     * @param purpose the purpose in words, stored encrypted; may be null
     * @param content exactly what goes out, as text (the payload a document is rendered from); encrypted
     */
    public record Outgoing(Channel channel, Recipient to, List<String> what, Ground why, String purpose,
            String content) {

        public Outgoing {
            what = List.copyOf(what);
            if (why.toClient() != to.isClient()) {
                throw new IllegalArgumentException("a ground of a copy for the client goes to the client only");
            }
        }
    }

    /** A disclosure as pages and the client's report show it; without its content. */
    public record Disclosure(UUID id, Channel channel, UUID partnerId, UUID peerGroupId, String recipient,
            List<String> what, String purpose, UUID disclosedBy, Instant disclosedAt) {

        /** Whether it went to the client (neither a partner nor a peer group). */
        public boolean toClient() {
            return partnerId == null && peerGroupId == null;
        }
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
        List<Object> args = arguments(out.channel(), out.to(), out.what());
        args.addAll(out.why().references());
        args.add(id);
        audit.record(event(who, client, DisclosureActions.DISCLOSURE_GRANTED,
                AuditDetail.of("disclosure." + out.why().code(), args.toArray())));
        return id;
    }

    /**
     * Audits a refused request in a transaction of its own, so the entry stays when the caller's
     * transaction rolls back; nothing else is written. The refusal is named by its code (the policy's
     * reason or the way out's own), never in words.
     */
    public void refused(StaffPrincipal who, CaseReference client, Channel channel, Recipient to, List<String> what,
            Refusal why) {
        List<Object> args = arguments(channel, to, what);
        args.add(why.code());
        audit.recordIndependently(event(who, client, DisclosureActions.DISCLOSURE_REFUSED,
                AuditDetail.of(to.isClient() ? "disclosure.refused-client" : "disclosure.refused", args.toArray())));
    }

    /**
     * A refused request under a ground already chosen: a share under a consent, the approval of a
     * danger alert raised before ({@code audit.detail.disclosure.refused-<code>}).
     */
    public void refused(StaffPrincipal who, CaseReference client, Channel channel, Recipient to, List<String> what,
            Ground under, Refusal why) {
        if (under.toClient() != to.isClient()) {
            throw new IllegalArgumentException("a ground of a copy for the client goes to the client only");
        }
        List<Object> args = arguments(channel, to, what);
        args.addAll(under.references());
        args.add(why.code());
        audit.recordIndependently(event(who, client, DisclosureActions.DISCLOSURE_REFUSED,
                AuditDetail.of("disclosure.refused-" + under.code(), args.toArray())));
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

    /** The channel, the partner by id (none for the client) and the codes of what goes out. */
    private static List<Object> arguments(Channel channel, Recipient to, List<String> what) {
        List<Object> args = new ArrayList<>();
        args.add(channel.name());
        if (to.isPeerGroup()) {
            args.add(to.peerGroupId());
        } else if (!to.isClient()) {
            args.add(to.partnerId());
        }
        args.add(String.join(",", what));
        return args;
    }
}
