package org.exitwork.disclosure;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditDetail;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.consent.ConsentsToShare;
import org.exitwork.consent.DataKind;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldRef;
import org.exitwork.network.PartnerKind;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The gate knows its recipients (R7-R10, R16, R17): every channel is posted by hand to a partner of
 * every kind, bypassing what the forms offer. Consents, shares and case conferences reach social
 * services only, a danger alert only a named contact of a security partner. Each wrong one is refused
 * with its exact status and reason, stores nothing in any dis_ or con_ table, and leaves its refusal in
 * the audit chain. Consents recorded before the policy for partners it now refuses (written straight
 * into the database, as the old gate let them be) are shown marked and are no ground for anything.
 */
@DatabaseTest
@AutoConfigureMockMvc
class OutboundGateTest {

    static final Set<PartnerKind> SOCIAL = Set.of(PartnerKind.YOUTH_AND_FAMILY, PartnerKind.PROBATION,
            PartnerKind.EMPLOYMENT, PartnerKind.HOUSING, PartnerKind.HEALTH, PartnerKind.SCHOOL);
    static final Set<PartnerKind> SECURITY = Set.of(PartnerKind.POLICE, PartnerKind.INTELLIGENCE,
            PartnerKind.JUDICIARY, PartnerKind.PROSECUTION);

    static final String ONE_WAY_STREET = "security partners (police, intelligence services, judiciary, prosecution) "
            + "receive nothing but a danger alert: no consent, no share, no case conference.";
    static final String FUNDERS = "funders receive aggregate reports only, never anything about one client.";
    static final String PEERS = "peer organisations receive released anonymised case vignettes only, never anything "
            + "about one client.";
    static final String NOT_SOCIAL = "shares, case conferences and service requests go to social services only (youth "
            + "and family services, probation, employment, health, housing, schools), not to community partners.";
    static final String NOT_SECURITY = "a danger alert goes only to a named contact of an active security partner "
            + "(police, intelligence service, judiciary, prosecution).";
    static final String NO_NAMED_CONTACT = "a danger alert goes only to a contact person registered with this "
            + "security partner.";

    static final List<String> TABLES = List.of("con_consent", "con_consent_kind", "dis_disclosure", "dis_share",
            "dis_conference", "dis_conference_partner", "dis_danger_alert");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ClientKeys keys;

    @Autowired
    ConsentsToShare consents;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;
    RegisteredClient client;
    String m;
    final Map<PartnerKind, UUID> partner = new EnumMap<>(PartnerKind.class);
    final Map<PartnerKind, UUID> contact = new EnumMap<>(PartnerKind.class);
    /** One consent per kind: through the form for social services, written into the database for all others. */
    final Map<PartnerKind, UUID> consentOf = new EnumMap<>(PartnerKind.class);

