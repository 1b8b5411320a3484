package org.exitwork.safety.internal.clientsafety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.safety.internal.settings.SafetyProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The compartment (R15): relocation and new-identity details. Only the tandem reads them. Breaking
 * the glass is not enough: a colleague who broke it asks with a reason, a manager who is not the
 * requester approves, and the approval runs out. Every look, request and approval is audited, and
 * the tandem sees the requests and approvals on the compartment page.
 */
@Service
class ShieldCompartment {

    static final String DETAILS = "saf_compartment";
    static final String REQUEST = "saf_compartment_request";

    record Details(String newPlace, String newName, String newNumbers) {

        static Details empty() {
            return new Details("", "", "");
        }
    }

    record Request(UUID id, String requestedBy, Instant requestedAt, String reason, String approvedBy,
            Instant approvedAt, Instant expiresAt) {

        public boolean approved() {
            return approvedAt != null;
        }
    }

    /** What a reader sees: the details, and for the tandem the requests. */
    record View(CaseReference ref, boolean tandem, Details details, boolean recorded, Instant approvedUntil,
            List<Request> requests) {
    }

    /** A colleague who broke the glass but has no running approval: they may ask for one. */
    @ResponseStatus(HttpStatus.FORBIDDEN)
    static class Closed extends RuntimeException {
        final CaseReference ref;
        final boolean pending;

        Closed(CaseReference ref, boolean pending) {
            super("the compartment needs a manager's approval");
            this.ref = ref;
            this.pending = pending;
        }
    }

    @ResponseStatus(HttpStatus.CONFLICT)
    static class AlreadyApproved extends RuntimeException {
        AlreadyApproved() {
            super("already approved");
        }
    }

    private final JdbcClient jdbc;
    private final ClientSafetyAccess access;
    private final StaffDirectory staff;
    private final Clock clock;
    private final Duration approvalDuration;
    private final org.exitwork.cases.CaseDirectory directory;

