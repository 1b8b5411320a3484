package org.exitwork.safety.internal.clientsafety.threats;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.NotFoundException;
import org.exitwork.safety.internal.clientsafety.ClientSafetyAccess;
import org.exitwork.safety.internal.clientsafety.ClientSafetyActions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's threat logbook (R15): append-only. An entry is never changed; a correction is a dated
 * note added to it, so the record shows what was written when.
 */
@Service
class ThreatLogbook {

    record NewThreat(LocalDate occurredOn, ThreatKind kind, String fromWhom, String whatHappened, String whatDone) {
    }

    record Correction(String note, String recordedBy, Instant recordedAt) {
    }

    record Entry(UUID id, LocalDate occurredOn, ThreatKind kind, String fromWhom, String whatHappened,
            String whatDone, String recordedBy, Instant recordedAt, List<Correction> corrections) {
    }

    record Logbook(CaseReference ref, boolean writable, List<Entry> entries) {
    }

    private final ThreatRepository threats;
    private final ClientSafetyAccess access;
    private final StaffDirectory staff;
    private final Clock clock;

    ThreatLogbook(ThreatRepository threats, ClientSafetyAccess access, StaffDirectory staff, Clock clock) {
        this.threats = threats;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional
    public Logbook read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = access.forReading(who, clientId, "read threat logbook");
        Map<UUID, List<ThreatRepository.CorrectionRow>> corrections = new LinkedHashMap<>();
        threats.corrections(ref.id()).forEach(c -> corrections.computeIfAbsent(c.entryId(), k -> new ArrayList<>())
                .add(c));
        List<ThreatRepository.EntryRow> rows = threats.entries(ref.id());
        Set<UUID> authors = new HashSet<>();
        rows.forEach(r -> authors.add(r.recordedBy()));
        corrections.values().forEach(list -> list.forEach(c -> authors.add(c.recordedBy())));
        Map<UUID, String> names = staff.displayNames(who.organisationId(), authors);
        List<Entry> list = rows.stream().map(r -> new Entry(r.id(), r.occurredOn(), r.kind(), r.fromWhom(),
                r.whatHappened(), r.whatDone(), names.get(r.recordedBy()), r.recordedAt(),
                corrections.getOrDefault(r.id(), List.of()).stream()
                        .map(c -> new Correction(c.note(), names.get(c.recordedBy()), c.recordedAt()))
                        .toList()))
                .toList();
        access.record(who, ClientSafetyActions.THREATS_READ, ref, AuditDetail.of("threats.count", list.size()));
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
        UUID id = UUID.randomUUID();
        threats.insertEntry(id, ref.id(), threat, who.id(), clock.instant());
        access.record(who, ClientSafetyActions.THREAT_RECORDED, ref,
                AuditDetail.of("kind-on", threat.kind().name(), threat.occurredOn()));
        return id;
    }

    @Transactional
    public void correct(StaffPrincipal who, UUID clientId, UUID entryId, String note) {
        CaseReference ref = access.forTandem(who, clientId, "correct threat logbook");
        LocalDate occurredOn = threats.occurredOn(ref.id(), entryId).orElseThrow(NotFoundException::new);
        threats.insertCorrection(UUID.randomUUID(), ref.id(), entryId, note, who.id(), clock.instant());
        access.record(who, ClientSafetyActions.THREAT_CORRECTED, ref, AuditDetail.of("threats.corrected", occurredOn));
    }
}
