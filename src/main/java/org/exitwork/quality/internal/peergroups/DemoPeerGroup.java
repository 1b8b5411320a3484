package org.exitwork.quality.internal.peergroups;

import java.util.UUID;

import org.exitwork.accounts.AccountAdministration.NewAccount;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo: a peer of a neighbouring organisation invited by Tom, and a cross-evaluation group of Anna and the
 * peer with a meeting last week; its case vignette comes from the disclosure gate.
 */
@Component
@Profile(DemoContent.PROFILE)
class DemoPeerGroup implements DemoContent {

    private final PeerGroups groups;

    DemoPeerGroup(PeerGroups groups) {
        this.groups = groups;
    }

    @Override
    public int order() {
        return 61;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal tom = demo.get("staff.tom", StaffPrincipal.class);
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        NewAccount sofia = groups.invite(tom, "sofia", "Sofia Nachbar (fictitious)",
                "Ausstiegshilfe Nachbarstadt (fictitious)");
        UUID group = groups.create(tom, "Kollegiale Fallberatung Nord");
        groups.addMember(tom, group, anna.id());
        groups.addMember(tom, group, sofia.member().id());
        groups.recordMeeting(tom, group, demo.today().minusDays(7));
        demo.put("peergroup.north", group);
        StaffMember peer = sofia.member();
        demo.addSignIn(new DemoContext.SignIn(peer.displayName(),
                "peer of another organisation (sees the peer group and its vignettes, nothing else)", peer.username(),
                sofia.temporaryPassword()));
        demo.put("peer.sofia", new StaffPrincipal(peer.id(), peer.organisationId(), peer.username(), peer.displayName(),
                peer.role()));
    }
}
