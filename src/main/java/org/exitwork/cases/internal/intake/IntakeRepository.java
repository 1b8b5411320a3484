package org.exitwork.cases.internal.intake;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Intake tables: the prospect's few facts, contacts, safety discussions, consent and information texts. */
@Repository
public class IntakeRepository {

    public record Facts(Pathway pathway, boolean contextCase, byte[] personAtRisk, byte[] singleReason, Instant openedAt,
            LocalDate becameClientOn) {
    }

    public record ContactRow(UUID id, LocalDate contactedOn, ContactKind kind, boolean reached, byte[] note, UUID recordedBy) {
    }

    record DiscussionRow(UUID id, LocalDate heldOn, byte[] risks, UUID recordedBy, List<UUID> participants) {
    }

    public record ConsentRow(LocalDate givenOn, String informedHow, UUID textId, String language, UUID recordedBy) {
    }

    public record InformationText(UUID id, UUID organisationId, int version, String language, String title, String body,
            LocalDate publishedOn) {
    }

    private final JdbcClient jdbc;
    private final CaseTallies tallies;

    IntakeRepository(JdbcClient jdbc, CaseTallies tallies) {
        this.jdbc = jdbc;
        this.tallies = tallies;
    }

    boolean pseudonymTaken(UUID org, String pseudonym) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_client WHERE org_id = ? AND pseudonym = ?").params(org, pseudonym)
                .query(Long.class).single() > 0;
    }

    void insertProspect(UUID id, UUID org, String pseudonym, Pathway pathway, boolean contextCase, Instant at,
            UUID by) {
        tallies.touch(id);
        jdbc.sql("INSERT INTO cas_client (id, org_id, pseudonym, stage, created_at, created_by, pathway, context_case) "
                + "VALUES (?, ?, ?, 'PROSPECT', ?, ?, ?, ?)")
                .params(id, org, pseudonym, Timestamp.from(at), by, pathway.name(), contextCase).update();
    }

    public Facts facts(UUID clientId) {
        return jdbc.sql("SELECT pathway, context_case, person_at_risk, single_practitioner_reason, created_at, "
                + "became_client_on FROM cas_client WHERE id = ?").param(clientId)
                .query((rs, n) -> new Facts(Pathway.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getBytes(3),
                        rs.getBytes(4), rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate()))
                .single();
    }

    void replaceAreas(UUID clientId, Set<PhenomenonArea> areas) {
        tallies.touch(clientId);
        jdbc.sql("DELETE FROM cas_phenomenon WHERE client_id = ?").param(clientId).update();
        for (PhenomenonArea area : areas) {
            jdbc.sql("INSERT INTO cas_phenomenon (client_id, area) VALUES (?, ?)").params(clientId, area.name())
                    .update();
        }
    }

    public Set<PhenomenonArea> areas(UUID clientId) {
        Set<PhenomenonArea> areas = EnumSet.noneOf(PhenomenonArea.class);
        jdbc.sql("SELECT area FROM cas_phenomenon WHERE client_id = ?").param(clientId).query(String.class).list()
                .forEach(a -> areas.add(PhenomenonArea.valueOf(a)));
        return areas;
    }

    void updateContextCase(UUID clientId, boolean contextCase, byte[] personAtRisk) {
        jdbc.sql("UPDATE cas_client SET context_case = ?, person_at_risk = ? WHERE id = ?")
                .params(contextCase, personAtRisk, clientId).update();
    }

    void insertContact(UUID clientId, ContactRow c, Instant at) {
        jdbc.sql("INSERT INTO cas_contact (id, client_id, contacted_on, kind, reached, note, recorded_by, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), clientId, Date.valueOf(c.contactedOn()), c.kind().name(), c.reached(), c.note(),
                        c.recordedBy(), Timestamp.from(at))
                .update();
    }

    public List<ContactRow> contacts(UUID clientId) {
        return jdbc.sql("SELECT id, contacted_on, kind, reached, note, recorded_by FROM cas_contact WHERE client_id = ? "
                + "ORDER BY contacted_on DESC, recorded_at DESC").param(clientId)
                .query((rs, n) -> new ContactRow(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(),
                        ContactKind.valueOf(rs.getString(3)), rs.getBoolean(4), rs.getBytes(5),
                        rs.getObject(6, UUID.class)))
                .list();
    }

    void insertDiscussion(UUID clientId, DiscussionRow d, Instant at) {
        jdbc.sql("INSERT INTO cas_safety_discussion (id, client_id, held_on, risks, recorded_by, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(d.id(), clientId, Date.valueOf(d.heldOn()), d.risks(), d.recordedBy(), Timestamp.from(at))
                .update();
        for (UUID staff : d.participants()) {
            jdbc.sql("INSERT INTO cas_safety_discussion_participant (discussion_id, staff_id) VALUES (?, ?)")
                    .params(d.id(), staff).update();
        }
    }

    List<DiscussionRow> discussions(UUID clientId) {
        List<DiscussionRow> rows = jdbc.sql("SELECT id, held_on, risks, recorded_by FROM cas_safety_discussion "
                + "WHERE client_id = ? ORDER BY held_on DESC, recorded_at DESC").param(clientId)
                .query((rs, n) -> new DiscussionRow(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(),
                        rs.getBytes(3), rs.getObject(4, UUID.class), List.of()))
                .list();
        return rows.stream().map(d -> new DiscussionRow(d.id(), d.heldOn(), d.risks(), d.recordedBy(),
                jdbc.sql("SELECT staff_id FROM cas_safety_discussion_participant WHERE discussion_id = ?")
                        .param(d.id()).query(UUID.class).list()))
                .toList();
    }

    boolean hasDiscussion(UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM cas_safety_discussion WHERE client_id = ?").param(clientId)
                .query(Long.class).single() > 0;
    }

    void insertConsent(UUID clientId, ConsentRow c, Instant at) {
        tallies.touch(clientId);
        jdbc.sql("INSERT INTO cas_participation_consent (client_id, given_on, informed_how, text_id, language, "
                + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(clientId, Date.valueOf(c.givenOn()), c.informedHow(), c.textId(), c.language(), c.recordedBy(),
                        Timestamp.from(at))
                .update();
    }

    public Optional<ConsentRow> consent(UUID clientId) {
        return jdbc.sql("SELECT given_on, informed_how, text_id, language, recorded_by FROM cas_participation_consent "
                + "WHERE client_id = ?").param(clientId)
                .query((rs, n) -> new ConsentRow(rs.getDate(1).toLocalDate(), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class)))
                .optional();
    }

    /** The prospect becomes a client: the stage changes only together with the consent row. */
    int becomeClient(UUID clientId, LocalDate on, String language, byte[] singleReason) {
        tallies.touch(clientId);
        return jdbc.sql("UPDATE cas_client SET stage = 'CLIENT', became_client_on = ?, language = ?, "
                + "single_practitioner_reason = ? WHERE id = ? AND stage = 'PROSPECT'")
                .params(Date.valueOf(on), language, singleReason, clientId).update();
    }

    // Information texts (not client data: the same for everyone the organisation informs).

    List<InformationText> informationTexts(UUID org) {
        return jdbc.sql("SELECT id, org_id, version, language, title, body, published_on FROM cas_information_text "
                + "WHERE org_id IS NULL OR org_id = ? ORDER BY version DESC, language").param(org)
                .query((rs, n) -> new InformationText(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getDate(7).toLocalDate()))
                .list();
    }

    public Optional<InformationText> informationText(UUID org, UUID id) {
        return informationTexts(org).stream().filter(t -> t.id().equals(id)).findFirst();
    }

    void insertInformationText(InformationText t, UUID by) {
        jdbc.sql("INSERT INTO cas_information_text (id, org_id, version, language, title, body, published_on, "
                + "published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.id(), t.organisationId(), t.version(), t.language(), t.title(), t.body(),
                        Date.valueOf(t.publishedOn()), by)
                .update();
    }
}
