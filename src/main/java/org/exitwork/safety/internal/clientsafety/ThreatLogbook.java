package org.exitwork.safety.internal.clientsafety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's threat logbook (R15): append-only. An entry is never changed; a correction is a dated
 * note added to it, so the record shows what was written when.
 */
@Service
class ThreatLogbook {

    static final String ENTRY = "saf_threat_entry";
    static final String CORRECTION = "saf_threat_correction";

    record NewThreat(LocalDate occurredOn, ThreatKind kind, String fromWhom, String whatHappened, String whatDone) {
    }

    record Correction(String note, String recordedBy, Instant recordedAt) {
    }

    record Entry(UUID id, LocalDate occurredOn, ThreatKind kind, String fromWhom, String whatHappened,
            String whatDone, String recordedBy, Instant recordedAt, List<Correction> corrections) {
    }

    record Logbook(CaseReference ref, boolean writable, List<Entry> entries) {
    }

    private final JdbcClient jdbc;
    private final ClientSafetyAccess access;
    private final StaffDirectory staff;
    private final Clock clock;

    ThreatLogbook(JdbcClient jdbc, ClientSafetyAccess access, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional
    public Logbook read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = access.forReading(who, clientId, "read threat logbook");
        ClientSafetyAccess.Texts entries = access.texts(ref, ENTRY);
        ClientSafetyAccess.Texts corrections = access.texts(ref, CORRECTION);
        Map<UUID, List<Object[]>> correctionRows = new LinkedHashMap<>();
        jdbc.sql("SELECT id, entry_id, note, recorded_by, recorded_at FROM " + CORRECTION
                + " WHERE client_id = ? ORDER BY recorded_at, id").param(ref.id())
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getBytes(3), rs.getObject(4, UUID.class), rs.getObject(5, OffsetDateTime.class)})
                .list().forEach(r -> correctionRows.computeIfAbsent((UUID) r[1], k -> new java.util.ArrayList<>()).add(r));
        record Row(UUID id, LocalDate on, String kind, byte[] from, byte[] what, byte[] done, UUID by, OffsetDateTime at) {
        }
        List<Row> rows = jdbc.sql("SELECT id, occurred_on, kind, from_whom, what_happened, what_done, recorded_by, "
                + "recorded_at FROM " + ENTRY + " WHERE client_id = ? ORDER BY occurred_on DESC, recorded_at DESC")
                .param(ref.id())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(), rs.getString(3),
                        rs.getBytes(4), rs.getBytes(5), rs.getBytes(6), rs.getObject(7, UUID.class),
                        rs.getObject(8, OffsetDateTime.class)))
                .list();
        Set<UUID> authors = new HashSet<>();
        rows.forEach(r -> authors.add(r.by()));
        correctionRows.values().forEach(list -> list.forEach(r -> authors.add((UUID) r[3])));
        Map<UUID, String> names = staff.displayNames(who.organisationId(), authors);
        List<Entry> list = rows.stream().map(r -> new Entry(r.id(), r.on(), ThreatKind.valueOf(r.kind()),
                entries.open(r.id(), "from_whom", r.from()), entries.open(r.id(), "what_happened", r.what()),
                entries.open(r.id(), "what_done", r.done()), names.get(r.by()), r.at().toInstant(),
                correctionRows.getOrDefault(r.id(), List.of()).stream()
                        .map(c -> new Correction(corrections.open((UUID) c[0], "note", (byte[]) c[2]),
                                names.get((UUID) c[3]), ((OffsetDateTime) c[4]).toInstant()))
                        .toList()))
                .toList();
        access.record(who, ClientSafetyActions.THREATS_READ, ref, list.size() + " entries");
        return new Logbook(ref, access.inTandem(who, clientId), list);
    }

    /** Refuses (audited) anyone outside the tandem before their form is looked at. */
    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.forTandem(who, clientId, "write threat logbook");
    }

    @Transactional
    public UUID record(StaffPrincipal who, UUID clientId, NewThreat threat) {
        CaseReference ref = access.forTandem(who, clientId, "write threat logbook");
        ClientSafetyAccess.Texts texts = access.texts(ref, ENTRY);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + ENTRY + " (id, client_id, occurred_on, kind, from_whom, what_happened, what_done, "
                + "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, ref.id(), threat.occurredOn(), threat.kind().name(),
                        texts.seal(id, "from_whom", threat.fromWhom()),
                        texts.seal(id, "what_happened", threat.whatHappened()),
                        texts.seal(id, "what_done", threat.whatDone()), who.id(), Timestamp.from(clock.instant()))
                .update();
        access.record(who, ClientSafetyActions.THREAT_RECORDED, ref,
                threat.kind().name() + " on " + threat.occurredOn());
        return id;
    }

    @Transactional
    public void correct(StaffPrincipal who, UUID clientId, UUID entryId, String note) {
        CaseReference ref = access.forTandem(who, clientId, "correct threat logbook");
        LocalDate occurredOn = jdbc.sql("SELECT occurred_on FROM " + ENTRY + " WHERE id = ? AND client_id = ?")
                .params(entryId, ref.id()).query(LocalDate.class).optional().orElseThrow(NotFoundException::new);
        ClientSafetyAccess.Texts texts = access.texts(ref, CORRECTION);
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + CORRECTION + " (id, entry_id, client_id, note, recorded_by, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, entryId, ref.id(), texts.seal(id, "note", note), who.id(), Timestamp.from(clock.instant()))
                .update();
        access.record(who, ClientSafetyActions.THREAT_CORRECTED, ref, "entry of " + occurredOn);
    }
}
