package org.exitwork.cases;

import java.util.List;
import java.util.regex.Pattern;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each case page shows the rooms of the case once. A fragment named like an HTML element
 * ({@code nav}) made Thymeleaf's selector match every {@code <nav>} of the file as well, so the
 * client's pages showed the prospect's menu under their own.
 */
@DatabaseTest
@AutoConfigureMockMvc
class CaseNavigationTest {

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;

    @Test
    void everyRoomOfACaseShowsOneCaseMenu() throws Exception {
        var org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, "Navigation Person");
        StaffRequests requests = new StaffRequests(mvc);
        for (String room : List.of("sessions", "agreement", "context", "consents", "ending", "shares",
                "client-report", "safety/threats")) {
            String page = requests.page("/cases/" + client.id() + "/" + room, a);
            assertThat(count(page, "class=\"case-nav\"")).as(room).isEqualTo(1);
            assertThat(page).as(room).doesNotContain(">Does not join<");
        }
        assertThat(count(requests.page("/cases/" + client.id() + "/safety/threats", a), "class=\"client-safety-nav "))
                .isEqualTo(1);

        RegisteredClient prospect = fixtures.prospect(a);
        assertThat(count(requests.page("/cases/" + prospect.id() + "/ending", a), "class=\"case-nav\"")).isEqualTo(1);
    }

    private static int count(String page, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(page).results().count();
    }
}
