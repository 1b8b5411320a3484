package org.exitwork.network.internal;

import org.exitwork.network.PartnerKind;

/**
 * Which changes of a partner's kind are allowed.
 *
 * <p>The kind decides what the disclosure gate lets through: social services may receive shares under
 * a client's consent (R9), security partners never receive anything but a danger alert (R7, R8). A
 * kind change is therefore a change of what may leave the organisation, and the safe rule is the
 * simplest one:
 * <ul>
 * <li>A security kind (police, intelligence, judiciary, prosecution) never changes, not even into
 * another security kind. Turning police into anything else would make consents and case conferences
 * possible with a body that must only ever be a one-way street; and a security partner's referrals,
 * alerts and audit trail must keep saying exactly which body it was.</li>
 * <li>No partner ever changes its group. Turning a social service into a security kind would be
 * just as dangerous the other way round: existing consents to share, given by clients for a youth
 * service, would suddenly name a police body, and what was shared under them would look as if it had
 * gone to the police. A body that really is something else is a new partner; the old one is
 * deactivated, so everything that refers to it stays readable as it was.</li>
 * <li>Within a non-security group the kind may change (a health service registered as housing by
 * mistake): the gate treats the group alike, so nothing widens. Every such change is audited with the
 * old and the new kind.</li>
 * </ul>
 */
final class KindRule {

    /** Why a change was refused, as a message key; {@code null} when it is allowed. */
    static String refusal(PartnerKind from, PartnerKind to) {
        if (from == to) {
            return null;
        }
        if (from.isSecurity()) {
            return "network.error.kind.security";
        }
        if (from.group() != to.group()) {
            return "network.error.kind.group";
        }
        return null;
    }

    private KindRule() {
    }
}
