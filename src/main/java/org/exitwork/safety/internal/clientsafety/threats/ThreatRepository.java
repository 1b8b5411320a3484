package org.exitwork.safety.internal.clientsafety.threats;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.keys.ClientKeys;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess.Texts;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The threat logbook's rows ({@code saf_threat_entry}, {@code saf_threat_correction}); every text is
 * encrypted with the client's key, bound to table, row and column.
 */
@Repository
public class ThreatRepository {

    static final String ENTRY = "saf_threat_entry";
    static final String CORRECTION = "saf_threat_correction";

    /** An entry as stored, texts opened. */
    public record EntryRow(UUID id, LocalDate occurredOn, ThreatKind kind, String fromWhom, String whatHappened,
            String whatDone, UUID recordedBy, Instant recordedAt) {
    }

    /** A correction as stored, its note opened. */
    public record CorrectionRow(UUID id, UUID entryId, String note, UUID recordedBy, Instant recordedAt) {
    }

    private final JdbcClient jdbc;
    private final ClientKeys keys;

    ThreatRepository(JdbcClient jdbc, ClientKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** The client's entries, newest occurrence first. */
    public List<EntryRow> entries(UUID clientId) {
        Texts texts = Texts.of(keys, clientId, ENTRY);
        return jdbc.sql("SELECT id, occurred_on, kind, from_whom, what_happened, what_done, recorded_by, "
                + "recorded_at FROM " + ENTRY + " WHERE client_id = ? ORDER BY occurred_on DESC, recorded_at DESC")
                .param(clientId)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new EntryRow(id, rs.getDate(2).toLocalDate(), ThreatKind.valueOf(rs.getString(3)),
                            texts.open(id, "from_whom", rs.getBytes(4)), texts.open(id, "what_happened", rs.getBytes(5)),
                            texts.open(id, "what_done", rs.getBytes(6)), rs.getObject(7, UUID.class),
                            rs.getObject(8, OffsetDateTime.class).toInstant());
                })
                .list();
    }

    /** The client's corrections in the order they were written. */
    public List<CorrectionRow> corrections(UUID clientId) {
        Texts texts = Texts.of(keys, clientId, CORRECTION);
        return jdbc.sql("SELECT id, entry_id, note, recorded_by, recorded_at FROM " + CORRECTION
                + " WHERE client_id = ? ORDER BY recorded_at, id").param(clientId)
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    return new CorrectionRow(id, rs.getObject(2, UUID.class), texts.open(id, "note", rs.getBytes(3)),
                            rs.getObject(4, UUID.class), rs.getObject(5, OffsetDateTime.class).toInstant());
                })
                .list();
    }

    Optional<LocalDate> occurredOn(UUID clientId, UUID entryId) {
        return jdbc.sql("SELECT occurred_on FROM " + ENTRY + " WHERE id = ? AND client_id = ?")
                .params(entryId, clientId).query(LocalDate.class).optional();
    }

    void insertEntry(UUID id, UUID clientId, ThreatLogbook.NewThreat threat, UUID recordedBy, Instant now) {
        Texts texts = Texts.of(keys, clientId, ENTRY);
        jdbc.sql("INSERT INTO " + ENTRY + " (id, client_id, occurred_on, kind, from_whom, what_happened, what_done, "
                + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, clientId, threat.occurredOn(), threat.kind().name(),
                        texts.seal(id, "from_whom", threat.fromWhom()),
                        texts.seal(id, "what_happened", threat.whatHappened()),
                        texts.seal(id, "what_done", threat.whatDone()), recordedBy, Timestamp.from(now))
                .update();
    }

    void insertCorrection(UUID id, UUID clientId, UUID entryId, String note, UUID recordedBy, Instant now) {
        jdbc.sql("INSERT INTO " + CORRECTION + " (id, entry_id, client_id, note, recorded_by, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, entryId, clientId, Texts.of(keys, clientId, CORRECTION).seal(id, "note", note), recordedBy,
                        Timestamp.from(now))
                .update();
    }
}
