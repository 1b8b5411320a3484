package org.exitwork.disclosure;

import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.StaffRequests;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Partners and consents for the disclosure tests, made through the pages as staff do it. */
final class DisclosureTestSupport {

    private DisclosureTestSupport() {
    }

    /** A partner registered by a manager, with one contact person (name, phone, e-mail). */
    static UUID partner(StaffRequests web, JdbcClient jdbc, StaffPrincipal manager, String kind, String contactName,
            String email) throws Exception {
        String name = "Partner " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(web.status(post("/network/partners").param("name", name).param("kind", kind)
                .param("mandate", "A mandate").param("agreement", "INFORMAL")
                .param("contacts[0].name", contactName).param("contacts[0].role", "Duty officer")
                .param("contacts[0].phone", "+49 30 1234567").param("contacts[0].email", email), manager))
                .as("partner registered").isEqualTo(302);
        return jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?")
                .params(manager.organisationId(), name).query(UUID.class).single();
    }

    static String partnerName(JdbcClient jdbc, UUID id) {
        return jdbc.sql("SELECT name FROM net_partner WHERE id = ?").param(id).query(String.class).single();
    }

    /** A consent of the client naming the partner, valid from today for three months; its id. */
    static UUID consent(StaffRequests web, JdbcClient jdbc, StaffPrincipal tandem, UUID clientId, UUID partnerId,
            java.time.LocalDate today) throws Exception {
        assertThat(web.status(post("/cases/{id}/consents", clientId).param("partnerId", partnerId.toString())
                .param("purpose", "Help with housing").param("kinds", "CURRENT_NEEDS", "CASE_CONFERENCE")
                .param("validFrom", today.toString()).param("validUntil", today.plusMonths(3).toString())
                .param("informedHow", "FORM_READ_TOGETHER"), tandem)).as("consent recorded").isEqualTo(302);
        return jdbc.sql("SELECT id FROM con_consent WHERE client_id = ? AND partner_id = ?").params(clientId, partnerId)
                .query(UUID.class).single();
    }
}
