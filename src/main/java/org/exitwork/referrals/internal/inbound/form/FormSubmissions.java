package org.exitwork.referrals.internal.inbound.form;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.network.Partner;
import org.exitwork.network.PartnerDirectory;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
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

    private final FormLinkRepository links;
    private final Inbox inbox;
    private final Clock clock;
    private final PartnerDirectory partners;

    FormSubmissions(FormLinkRepository links, Inbox inbox, Clock clock, PartnerDirectory partners) {
        this.links = links;
        this.inbox = inbox;
        this.clock = clock;
        this.partners = partners;
    }

    /** The link, when unused, not withdrawn, not expired and its partner active; otherwise empty, whatever the reason. */
    Optional<Link> open(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return links.open(FormLinks.hash(token), clock.instant())
                .filter(l -> partners.find(l.organisationId(), l.partnerId()).filter(Partner::active).isPresent());
    }

    /** @return false when the link was no longer open (used meanwhile, withdrawn, expired, unknown) */
    @Transactional
    boolean submit(String token, InboundReferral referral) {
        Optional<Link> link = open(token);
        if (link.isEmpty()) {
            return false;
        }
        if (!links.consume(link.get().id(), clock.instant())) {
            return false;
        }
        inbox.append(link.get().organisationId(), link.get().partnerId(), Inbox.Via.FORM, referral);
        return true;
    }
}
