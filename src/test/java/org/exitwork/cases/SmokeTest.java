package org.exitwork.cases;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@DatabaseTest
class SmokeTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void registersAClient() {
        var org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, "Marker Person");
        fixtures.note(a, client.id(), "a note");
        assertThat(client.pseudonym()).matches("[A-Z][a-z]{5} [A-Z][a-z]{5}");
    }
}