    ShieldCompartment(JdbcClient jdbc, ClientSafetyAccess access, StaffDirectory staff, Clock clock,
            SafetyProperties settings,
            org.exitwork.cases.CaseDirectory directory) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
        this.approvalDuration = settings.compartmentApprovalDuration();
    }

    /**
     * The tandem, or a colleague who broke the glass and holds a running approval of their own request.
     * Anyone else who broke the glass gets {@link Closed} (audited); the rest are refused by the cases module.
     */
    @Transactional(noRollbackFor = Closed.class)
    public View read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = access.forReading(who, clientId, "read compartment");
        boolean tandem = access.inTandem(who, clientId);
        Instant approvedUntil = null;
        if (!tandem) {
            Optional<Instant> until = runningApproval(ref, who);
            if (until.isEmpty()) {
                access.recordRefusal(who, ClientSafetyActions.COMPARTMENT_REFUSED, ref, "no running approval");
                throw new Closed(ref, pending(ref, who));
            }
            approvedUntil = until.get();
        }
        ClientSafetyAccess.Texts texts = access.texts(ref, DETAILS);
        UUID id = ref.id();
        Optional<Details> details = jdbc.sql("SELECT new_place, new_name, new_numbers FROM " + DETAILS
                + " WHERE client_id = ?").param(id)
                .query((rs, n) -> new Details(texts.open(id, "new_place", rs.getBytes(1)),
                        texts.open(id, "new_name", rs.getBytes(2)), texts.open(id, "new_numbers", rs.getBytes(3))))
                .optional();
        access.record(who, ClientSafetyActions.COMPARTMENT_READ, ref,
                tandem ? "as tandem" : "with approval until " + approvedUntil);
        return new View(ref, tandem, details.orElse(Details.empty()), details.isPresent(), approvedUntil,
                tandem ? requests(ref, who) : List.of());
    }

    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.forTandem(who, clientId, "write compartment");
    }

    @Transactional
    public void save(StaffPrincipal who, UUID clientId, Details details) {
        CaseReference ref = access.forTandem(who, clientId, "write compartment");
        UUID id = ref.id();
        ClientSafetyAccess.Texts texts = access.texts(ref, DETAILS);
        jdbc.sql("DELETE FROM " + DETAILS + " WHERE client_id = ?").param(id).update();
        jdbc.sql("INSERT INTO " + DETAILS + " (client_id, new_place, new_name, new_numbers, updated_by, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, texts.seal(id, "new_place", details.newPlace()),
                        texts.seal(id, "new_name", details.newName()),
                        texts.seal(id, "new_numbers", details.newNumbers()), who.id(),
                        Timestamp.from(clock.instant()))
                .update();
        access.record(who, ClientSafetyActions.COMPARTMENT_SAVED, ref, null);
    }

    /** Only someone who broke the glass asks; the tandem has nothing to ask for. @return whether a request was made */
    @Transactional
    public boolean request(StaffPrincipal who, UUID clientId, String reason) {
        CaseReference ref = access.forReading(who, clientId, "request compartment access");
        if (access.inTandem(who, clientId)) {
            return false;
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + REQUEST + " (id, client_id, requested_by, requested_at, reason) VALUES (?, ?, ?, ?, ?)")
                .params(id, ref.id(), who.id(), Timestamp.from(clock.instant()),
                        access.texts(ref, REQUEST).seal(id, "reason", reason))
                .update();
        access.record(who, ClientSafetyActions.COMPARTMENT_ACCESS_REQUESTED, ref, null);
        return true;
    }

    /** Refuses (audited) anyone who may not ask, before their form is looked at. */
    @Transactional(readOnly = true)
    public void requireMayRequest(StaffPrincipal who, UUID clientId) {
        access.forReading(who, clientId, "request compartment access");
    }

    /** For managers of the organisation: the requests about one case, to decide on them. */
    @Transactional
    public View requestsForManager(StaffPrincipal who, UUID clientId) {
        CaseReference ref = managersCase(who, clientId);
        List<Request> list = requests(ref, who);
        access.record(who, ClientSafetyActions.COMPARTMENT_REQUESTS_READ, ref, list.size() + " requests");
        return new View(ref, false, Details.empty(), false, null, list);
    }

    /** A manager approves someone else's request for a limited time. */
    @Transactional
    public Instant approve(StaffPrincipal who, UUID clientId, UUID requestId) {
        CaseReference ref = managersCase(who, clientId);
        record Row(UUID requestedBy, OffsetDateTime approvedAt) {
        }
        Row row = jdbc.sql("SELECT requested_by, approved_at FROM " + REQUEST + " WHERE id = ? AND client_id = ?")
                .params(requestId, ref.id())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class)))
                .optional().orElseThrow(NotFoundException::new);
        if (row.requestedBy().equals(who.id())) {
            access.recordRefusal(who, ClientSafetyActions.COMPARTMENT_REFUSED, ref, "own request");
            throw new ForbiddenException();
        }
        if (row.approvedAt() != null) {
            throw new AlreadyApproved();
        }
        Instant now = clock.instant();
        Instant until = now.plus(approvalDuration);
        jdbc.sql("UPDATE " + REQUEST + " SET approved_by = ?, approved_at = ?, expires_at = ? WHERE id = ?")
                .params(who.id(), Timestamp.from(now), Timestamp.from(until), requestId).update();
        access.record(who, ClientSafetyActions.COMPARTMENT_ACCESS_APPROVED, ref, "until " + until);
        return until;
    }

    private CaseReference managersCase(StaffPrincipal who, UUID clientId) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        return access.directory().find(who.organisationId(), clientId).orElseThrow(NotFoundException::new);
    }

    private Optional<Instant> runningApproval(CaseReference ref, StaffPrincipal who) {
        return jdbc.sql("SELECT expires_at FROM " + REQUEST + " WHERE client_id = ? AND requested_by = ? "
                + "AND approved_by IS NOT NULL AND approved_by <> ? AND expires_at > ? ORDER BY expires_at DESC")
                .params(ref.id(), who.id(), who.id(), Timestamp.from(clock.instant()))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list().stream().findFirst()
                .map(OffsetDateTime::toInstant);
    }

    /** A request waiting for a manager: who asked for which case and when; the reason stays on the case's page. */
    record Pending(UUID clientId, String pseudonym, String requestedBy, Instant requestedAt) {
    }

    /** Every request of the manager's organisation still waiting for approval, oldest first. */
    @Transactional(readOnly = true)
    public List<Pending> pendingFor(StaffPrincipal manager) {
        if (!manager.is(org.exitwork.accounts.Role.MANAGER)) {
            throw new org.exitwork.platform.ForbiddenException();
        }
        record Row(UUID clientId, UUID by, OffsetDateTime at) {
        }
        List<Pending> pending = new java.util.ArrayList<>();
        List<Row> rows = jdbc.sql("SELECT client_id, requested_by, requested_at FROM " + REQUEST
                + " WHERE approved_at IS NULL ORDER BY requested_at")
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class)))
                .list();
        Map<UUID, String> names = staff.displayNames(manager.organisationId(),
                rows.stream().map(Row::by).collect(java.util.stream.Collectors.toSet()));
        for (Row row : rows) {
            // Another organisation's clients are not found, so their requests never show.
            directory.find(manager.organisationId(), row.clientId()).ifPresent(ref -> pending.add(
                    new Pending(ref.id(), ref.pseudonym(), names.get(row.by()), row.at().toInstant())));
        }
        return pending;
    }

    private boolean pending(CaseReference ref, StaffPrincipal who) {
        return jdbc.sql("SELECT COUNT(*) FROM " + REQUEST + " WHERE client_id = ? AND requested_by = ? "
                + "AND approved_at IS NULL").params(ref.id(), who.id()).query(Long.class).single() > 0;
    }

    private List<Request> requests(CaseReference ref, StaffPrincipal who) {
        ClientSafetyAccess.Texts texts = access.texts(ref, REQUEST);
        record Row(UUID id, UUID by, OffsetDateTime at, byte[] reason, UUID approvedBy, OffsetDateTime approvedAt,
                OffsetDateTime expiresAt) {
        }
        List<Row> rows = jdbc.sql("SELECT id, requested_by, requested_at, reason, approved_by, approved_at, expires_at "
                + "FROM " + REQUEST + " WHERE client_id = ? ORDER BY requested_at DESC").param(ref.id())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class), rs.getBytes(4), rs.getObject(5, UUID.class),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)))
                .list();
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            people.add(r.by());
            if (r.approvedBy() != null) {
                people.add(r.approvedBy());
            }
        });
        Map<UUID, String> names = staff.displayNames(who.organisationId(), people);
        return rows.stream().map(r -> new Request(r.id(), names.get(r.by()), r.at().toInstant(),
                texts.open(r.id(), "reason", r.reason()), r.approvedBy() == null ? null : names.get(r.approvedBy()),
                r.approvedAt() == null ? null : r.approvedAt().toInstant(),
                r.expiresAt() == null ? null : r.expiresAt().toInstant())).toList();
    }
}