    @BeforeEach
    void setUp() throws Exception {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        client = fixtures.client(a, b, "Gate Tester " + UUID.randomUUID().toString().substring(0, 6));
        m = Fixtures.unique("gatemarker").replace("-", "");
        for (PartnerKind kind : PartnerKind.values()) {
            UUID id = DisclosureTestSupport.partner(web, jdbc, manager, kind.name(), "Contact " + kind,
                    kind.name().toLowerCase() + "@partner.example");
            partner.put(kind, id);
            contact.put(kind, jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(id)
                    .query(UUID.class).single());
            consentOf.put(kind, SOCIAL.contains(kind)
                    ? DisclosureTestSupport.consent(web, jdbc, a, client.id(), id, today())
                    : legacyConsent(id, "Legacy purpose " + kind));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Expectations, written out: what the gate says to each kind.

    /** For consents, shares and case conferences; {@code null}: allowed. */
    private static String shareRefusal(PartnerKind kind) {
        return switch (kind) {
            case POLICE, INTELLIGENCE, JUDICIARY, PROSECUTION -> ONE_WAY_STREET;
            case FUNDER -> FUNDERS;
            case PEER_NGO -> PEERS;
            case RELIGIOUS_COMMUNITY, GRASS_ROOTS, FAMILY_SUPPORT -> NOT_SOCIAL;
            case YOUTH_AND_FAMILY, PROBATION, EMPLOYMENT, HOUSING, HEALTH, SCHOOL -> null;
        };
    }

    private static String shareRefusalCode(PartnerKind kind) {
        return switch (kind) {
            case POLICE, INTELLIGENCE, JUDICIARY, PROSECUTION -> "ONE_WAY_STREET";
            case FUNDER -> "FUNDERS_SEE_AGGREGATES_ONLY";
            case PEER_NGO -> "PEERS_SEE_VIGNETTES_ONLY";
            case RELIGIOUS_COMMUNITY, GRASS_ROOTS, FAMILY_SUPPORT -> "NOT_A_SOCIAL_SERVICE";
            case YOUTH_AND_FAMILY, PROBATION, EMPLOYMENT, HOUSING, HEALTH, SCHOOL -> null;
        };
    }

    /** For a danger alert to the partner's own registered contact; {@code null}: allowed. */
    private static String alertRefusalCode(PartnerKind kind) {
        return switch (kind) {
            case POLICE, INTELLIGENCE, JUDICIARY, PROSECUTION -> null;
            case FUNDER -> "FUNDERS_SEE_AGGREGATES_ONLY";
            case PEER_NGO -> "PEERS_SEE_VIGNETTES_ONLY";
            default -> "NOT_A_SECURITY_PARTNER";
        };
    }

    private static String text(String code) {
        return switch (code) {
            case "ONE_WAY_STREET" -> ONE_WAY_STREET;
            case "FUNDERS_SEE_AGGREGATES_ONLY" -> FUNDERS;
            case "PEERS_SEE_VIGNETTES_ONLY" -> PEERS;
            case "NOT_A_SOCIAL_SERVICE" -> NOT_SOCIAL;
            case "NOT_A_SECURITY_PARTNER" -> NOT_SECURITY;
            case "NO_NAMED_CONTACT" -> NO_NAMED_CONTACT;
            default -> throw new IllegalArgumentException(code);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A consent as the old gate let it be recorded, written straight into the database. */
    private UUID legacyConsent(UUID partnerId, String purpose) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO con_consent (id, org_id, client_id, partner_id, purpose, valid_from, valid_until, "
                + "informed_how, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, org.id(), client.id(), partnerId,
                        keys.cipherFor(client.id()).encrypt(FieldRef.of("con_consent", id, "purpose"), purpose),
                        today().minusDays(10), today().plusMonths(6), "FORM_READ_TOGETHER", a.id(),
                        Timestamp.from(clock.instant()))
                .update();
        for (String kind : List.of("CURRENT_NEEDS", "CASE_CONFERENCE")) {
            jdbc.sql("INSERT INTO con_consent_kind (consent_id, client_id, kind) VALUES (?, ?, ?)")
                    .params(id, client.id(), kind).update();
        }
        return id;
    }

    private Map<String, Long> rows() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id())
                    .query(Long.class).single());
        }
        return counts;
    }

    /** Entries about the client of this action with exactly this detail (channel, partner, what, ground, reason). */
    private long audited(String action, String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM aud_entry WHERE org_id = ? AND subject = ? AND action = ? "
                + "AND detail = ?").params(org.id(), client.pseudonym(), action, detail)
                .query(Long.class).single();
    }

    /**
     * Posts by hand and checks the refusal: the status, the exact message in the page, nothing stored
     * in any dis_ or con_ table, one refusal in the audit chain naming the partner and the reason.
     */
    private void refused(MockHttpServletRequestBuilder request, int status, String message, String auditAction,
            String auditDetail) throws Exception {
        Map<String, Long> before = rows();
        long audits = audited(auditAction, auditDetail);
        MockHttpServletResponse response = web.perform(request, a);
        assertThat(response.getStatus()).as(message).isEqualTo(status);
        assertThat(response.getContentAsString()).contains(message);
        assertThat(rows()).as("nothing stored: " + message).isEqualTo(before);
        assertThat(audited(auditAction, auditDetail)).as("the refusal is audited: " + message).isEqualTo(audits + 1);
    }

    private MockHttpServletRequestBuilder consentForm(UUID partnerId) {
        return post("/cases/{id}/consents", client.id()).param("partnerId", partnerId.toString())
                .param("purpose", "By hand " + m).param("kinds", "CURRENT_NEEDS", "CASE_CONFERENCE")
                .param("validFrom", today().toString()).param("validUntil", today().plusMonths(3).toString())
                .param("informedHow", "FORM_READ_TOGETHER");
    }

    private MockHttpServletRequestBuilder share(UUID partnerId, UUID consentId) {
        return post("/cases/{id}/shares", client.id()).param("partnerId", partnerId.toString())
                .param("consentId", consentId.toString()).param("form", "PDF").param("language", "en")
                .param("kinds", "CURRENT_NEEDS").param("texts[" + DataKind.CURRENT_NEEDS.ordinal() + "]",
                        "Needs a flat " + m);
    }

    private MockHttpServletRequestBuilder plan(UUID partnerId) {
        return post("/cases/{id}/conferences", client.id()).param("heldOn", today().plusDays(3).toString())
                .param("purpose", "Housing plan " + m).param("clientInvited", "false")
                .param("invitees[0].partnerId", partnerId.toString()).param("invitees[0].chosen", "true")
                .param("invitees[0].attendees", "");
    }

    private MockHttpServletRequestBuilder alert(UUID partnerId, UUID contactId) {
        return post("/cases/{id}/danger-alerts", client.id()).param("partnerId", partnerId.toString())
                .param("contactId", contactId.toString()).param("kind", "VIOLENCE_AGAINST_OTHERS")
                .param("danger", "Plans an attack " + m).param("atRisk", "A neighbour").param("howSoon", "Tonight")
                .param("cannotWait", "false");
    }

    // ---------------------------------------------------------------------------------------------
    // Consents

    @Test
    void aConsentNamesOnlyASocialServiceWhateverIsPosted() throws Exception {
        String form = web.page("/cases/" + client.id() + "/consents/new", a);
        for (PartnerKind kind : PartnerKind.values()) {
            String option = "value=\"" + partner.get(kind) + "\"";
            if (SOCIAL.contains(kind)) {
                assertThat(form).as(kind + " offered").contains(option);
            } else {
                assertThat(form).as(kind + " not offered").doesNotContain(option);
            }
        }
        for (PartnerKind kind : PartnerKind.values()) {
            UUID id = partner.get(kind);
            if (SOCIAL.contains(kind)) {
                Map<String, Long> before = rows();
                assertThat(web.status(consentForm(id), a)).as(kind.name()).isEqualTo(302);
                assertThat(rows().get("con_consent")).isEqualTo(before.get("con_consent") + 1);
                continue;
            }
            refused(consentForm(id), 400, "This partner cannot be named in a consent to share: "
                    + shareRefusal(kind), "CONSENT_PARTNER_REFUSED", AuditDetail.of("consent.partner-refused", id,
                    kind.name(), shareRefusalCode(kind)));
            // A consent to case conferences only is refused alike.
            refused(consentForm(id).param("kinds", "CASE_CONFERENCE"), 400,
                    "This partner cannot be named in a consent to share: " + shareRefusal(kind),
                    "CONSENT_PARTNER_REFUSED", AuditDetail.of("consent.partner-refused", id, kind.name(),
                    shareRefusalCode(kind)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Shares

    @Test
    void aShareGoesOnlyToASocialServiceEvenWithAConsentNamingThePartner() throws Exception {
        String form = web.page("/cases/" + client.id() + "/shares/new", a);
        for (PartnerKind kind : PartnerKind.values()) {
            assertThat(form.contains("value=\"" + partner.get(kind) + "\"")).as(kind.name())
                    .isEqualTo(SOCIAL.contains(kind));
        }
        for (PartnerKind kind : PartnerKind.values()) {
            UUID id = partner.get(kind);
            if (SOCIAL.contains(kind)) {
                Map<String, Long> before = rows();
                assertThat(web.status(share(id, consentOf.get(kind)), a)).as(kind.name()).isEqualTo(200);
                assertThat(rows().get("dis_share")).isEqualTo(before.get("dis_share") + 1);
                assertThat(rows().get("dis_disclosure")).isEqualTo(before.get("dis_disclosure") + 1);
                continue;
            }
            refused(share(id, consentOf.get(kind)), 409, "Refused: " + shareRefusal(kind), "DISCLOSURE_REFUSED",
                    AuditDetail.of("disclosure.refused-consent", "SHARE", id, "CURRENT_NEEDS", consentOf.get(kind),
                            shareRefusalCode(kind)));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(Long.class).single()).isEqualTo(SOCIAL.size());
    }

    // ---------------------------------------------------------------------------------------------
    // Case conferences

    @Test
    void aCaseConferenceIsPlannedOnlyWithSocialServices() throws Exception {
        String form = web.page("/cases/" + client.id() + "/conferences/new", a);
        for (PartnerKind kind : PartnerKind.values()) {
            assertThat(form.contains("value=\"" + partner.get(kind) + "\"")).as(kind.name())
                    .isEqualTo(SOCIAL.contains(kind));
        }
        for (PartnerKind kind : PartnerKind.values()) {
            UUID id = partner.get(kind);
            if (SOCIAL.contains(kind)) {
                Map<String, Long> before = rows();
                assertThat(web.status(plan(id), a)).as(kind.name()).isEqualTo(302);
                assertThat(rows().get("dis_conference_partner")).isEqualTo(before.get("dis_conference_partner") + 1);
                continue;
            }
            refused(plan(id), 409, "Refused: " + shareRefusal(kind) + " Nothing was stored.", "DISCLOSURE_REFUSED",
                    AuditDetail.of("disclosure.refused", "CONFERENCE_MINUTES", id, "CONFERENCE_PARTICIPATION",
                            shareRefusalCode(kind)));
        }
    }

    @Test
    void minutesOfAConferencePlannedUnderTheOldGateReachOnlyTheSocialServices() throws Exception {
        UUID housing = partner.get(PartnerKind.HOUSING);
        assertThat(web.status(plan(housing), a)).isEqualTo(302);
        UUID conference = jdbc.sql("SELECT id FROM dis_conference WHERE client_id = ?").param(client.id())
                .query(UUID.class).single();
        // Participants the old gate let in: every kind that is not a social service, each on its own consent.
        int position = 1;
        for (PartnerKind kind : PartnerKind.values()) {
            if (!SOCIAL.contains(kind)) {
                jdbc.sql("INSERT INTO dis_conference_partner (id, conference_id, client_id, partner_id, consent_id, "
                        + "position) VALUES (?, ?, ?, ?, ?, ?)").params(UUID.randomUUID(), conference, client.id(),
                        partner.get(kind), consentOf.get(kind), position++).update();
            }
        }
        assertThat(web.status(post("/cases/{id}/conferences/{c}/minutes", client.id(), conference)
                .param("minutes", client.pseudonym() + " found a flat " + m), a)).isEqualTo(302);

        MvcResult sent = mvc.perform(post("/cases/{id}/conferences/{c}/send", client.id(), conference)
                .with(Fixtures.as(a)).with(csrf())).andReturn();
        assertThat(sent.getResponse().getStatus()).isEqualTo(302);
        assertThat(sent.getResponse().getRedirectedUrl())
                .isEqualTo("/cases/" + client.id() + "/conferences/" + conference);
        assertThat(sent.getFlashMap().get("notice")).isEqualTo("conferences.notice.sent-some-refused");

        assertThat(jdbc.sql("SELECT partner_id FROM dis_disclosure WHERE client_id = ? AND channel = "
                + "'CONFERENCE_MINUTES'").param(client.id()).query(UUID.class).list()).containsExactly(housing);
        for (PartnerKind kind : PartnerKind.values()) {
            if (SOCIAL.contains(kind)) {
                continue;
            }
            UUID id = partner.get(kind);
            assertThat(jdbc.sql("SELECT outcome FROM dis_conference_partner WHERE conference_id = ? AND partner_id = ? "
                    + "AND disclosure_id IS NULL").params(conference, id).query(String.class).single()).as(kind.name())
                    .isEqualTo("REFUSED");
            assertThat(audited("DISCLOSURE_REFUSED", AuditDetail.of("disclosure.refused-conference", "CONFERENCE_MINUTES",
                    id, "CONFERENCE_MINUTES", conference, consentOf.get(kind), shareRefusalCode(kind)))).as(kind.name())
                    .isEqualTo(1);
        }
        // What went to the housing office does not name the refused partners either.
        String content = jdbc.sql("SELECT id FROM dis_disclosure WHERE client_id = ?").param(client.id())
                .query(UUID.class).list().stream().findFirst().map(d -> keys.cipherFor(client.id())
                        .decrypt(FieldRef.of("dis_disclosure", d, "content"), jdbc.sql("SELECT content FROM "
                                + "dis_disclosure WHERE id = ?").param(d).query(byte[].class).single()))
                .orElseThrow();
        assertThat(content).contains("found a flat " + m)
                .doesNotContain(DisclosureTestSupport.partnerName(jdbc, partner.get(PartnerKind.FUNDER)))
                .doesNotContain(DisclosureTestSupport.partnerName(jdbc, partner.get(PartnerKind.POLICE)));
    }

    // ---------------------------------------------------------------------------------------------
    // Danger alerts

    @Test
    void aDangerAlertGoesOnlyToANamedContactOfASecurityPartner() throws Exception {
        String form = web.page("/cases/" + client.id() + "/danger-alerts/new", a);
        for (PartnerKind kind : PartnerKind.values()) {
            assertThat(form.contains(DisclosureTestSupport.partnerName(jdbc, partner.get(kind)))).as(kind.name())
                    .isEqualTo(SECURITY.contains(kind));
        }
        for (PartnerKind kind : PartnerKind.values()) {
            UUID id = partner.get(kind);
            String code = alertRefusalCode(kind);
            if (code == null) {
                Map<String, Long> before = rows();
                assertThat(web.status(alert(id, contact.get(kind)), a)).as(kind.name()).isEqualTo(302);
                assertThat(rows().get("dis_danger_alert")).isEqualTo(before.get("dis_danger_alert") + 1);
                assertThat(rows().get("dis_disclosure")).as("awaits approval").isEqualTo(before.get("dis_disclosure"));
                continue;
            }
            refused(alert(id, contact.get(kind)), 409, "Refused: " + text(code) + " Nothing was stored.",
                    "DISCLOSURE_REFUSED", AuditDetail.of("disclosure.refused", "DANGER_ALERT", id, "", code));
        }
        // A security partner with someone who is not its contact person: the body as such, refused.
        UUID police = partner.get(PartnerKind.POLICE);
        refused(alert(police, contact.get(PartnerKind.HOUSING)), 409,
                "Refused: " + NO_NAMED_CONTACT + " Nothing was stored.", "DISCLOSURE_REFUSED",
                AuditDetail.of("disclosure.refused", "DANGER_ALERT", police, "", "NO_NAMED_CONTACT"));
    }

    // ---------------------------------------------------------------------------------------------
    // A consent recorded before the policy

    @Test
    void aLegacyConsentNamingAFunderIsShownMarkedAndRefusedByTheGate() throws Exception {
        UUID funder = partner.get(PartnerKind.FUNDER);
        UUID legacy = consentOf.get(PartnerKind.FUNDER);

        String page = web.page("/cases/" + client.id() + "/consents", a);
        assertThat(page).contains("Legacy purpose FUNDER")
                .contains("data-refusal=\"FUNDERS_SEE_AGGREGATES_ONLY\"")
                .contains("Cannot be used for sharing")
                .contains(FUNDERS);
        assertThat(page.split("data-testid=\"consent-unusable\"", -1)).as("every consent the policy refuses is marked")
                .hasSize(PartnerKind.values().length - SOCIAL.size() + 1);
        String german = web.page("/cases/" + client.id() + "/consents?lang=de", a);
        assertThat(german).contains("Kann nicht für eine Weitergabe genutzt werden")
                .contains("Geldgeber erhalten nur zusammengefasste Berichte, nie etwas über eine einzelne Klientin "
                        + "oder einen einzelnen Klienten.");

        assertThat(consents.covers(org.id(), client.id(), funder, legacy, Set.of(DataKind.CURRENT_NEEDS), today()))
                .isFalse();
        assertThat(consents.covers(org.id(), client.id(), funder, legacy, Set.of(DataKind.CASE_CONFERENCE), today()))
                .isFalse();
        assertThat(consents.validOn(org.id(), client.id(), today())).extracting(ConsentsToShare.ValidConsent::id)
                .doesNotContain(legacy).hasSize(SOCIAL.size());

        refused(share(funder, legacy), 409, "Refused: " + FUNDERS, "DISCLOSURE_REFUSED", AuditDetail.of(
                "disclosure.refused-consent", "SHARE", funder, "CURRENT_NEEDS", legacy, "FUNDERS_SEE_AGGREGATES_ONLY"));
        refused(plan(funder), 409, "Refused: " + FUNDERS + " Nothing was stored.", "DISCLOSURE_REFUSED",
                AuditDetail.of("disclosure.refused", "CONFERENCE_MINUTES", funder, "CONFERENCE_PARTICIPATION",
                        "FUNDERS_SEE_AGGREGATES_ONLY"));

        // A partner deactivated since: its consent is marked alike and no longer offered.
        UUID housing = partner.get(PartnerKind.HOUSING);
        assertThat(web.status(post("/network/partners/{id}/active", housing).param("active", "false"), manager))
                .isEqualTo(302);
        assertThat(web.page("/cases/" + client.id() + "/consents", a)).contains("data-refusal=\"INACTIVE_PARTNER\"")
                .contains("this partner is no longer active.");
        refused(share(housing, consentOf.get(PartnerKind.HOUSING)), 409, "Refused: this partner is no longer active.",
                "DISCLOSURE_REFUSED", AuditDetail.of("disclosure.refused-consent", "SHARE", housing, "CURRENT_NEEDS",
                        consentOf.get(PartnerKind.HOUSING), "INACTIVE_PARTNER"));

        // It stays the client's to revoke.
        assertThat(web.status(post("/cases/{id}/consents/{c}/revoke", client.id(), legacy)
                .param("revokedOn", today().toString()), a)).isEqualTo(302);
        assertThat(web.page("/cases/" + client.id() + "/consents", a)).contains("Legacy purpose FUNDER")
                .contains("data-status=\"REVOKED\"");
    }
}
