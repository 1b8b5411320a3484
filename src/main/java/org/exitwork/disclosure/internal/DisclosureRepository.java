package org.exitwork.disclosure.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.DisclosureLog.Disclosure;
import org.exitwork.disclosure.internal.DisclosureLog.Outgoing;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code dis_disclosure}: one row per disclosure; recipient, purpose and content sealed with the client's
 * key, bound to table, row and column.
 */
@Repository
class DisclosureRepository {

    static final String TABLE = "dis_disclosure";

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    DisclosureRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    void insert(UUID id, UUID disclosedBy, Instant disclosedAt, CaseReference client, Outgoing out) {
        FieldCipher.RowCipher row = keys.cipherFor(client.id()).row(TABLE, id);
        jdbc.sql("INSERT INTO dis_disclosure (id, org_id, client_id, channel, partner_id, peer_group_id, recipient, what, "
                + "purpose, content, disclosed_by, disclosed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, client.organisationId(), client.id(), out.channel().name(), out.to().partnerId(),
                        out.to().peerGroupId(),
                        row.seal("recipient", out.to().name()),
                        String.join(",", out.what()),
                        row.seal("purpose", out.purpose()),
                        row.seal("content", out.content()), disclosedBy,
                        Timestamp.from(disclosedAt))
                .update();
    }

    /** Newest first; without the content. */
    List<Disclosure> about(UUID organisationId, UUID clientId) {
        FieldCipher cipher = keys.cipherFor(clientId);
        return jdbc.sql("SELECT id, channel, partner_id, recipient, what, purpose, disclosed_by, disclosed_at, "
                + "peer_group_id FROM dis_disclosure WHERE org_id = ? AND client_id = ? ORDER BY disclosed_at DESC, id")
                .params(organisationId, clientId)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    FieldCipher.RowCipher row = cipher.row(TABLE, id);
                    String what = rs.getString(5);
                    return new Disclosure(id, Channel.valueOf(rs.getString(2)), rs.getObject(3, UUID.class),
                            rs.getObject(9, UUID.class), row.open("recipient", rs.getBytes(4)),
                            what.isEmpty() ? List.of() : Arrays.asList(what.split(",")),
                            row.open("purpose", rs.getBytes(6)),
                            rs.getObject(7, UUID.class), rs.getObject(8, OffsetDateTime.class).toInstant());
                })
                .list();
    }

    /** Exactly what went out; not found unless the disclosure is the client's in the organisation. */
    String content(UUID organisationId, UUID clientId, UUID disclosureId) {
        byte[] content = jdbc.sql("SELECT content FROM dis_disclosure WHERE id = ? AND org_id = ? AND client_id = ?")
                .params(disclosureId, organisationId, clientId).query(byte[].class).optional()
                .orElseThrow(NotFoundException::new);
        return keys.cipherFor(clientId).row(TABLE, disclosureId).open("content", content);
    }

    void deleteClient(UUID clientId) {
        jdbc.sql("DELETE FROM dis_disclosure WHERE client_id = ?").param(clientId).update();
    }
}
