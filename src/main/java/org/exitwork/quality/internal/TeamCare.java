package org.exitwork.quality.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.internal.CareRecords.CheckUp;
import org.exitwork.quality.internal.CareRecords.InductionStep;
import org.exitwork.quality.internal.CareRecords.InductionTopic;
import org.exitwork.quality.internal.CareRecords.Supervision;
import org.exitwork.quality.internal.CareRecords.Training;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Care for the team (R14). A practitioner sees and records their own (and supervision sessions they
 * took part in); a manager sees and records the organisation's and sets check-up due dates and the
 * induction topics. Another organisation's staff and records answer 404. Free texts are encrypted
 * with the system key, bound to table, row and field.
 */
@Service
class TeamCare {

    /** How far ahead the manager's page lists check-ups coming due. */
    static final int DUE_SOON_DAYS = 30;

    private final JdbcClient jdbc;
    private final SystemSecrets secrets;
    private final AuditLog audit;
    private final StaffDirectory directory;
    private final Clock clock;

    TeamCare(JdbcClient jdbc, SystemSecrets secrets, AuditLog audit, StaffDirectory directory, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    // --- access -----------------------------------------------------------------------------------

    /** The staff member whose records are asked for: oneself, or anyone of the organisation for a manager. */
    @Transactional(readOnly = true)
    public StaffMember member(StaffPrincipal who, UUID staffId) {
        StaffMember member = directory.find(who.organisationId(), staffId).orElseThrow(NotFoundException::new);
        if (!who.is(Role.MANAGER) && !who.id().equals(staffId)) {
            throw new ForbiddenException();
        }
        return member;
    }

    @Transactional(readOnly = true)
    public List<StaffMember> team(StaffPrincipal who) {
        return directory.team(who.organisationId());
    }

    private static void requireManager(StaffPrincipal who) {
        if (!who.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
    }

    private void record(StaffPrincipal who, String action, String subject, String detail) {
        audit.record(new AuditEvent(who.organisationId(), who.id(), who.username(), action, subject, detail));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    // --- supervision and intervision ----------------------------------------------------------------

    /**
     * Records a session. Every participant must be active staff of the organisation, and a practitioner
     * records only sessions they took part in.
     */
    @Transactional
    public UUID recordSupervision(StaffPrincipal who, LocalDate heldOn, SupervisionKind kind, String topic,
            String supervisorName, Collection<UUID> participants) {
        Set<UUID> teamIds = new LinkedHashSet<>();
        directory.team(who.organisationId()).forEach(m -> teamIds.add(m.id()));
        if (participants.isEmpty() || !teamIds.containsAll(participants)) {
            throw new NotFoundException();
        }
        if (!who.is(Role.MANAGER) && !participants.contains(who.id())) {
            throw new ForbiddenException();
        }
        UUID id = UUID.randomUUID();
        FieldCipher cipher = secrets.cipher();
        jdbc.sql("INSERT INTO qua_supervision (id, org_id, held_on, kind, topic, supervisor_name, recorded_by, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, who.organisationId(), Date.valueOf(heldOn), kind.name(),
                        cipher.encrypt(FieldRef.of("qua_supervision", id, "topic"), topic),
                        cipher.encrypt(FieldRef.of("qua_supervision", id, "supervisor_name"), supervisorName),
                        who.id(), Timestamp.from(clock.instant()))
                .update();
        for (UUID participant : new LinkedHashSet<>(participants)) {
            jdbc.sql("INSERT INTO qua_supervision_participant (supervision_id, staff_id) VALUES (?, ?)")
                    .params(id, participant).update();
        }
        record(who, CareActions.SUPERVISION_RECORDED, who.username(),
                kind.name() + " " + heldOn + " participants=" + participants.size());
        return id;
    }

    /** The sessions one staff member took part in (after {@link #member}), newest first. */
    @Transactional(readOnly = true)
    public List<Supervision> supervisionsOf(StaffPrincipal who, UUID staffId) {
        member(who, staffId);
        return supervisions(who.organisationId(), "AND s.id IN (SELECT supervision_id FROM qua_supervision_participant "
                + "WHERE staff_id = :staff)", staffId);
    }

    /** A manager's: all of the organisation; a practitioner's: those they took part in. */
    @Transactional(readOnly = true)
    public List<Supervision> visibleSupervisions(StaffPrincipal who) {
        if (who.is(Role.MANAGER)) {
            return supervisions(who.organisationId(), "", null);
        }
        return supervisionsOf(who, who.id());
    }

    private record SupervisionRow(UUID id, LocalDate heldOn, String kind, byte[] topic, byte[] supervisorName) {
    }

    private List<Supervision> supervisions(UUID org, String condition, UUID staffId) {
        var spec = jdbc.sql("SELECT s.id, s.held_on, s.kind, s.topic, s.supervisor_name FROM qua_supervision s "
                + "WHERE s.org_id = :org " + condition + " ORDER BY s.held_on DESC, s.recorded_at DESC")
                .param("org", org);
        if (staffId != null) {
            spec = spec.param("staff", staffId);
        }
        List<SupervisionRow> rows = spec.query((rs, n) -> new SupervisionRow(rs.getObject("id", UUID.class),
                rs.getObject("held_on", LocalDate.class), rs.getString("kind"), rs.getBytes("topic"),
                rs.getBytes("supervisor_name"))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> participants = new HashMap<>();
        jdbc.sql("SELECT supervision_id, staff_id FROM qua_supervision_participant WHERE supervision_id IN (:ids)")
                .param("ids", rows.stream().map(SupervisionRow::id).toList())
                .query(rs -> {
                    participants.computeIfAbsent(rs.getObject("supervision_id", UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject("staff_id", UUID.class));
                });
        Set<UUID> everyone = new LinkedHashSet<>();
        participants.values().forEach(everyone::addAll);
        Map<UUID, String> names = directory.displayNames(org, everyone);
        FieldCipher cipher = secrets.cipher();
        return rows.stream().map(r -> new Supervision(r.id(), r.heldOn(), SupervisionKind.valueOf(r.kind()),
                cipher.decrypt(FieldRef.of("qua_supervision", r.id(), "topic"), r.topic()),
                cipher.decrypt(FieldRef.of("qua_supervision", r.id(), "supervisor_name"), r.supervisorName()),
                participants.getOrDefault(r.id(), List.of()).stream().map(names::get)
                        .filter(java.util.Objects::nonNull).sorted().toList()))
                .toList();
    }

    // --- yearly well-being check-up -----------------------------------------------------------------

    @Transactional
    public void recordCheckUp(StaffPrincipal who, UUID staffId, LocalDate doneOn) {
        StaffMember member = member(who, staffId);
        jdbc.sql("INSERT INTO qua_checkup (id, org_id, staff_id, done_on, recorded_by, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), who.organisationId(), staffId, Date.valueOf(doneOn), who.id(),
                        Timestamp.from(clock.instant()))
                .update();
        // The date the manager set has been met: from now on the next is due a year after this one.
        jdbc.sql("DELETE FROM qua_checkup_due WHERE staff_id = ? AND org_id = ?").params(staffId, who.organisationId())
                .update();
        record(who, CareActions.CHECKUP_DONE, member.username(), doneOn.toString());
    }

    /** A manager sets the first due date, or moves the next one (until a check-up is recorded). */
    @Transactional
    public void setCheckUpDue(StaffPrincipal who, UUID staffId, LocalDate dueOn) {
        requireManager(who);
        StaffMember member = member(who, staffId);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("UPDATE qua_checkup_due SET due_on = ?, set_by = ?, set_at = ? WHERE staff_id = ? "
                + "AND org_id = ?").params(Date.valueOf(dueOn), who.id(), now, staffId, who.organisationId()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO qua_checkup_due (staff_id, org_id, due_on, set_by, set_at) VALUES (?, ?, ?, ?, ?)")
                    .params(staffId, who.organisationId(), Date.valueOf(dueOn), who.id(), now).update();
        }
        record(who, CareActions.CHECKUP_DUE_SET, member.username(), dueOn.toString());
    }

    @Transactional(readOnly = true)
    public CheckUp checkUp(StaffPrincipal who, UUID staffId) {
        StaffMember member = member(who, staffId);
        return checkUps(who.organisationId(), List.of(member)).get(0);
    }

    /** For the manager: check-ups overdue or due within the next 30 days, soonest first. */
    @Transactional(readOnly = true)
    public List<CheckUp> checkUpsDueSoon(StaffPrincipal who) {
        requireManager(who);
        LocalDate horizon = today().plusDays(DUE_SOON_DAYS);
        return checkUps(who.organisationId(), directory.team(who.organisationId())).stream()
                .filter(c -> c.dueOn() != null && !c.dueOn().isAfter(horizon))
                .sorted(Comparator.comparing(CheckUp::dueOn))
                .toList();
    }

    private List<CheckUp> checkUps(UUID org, List<StaffMember> staff) {
        if (staff.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = staff.stream().map(StaffMember::id).toList();
        Map<UUID, LocalDate> lastDone = new HashMap<>();
        jdbc.sql("SELECT staff_id, MAX(done_on) AS last_done FROM qua_checkup WHERE org_id = :org "
                + "AND staff_id IN (:ids) GROUP BY staff_id").param("org", org).param("ids", ids)
                .query(rs -> {
                    lastDone.put(rs.getObject("staff_id", UUID.class), rs.getObject("last_done", LocalDate.class));
                });
        Map<UUID, LocalDate> firstDue = new HashMap<>();
        jdbc.sql("SELECT staff_id, due_on FROM qua_checkup_due WHERE org_id = :org AND staff_id IN (:ids)")
                .param("org", org).param("ids", ids)
                .query(rs -> {
                    firstDue.put(rs.getObject("staff_id", UUID.class), rs.getObject("due_on", LocalDate.class));
                });
        LocalDate today = today();
        return staff.stream().map(m -> {
            LocalDate last = lastDone.get(m.id());
            LocalDate due = dueOn(last, firstDue.get(m.id()));
            return new CheckUp(m, last, due, due != null && due.isBefore(today));
        }).toList();
    }

    /**
     * A due date the manager set (for the first check-up, or to move the next one) counts while it
     * stands; recording a check-up clears it, and then the next is due one year after the last one done.
     */
    static LocalDate dueOn(LocalDate lastDone, LocalDate setByManager) {
        if (setByManager != null) {
            return setByManager;
        }
        return lastDone == null ? null : lastDone.plusYears(1);
    }

    // --- training and induction ---------------------------------------------------------------------

    @Transactional
    public void recordTraining(StaffPrincipal who, UUID staffId, LocalDate takenOn, String title, String provider,
            UUID topicId) {
        StaffMember member = member(who, staffId);
        if (topicId != null && topic(who.organisationId(), topicId).isEmpty()) {
            throw new NotFoundException();
        }
        UUID id = UUID.randomUUID();
        FieldCipher cipher = secrets.cipher();
        jdbc.sql("INSERT INTO qua_training (id, org_id, staff_id, taken_on, title, provider, topic_id, recorded_by, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, who.organisationId(), staffId, Date.valueOf(takenOn),
                        cipher.encrypt(FieldRef.of("qua_training", id, "title"), title),
                        cipher.encrypt(FieldRef.of("qua_training", id, "provider"), provider), topicId, who.id(),
                        Timestamp.from(clock.instant()))
                .update();
        record(who, CareActions.TRAINING_RECORDED, member.username(),
                takenOn + (topicId == null ? "" : " induction"));
    }

    @Transactional(readOnly = true)
    public List<Training> trainings(StaffPrincipal who, UUID staffId) {
        member(who, staffId);
        record TrainingRow(UUID id, LocalDate takenOn, byte[] title, byte[] provider, UUID topicId) {
        }
        List<TrainingRow> rows = jdbc.sql("SELECT id, taken_on, title, provider, topic_id FROM qua_training "
                + "WHERE org_id = ? AND staff_id = ? ORDER BY taken_on DESC, recorded_at DESC")
                .params(who.organisationId(), staffId)
                .query((rs, n) -> new TrainingRow(rs.getObject("id", UUID.class),
                        rs.getObject("taken_on", LocalDate.class), rs.getBytes("title"), rs.getBytes("provider"),
                        rs.getObject("topic_id", UUID.class)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        FieldCipher cipher = secrets.cipher();
        return rows.stream().map(r -> new Training(r.id(), r.takenOn(),
                cipher.decrypt(FieldRef.of("qua_training", r.id(), "title"), r.title()),
                cipher.decrypt(FieldRef.of("qua_training", r.id(), "provider"), r.provider()), r.topicId()))
                .toList();
    }

    /** The organisation's induction topics in order. */
    @Transactional(readOnly = true)
    public List<InductionTopic> topics(UUID org) {
        record TopicRow(UUID id, int position, byte[] title) {
        }
        List<TopicRow> rows = jdbc.sql("SELECT id, position, title FROM qua_induction_topic WHERE org_id = ? "
                + "ORDER BY position, created_at").param(org)
                .query((rs, n) -> new TopicRow(rs.getObject("id", UUID.class), rs.getInt("position"),
                        rs.getBytes("title")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        FieldCipher cipher = secrets.cipher();
        return rows.stream().map(r -> new InductionTopic(r.id(), r.position(),
                cipher.decrypt(FieldRef.of("qua_induction_topic", r.id(), "title"), r.title()))).toList();
    }

    private Optional<InductionTopic> topic(UUID org, UUID topicId) {
        return topics(org).stream().filter(t -> t.id().equals(topicId)).findFirst();
    }

    /** The induction path of one staff member: each topic, done by a linked training record or open. */
    @Transactional(readOnly = true)
    public List<InductionStep> induction(StaffPrincipal who, UUID staffId) {
        member(who, staffId);
        Map<UUID, LocalDate> done = new HashMap<>();
        jdbc.sql("SELECT topic_id, MIN(taken_on) AS first_on FROM qua_training WHERE org_id = ? AND staff_id = ? "
                + "AND topic_id IS NOT NULL GROUP BY topic_id").params(who.organisationId(), staffId)
                .query(rs -> {
                    done.put(rs.getObject("topic_id", UUID.class), rs.getObject("first_on", LocalDate.class));
                });
        return topics(who.organisationId()).stream().map(t -> new InductionStep(t, done.get(t.id()))).toList();
    }

    @Transactional
    public void addTopic(StaffPrincipal who, String title) {
        requireManager(who);
        UUID id = UUID.randomUUID();
        Integer last = jdbc.sql("SELECT MAX(position) FROM qua_induction_topic WHERE org_id = ?")
                .param(who.organisationId()).query(Integer.class).optional().orElse(null);
        int position = last == null ? 1 : last + 1;
        jdbc.sql("INSERT INTO qua_induction_topic (id, org_id, position, title, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, who.organisationId(), position,
                        secrets.cipher().encrypt(FieldRef.of("qua_induction_topic", id, "title"), title),
                        Timestamp.from(clock.instant()))
                .update();
        record(who, CareActions.INDUCTION_TOPIC_ADDED, null, "position=" + position);
    }

    /** Removes a topic; training records linked to it stay, unlinked. */
    @Transactional
    public void removeTopic(StaffPrincipal who, UUID topicId) {
        requireManager(who);
        int removed = jdbc.sql("DELETE FROM qua_induction_topic WHERE id = ? AND org_id = ?")
                .params(topicId, who.organisationId()).update();
        if (removed == 0) {
            throw new NotFoundException();
        }
        record(who, CareActions.INDUCTION_TOPIC_REMOVED, null, null);
    }

    /** Swaps a topic with the one before it. */
    @Transactional
    public void moveUp(StaffPrincipal who, UUID topicId) {
        requireManager(who);
        List<InductionTopic> topics = topics(who.organisationId());
        int index = -1;
        for (int i = 0; i < topics.size(); i++) {
            if (topics.get(i).id().equals(topicId)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new NotFoundException();
        }
        if (index == 0) {
            return;
        }
        // Renumber 1..n in the new order, so equal positions cannot confuse the order.
        List<InductionTopic> reordered = new ArrayList<>(topics);
        reordered.add(index - 1, reordered.remove(index));
        for (int i = 0; i < reordered.size(); i++) {
            jdbc.sql("UPDATE qua_induction_topic SET position = ? WHERE id = ? AND org_id = ?")
                    .params(i + 1, reordered.get(i).id(), who.organisationId()).update();
        }
        record(who, CareActions.INDUCTION_TOPIC_MOVED, null, "position=" + index);
    }
}
