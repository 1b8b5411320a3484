package org.exitwork.cases.internal.handover;

import java.util.List;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gaps of the managers' overview (issue 19: found in SQL, no longer by reading every open case's
 * tandem): a member who has left, or a client with fewer than two active practitioners; a prospect with its
 * one practitioner is no gap, and a closed case never is.
 */
@DatabaseTest
class TandemGapsTest {

    @Autowired
    Handovers handovers;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessRepository tandems;

    @Autowired
    CaseTallies tallies;

    @Autowired
    TransactionTemplate tx;

    @Test
    void exactlyTheCasesWithALeaverOrTooFewActivePractitioners() {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal p1 = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal p2 = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal p3 = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal leaver = fixtures.staff(org, Role.PRACTITIONER);

        RegisteredClient full = fixtures.client(p1, p2, Fixtures.unique("Gap A "));
        RegisteredClient alone = fixtures.client(p1, p2, Fixtures.unique("Gap B "));
        tandem(alone.id(), p1);
        RegisteredClient withLeaver = fixtures.client(p1, p2, Fixtures.unique("Gap C "));
        tandem(withLeaver.id(), p1, leaver);
        RegisteredClient threeWithLeaver = fixtures.client(p1, p2, Fixtures.unique("Gap D "));
        tandem(threeWithLeaver.id(), p1, p3, leaver);
        RegisteredClient nobody = fixtures.client(p1, p2, Fixtures.unique("Gap E "));
        tandem(nobody.id());
        RegisteredClient closed = fixtures.client(p1, p2, Fixtures.unique("Gap F "));
        tandem(closed.id(), leaver);
        tx.executeWithoutResult(s -> {
            tallies.touch(closed.id());
            jdbc.sql("UPDATE cas_client SET stage = 'CLOSED' WHERE id = ?").param(closed.id()).update();
        });
        RegisteredClient prospect = fixtures.prospect(p3);
        RegisteredClient prospectOfLeaver = fixtures.prospect(p3);
        tandem(prospectOfLeaver.id(), leaver);
        jdbc.sql("UPDATE acc_staff SET active = FALSE WHERE id = ?").param(leaver.id()).update();

        List<Handovers.Gap> gaps = handovers.gaps(org.id());

        assertThat(gaps).extracting(Handovers.Gap::clientId).containsExactlyInAnyOrder(alone.id(), withLeaver.id(),
                threeWithLeaver.id(), nobody.id(), prospectOfLeaver.id());
        assertThat(gaps).extracting(Handovers.Gap::clientId).doesNotContain(full.id(), closed.id(), prospect.id());
        Handovers.Gap three = gaps.stream().filter(g -> g.clientId().equals(threeWithLeaver.id())).findFirst().orElseThrow();
        assertThat(three.members()).extracting(Handovers.Member::id).containsExactly(p1.id(), p3.id(), leaver.id());
        assertThat(three.active()).isEqualTo(2);
        assertThat(Handovers.departed(gaps)).singleElement().satisfies(d -> {
            assertThat(d.staffId()).isEqualTo(leaver.id());
            assertThat(d.cases()).isEqualTo(3);
        });
    }

    /** The case's tandem, as given, in this order, written as the services write it (kept counts and sizes too). */
    private void tandem(UUID client, StaffPrincipal... members) {
        tx.executeWithoutResult(s -> {
            for (UUID member : jdbc.sql("SELECT staff_id FROM cas_tandem_member WHERE client_id = ?").param(client)
                    .query(UUID.class).list()) {
                tandems.removeTandemMember(client, member);
            }
            int position = 1;
            for (StaffPrincipal member : members) {
                tandems.insertTandemMember(client, member.id(), position++);
            }
        });
    }
}
