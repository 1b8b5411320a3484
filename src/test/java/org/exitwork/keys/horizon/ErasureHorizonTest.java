package org.exitwork.keys.horizon;

import java.util.List;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * On the test database (H2 in memory, PostgreSQL): the wrapped key read before the erasure stands for
 * every copy the database keeps out of the application's sight (PostgreSQL's dead rows and WAL) and
 * for a backup taken that day. {@link ErasureHorizonOnDiskTest} reads the H2 file itself.
 */
@DatabaseTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "exitwork.test.context=erasure-horizon")
class ErasureHorizonTest extends ErasureHorizonScenario {

    @Override
    List<byte[]> wrappedKeysLyingAround() {
        return List.of();
    }

    @Test
    void theErasureScreenTellsThePractitionerWhenEveryCopyIsUnreadableInEnglishAndGerman() throws Exception {
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal a = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal b = fixtures.staff(org, Role.PRACTITIONER);
        RegisteredClient client = fixtures.client(a, b, Fixtures.unique("Screenmarker "));
        // 30 days' horizon + 1 day's rotation interval + 1 hour's check, rounded up.
        assertThat(horizon.daysUntilEveryCopyIsUnreadable()).isEqualTo(32);

        mvc.perform(get("/cases/{id}/ending", client.id()).with(as(a)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(
                        "can no longer be opened by anyone at the latest 32 days after the erasure")));
        mvc.perform(get("/cases/{id}/ending", client.id()).with(as(a)).param("lang", "de"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("kann spätestens 32 Tage nach der Löschung niemand mehr öffnen")));
    }
}
