package org.exitwork.referrals.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.UnreadableException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The matched referrals and what was added to them. Each referral has a data key of its own
 * ({@link ClientKeys}, keyed by the referral's id); every field is ciphertext bound to
 * table|row|field. Deleting a referral shreds its key.
 */
@Repository
class ReferralStore {

    static final String REFERRAL = "ref_referral";
    static final String INFORMATION = "ref_information";

    enum Status {
        AWAITING, ASSIGNED
    }

    /** What a referral is, without its content. */
    record Header(UUID id, UUID organisationId, UUID partnerId, Instant receivedAt, Inbox.Via via, Status status,
            UUID clientId) {
    }

    /** Something the partner added later: information, or the same referral sent again. */
    record Added(UUID id, Instant receivedAt, Inbox.Via via, Inbox.Kind kind, String information,
            InboundReferral referral) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final String HEADER = "SELECT id, org_id, partner_id, received_at, via, status, client_id FROM ref_referral ";
    private static final RowMapper<Header> HEADERS = (rs, n) -> new Header(rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
            rs.getObject(4, OffsetDateTime.class).toInstant(), Inbox.Via.valueOf(rs.getString(5)),
            Status.valueOf(rs.getString(6)), rs.getObject(7, UUID.class));

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    ReferralStore(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** A new referral, awaiting a practitioner, under a fresh key of its own. */
    void insert(UUID id, UUID organisationId, UUID partnerId, Instant receivedAt, Inbox.Via via,
            InboundReferral referral) {
        keys.createKey(id, organisationId);
        FieldCipher cipher = keys.cipherFor(id);
        jdbc.sql("""
                INSERT INTO ref_referral (id, org_id, partner_id, received_at, via, status, client_id,
                    partner_reference, areas, context_case, full_name, date_of_birth, contact, concern)
                VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organisationId, partnerId, Timestamp.from(receivedAt), via.name(), Status.AWAITING.name(),
                        cipher.encrypt(ref(id, "partner_reference"),
                                referral.partnerReference() == null ? "" : referral.partnerReference().strip()),
                        cipher.encrypt(ref(id, "areas"), referral.areas().stream().map(Enum::name).sorted()
                                .collect(Collectors.joining(","))),
                        cipher.encrypt(ref(id, "context_case"), Boolean.toString(referral.contextCase())),
                        cipher.encrypt(ref(id, "full_name"), blankToNull(referral.fullName())),
                        cipher.encrypt(ref(id, "date_of_birth"),
                                referral.dateOfBirth() == null ? null : referral.dateOfBirth().toString()),
                        cipher.encrypt(ref(id, "contact"), blankToNull(referral.contact())),
                        cipher.encrypt(ref(id, "concern"), blankToNull(referral.concern())))
                .update();
    }

    /**
     * The partner's referral with this reference, if any: the partner's referrals' references are
     * decrypted in memory (there is no stored index of references).
     */
    /** The partner's referrals with this reference, oldest first (a partner may use a reference again). */
    List<Header> withReference(UUID organisationId, UUID partnerId, String partnerReference) {
        String wanted = sameForm(partnerReference);
        if (wanted.isEmpty()) {
            return List.of();
        }
        record Candidate(Header header, byte[] reference) {
        }
        List<Candidate> candidates = jdbc.sql("SELECT id, org_id, partner_id, received_at, via, status, client_id, "
                + "partner_reference FROM ref_referral WHERE org_id = ? AND partner_id = ? ORDER BY received_at, id")
                .params(organisationId, partnerId)
                .query((rs, n) -> new Candidate(HEADERS.mapRow(rs, n), rs.getBytes(8))).list();
        List<Header> matches = new java.util.ArrayList<>();
        for (Candidate c : candidates) {
            try {
                String reference = keys.cipherFor(c.header().id())
                        .decrypt(ref(c.header().id(), "partner_reference"), c.reference());
                if (wanted.equals(sameForm(reference))) {
                    matches.add(c.header());
                }
            } catch (UnreadableException shredded) {
                // a referral whose key is gone matches nothing
            }
        }
        return matches;
    }

    /** A reference as compared: trimmed, in one Unicode form (an "ü" typed two ways is one letter). */
    private static String sameForm(String reference) {
        return reference == null ? "" : java.text.Normalizer.normalize(reference.strip(), java.text.Normalizer.Form.NFC);
    }

    void addInformation(Header referral, Instant receivedAt, Inbox.Via via, Inbox.Kind kind, String content) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO ref_information (id, referral_id, client_id, received_at, via, kind, content) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, referral.id(), referral.clientId(), Timestamp.from(receivedAt), via.name(), kind.name(),
                        keys.cipherFor(referral.id()).encrypt(FieldRef.of(INFORMATION, id, "content"), content))
                .update();
    }

    void addReferralAgain(Header referral, Instant receivedAt, Inbox.Via via, InboundReferral again) {
        addInformation(referral, receivedAt, via, Inbox.Kind.REFERRAL, JSON.writeValueAsString(again));
    }

    /**
     * One page of the referrals awaiting a practitioner, oldest first (received_at, id), from one partner
     * or any: the {@code limit} after the referral {@code after}, or before the referral {@code before}
     * read backwards (keyset on index ref_referral_awaiting or ref_referral_partner_awaiting, so a late
     * page costs what the first does). A cursor of another organisation, or no longer awaiting, matches
     * nothing, so the page is empty.
     */
    List<Header> awaiting(UUID organisationId, UUID partnerId, UUID after, UUID before, int limit) {
        boolean backwards = org.exitwork.platform.KeysetPage.backwards(after, before);
        UUID cursor = backwards ? before : after;
        StringBuilder sql = new StringBuilder("SELECT r.id, r.org_id, r.partner_id, r.received_at, r.via, r.status, "
                + "r.client_id FROM ref_referral r");
        List<Object> params = new java.util.ArrayList<>();
        if (cursor != null) {
            sql.append(" JOIN ref_referral k ON k.id = ? AND k.org_id = r.org_id AND k.status = 'AWAITING'");
            params.add(cursor);
        }
        sql.append(" WHERE r.org_id = ? AND r.status = 'AWAITING'");
        params.add(organisationId);
        if (partnerId != null) {
            sql.append(" AND r.partner_id = ?");
            params.add(partnerId);
        }
        if (cursor != null) {
            sql.append(backwards ? " AND (r.received_at < k.received_at OR (r.received_at = k.received_at AND r.id < k.id))"
                    : " AND (r.received_at > k.received_at OR (r.received_at = k.received_at AND r.id > k.id))");
        }
        sql.append(backwards ? " ORDER BY r.received_at DESC, r.id DESC" : " ORDER BY r.received_at, r.id")
                .append(" FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(HEADERS).list();
    }

    Optional<Header> find(UUID organisationId, UUID id) {
        return jdbc.sql(HEADER + "WHERE org_id = ? AND id = ?").params(organisationId, id).query(HEADERS).optional();
    }

    /** The referral under a row lock, so that two managers or nodes decide it once. */
    Optional<Header> lock(UUID organisationId, UUID id) {
        return jdbc.sql(HEADER + "WHERE org_id = ? AND id = ? FOR UPDATE").params(organisationId, id).query(HEADERS)
                .optional();
    }

    /** Any referral under a row lock, whichever organisation it belongs to (for a restore). */
    Optional<Header> lock(UUID id) {
        return jdbc.sql(HEADER + "WHERE id = ? FOR UPDATE").param(id).query(HEADERS).optional();
    }

    List<Header> ofClient(UUID organisationId, UUID clientId) {
        return jdbc.sql(HEADER + "WHERE org_id = ? AND client_id = ? ORDER BY received_at, id")
                .params(organisationId, clientId).query(HEADERS).list();
    }

    List<UUID> idsOfClient(UUID clientId) {
        return jdbc.sql("SELECT id FROM ref_referral WHERE client_id = ?").param(clientId).query(UUID.class).list();
    }

    /** Referrals of every organisation still awaiting a practitioner, received before {@code cutoff}. */
    List<Header> awaitingSince(Instant cutoff) {
        return jdbc.sql(HEADER + "WHERE status = 'AWAITING' AND received_at < ? ORDER BY received_at, id")
                .param(Timestamp.from(cutoff)).query(HEADERS).list();
    }

    InboundReferral content(UUID id) {
        FieldCipher cipher = keys.cipherFor(id);
        return jdbc.sql("SELECT partner_reference, areas, context_case, full_name, date_of_birth, contact, concern "
                + "FROM ref_referral WHERE id = ?").param(id)
                .query((rs, n) -> {
                    String areas = cipher.decrypt(ref(id, "areas"), rs.getBytes(2));
                    String born = cipher.decrypt(ref(id, "date_of_birth"), rs.getBytes(5));
                    return new InboundReferral(cipher.decrypt(ref(id, "partner_reference"), rs.getBytes(1)),
                            areas(areas), Boolean.parseBoolean(cipher.decrypt(ref(id, "context_case"), rs.getBytes(3))),
                            cipher.decrypt(ref(id, "full_name"), rs.getBytes(4)),
                            born == null ? null : LocalDate.parse(born),
                            cipher.decrypt(ref(id, "contact"), rs.getBytes(6)),
                            cipher.decrypt(ref(id, "concern"), rs.getBytes(7)));
                })
                .single();
    }

    List<Added> added(UUID referralId) {
        FieldCipher cipher = keys.cipherFor(referralId);
        return jdbc.sql("SELECT id, received_at, via, kind, content FROM ref_information WHERE referral_id = ? "
                + "ORDER BY received_at, id").param(referralId)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Inbox.Kind kind = Inbox.Kind.valueOf(rs.getString(4));
                    String content = cipher.decrypt(FieldRef.of(INFORMATION, id, "content"), rs.getBytes(5));
                    return new Added(id, rs.getObject(2, OffsetDateTime.class).toInstant(),
                            Inbox.Via.valueOf(rs.getString(3)), kind, kind == Inbox.Kind.INFORMATION ? content : null,
                            kind == Inbox.Kind.REFERRAL ? JSON.readValue(content, InboundReferral.class) : null);
                })
                .list();
    }

    void assign(UUID id, UUID clientId, Instant at) {
        jdbc.sql("UPDATE ref_referral SET status = 'ASSIGNED', client_id = ?, assigned_at = ? WHERE id = ?")
                .params(clientId, Timestamp.from(at), id).update();
        jdbc.sql("UPDATE ref_information SET client_id = ? WHERE referral_id = ?").params(clientId, id).update();
    }

    /** Erases a referral: its rows go and its key is shredded. */
    void erase(UUID id) {
        jdbc.sql("DELETE FROM ref_information WHERE referral_id = ?").param(id).update();
        jdbc.sql("DELETE FROM ref_referral WHERE id = ?").param(id).update();
        keys.shred(id);
    }

    private static Set<PhenomenonArea> areas(String codes) {
        if (codes == null || codes.isBlank()) {
            return Set.of();
        }
        Set<PhenomenonArea> areas = EnumSet.noneOf(PhenomenonArea.class);
        Arrays.stream(codes.split(",")).map(PhenomenonArea::valueOf).forEach(areas::add);
        return areas;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static FieldRef ref(UUID id, String field) {
        return FieldRef.of(REFERRAL, id, field);
    }
}
