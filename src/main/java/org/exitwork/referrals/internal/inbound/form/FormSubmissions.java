package org.exitwork.referrals.internal.inbound.form;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request path of the web form: checks a one-time link and, on a valid referral, consumes it
 * (a conditional update, so it is used once even on two nodes) and appends to the inbox, in one
 * transaction. Reads nothing about a person.
 */
@Service
public class FormSubmissions {

    /** Whose link it is. */
    record Link(UUID id, UUID organisationId, UUID partnerId) {
    }

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final Clock clock;
    private final PartnerDirectory partners;

    FormSubmissions(JdbcClient jdbc, Inbox inbox, Clock clock, PartnerDirectory partners) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.clock = clock;
        this.partners = partners;
    }

    /** The link, when unused, not withdrawn, not expired and its partner active; otherwise empty, whatever the reason. */
    Optional<Link> open(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, org_id, partner_id FROM ref_form_link WHERE token_hash = ? AND used_at IS NULL "
                + "AND withdrawn_at IS NULL AND expires_at > ?").params(FormLinks.hash(token),
                        Timestamp.from(clock.instant()))
                .query((rs, n) -> new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)))
                .optional()
                .filter(l -> partners.find(l.organisationId(), l.partnerId()).filter(Partner::active).isPresent());
    }

    /** @return false when the link was no longer open (used meanwhile, withdrawn, expired, unknown) */
    @Transactional
    boolean submit(String token, InboundReferral referral) {
        Optional<Link> link = open(token);
        if (link.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        int consumed = jdbc.sql("UPDATE ref_form_link SET used_at = ? WHERE id = ? AND used_at IS NULL "
                + "AND withdrawn_at IS NULL AND expires_at > ?")
                .params(Timestamp.from(now), link.get().id(), Timestamp.from(now)).update();
        if (consumed != 1) {
            return false;
        }
        inbox.append(link.get().organisationId(), link.get().partnerId(), Inbox.Via.FORM, referral);
        return true;
    }
}
