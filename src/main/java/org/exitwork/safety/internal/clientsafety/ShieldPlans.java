package org.exitwork.safety.internal.clientsafety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threat analysis and shield plan of a high-risk exit (R15): who is involved and in what role, what
 * dangerous knowledge the client has, the history, the information plan, and the protective measures
 * with owner and status. Relocation and new-identity details are not here but in the compartment.
 */
@Service
class ShieldPlans {

    static final String PLAN = "saf_shield_plan";
    static final String MEASURE = "saf_shield_measure";

    record Analysis(String involved, String knowledge, String history, String informationPlan,
            String publicStatement) {

        static Analysis empty() {
            return new Analysis("", "", "", "", "");
        }
    }

    record Measure(ShieldMeasureKind kind, String description, String owner, ShieldMeasureStatus status) {
    }

    record Plan(CaseReference ref, boolean writable, Analysis analysis, List<Measure> measures, String updatedBy,
            Instant updatedAt) {

        public boolean exists() {
            return updatedAt != null;
        }
    }

    private final JdbcClient jdbc;
    private final ClientSafetyAccess access;
    private final StaffDirectory staff;
    private final Clock clock;

    ShieldPlans(JdbcClient jdbc, ClientSafetyAccess access, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.staff = staff;
        this.clock = clock;
    }

    @Transactional
    public Plan read(StaffPrincipal who, UUID clientId) {
        CaseReference ref = access.forReading(who, clientId, "read shield plan");
        ClientSafetyAccess.Texts plans = access.texts(ref, PLAN);
        ClientSafetyAccess.Texts measures = access.texts(ref, MEASURE);
        UUID id = ref.id();
        record Row(Analysis analysis, UUID by, OffsetDateTime at) {
        }
        Optional<Row> row = jdbc.sql("SELECT * FROM " + PLAN + " WHERE client_id = ?").param(id)
                .query((rs, n) -> new Row(new Analysis(plans.open(id, "involved", rs.getBytes("involved")),
                        plans.open(id, "knowledge", rs.getBytes("knowledge")),
                        plans.open(id, "history", rs.getBytes("history")),
                        plans.open(id, "information_plan", rs.getBytes("information_plan")),
                        plans.open(id, "public_statement", rs.getBytes("public_statement"))),
                        rs.getObject("updated_by", UUID.class), rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
        List<Measure> list = jdbc.sql("SELECT * FROM " + MEASURE + " WHERE client_id = ? ORDER BY position").param(id)
                .query((rs, n) -> {
                    UUID m = rs.getObject("id", UUID.class);
                    return new Measure(ShieldMeasureKind.valueOf(rs.getString("kind")),
                            measures.open(m, "description", rs.getBytes("description")),
                            measures.open(m, "owner_text", rs.getBytes("owner_text")),
                            ShieldMeasureStatus.valueOf(rs.getString("status")));
                }).list();
        String by = row.map(r -> staff.displayNames(who.organisationId(), List.of(r.by())).get(r.by())).orElse(null);
        access.record(who, ClientSafetyActions.SHIELD_PLAN_READ, ref,
                row.isPresent() ? list.size() + " measures" : "no plan");
        return new Plan(ref, access.inTandem(who, clientId), row.map(Row::analysis).orElse(Analysis.empty()), list, by,
                row.map(r -> r.at().toInstant()).orElse(null));
    }

    @Transactional(readOnly = true)
    public void requireWritable(StaffPrincipal who, UUID clientId) {
        access.forTandem(who, clientId, "write shield plan");
    }

    /** Saves the analysis and replaces the list of measures; the audit keeps who did it and when. */
    @Transactional
    public void save(StaffPrincipal who, UUID clientId, Analysis analysis, List<Measure> measures) {
        CaseReference ref = access.forTandem(who, clientId, "write shield plan");
        UUID id = ref.id();
        ClientSafetyAccess.Texts plans = access.texts(ref, PLAN);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("DELETE FROM " + PLAN + " WHERE client_id = ?").param(id).update();
        jdbc.sql("INSERT INTO " + PLAN + " (client_id, involved, knowledge, history, information_plan, "
                + "public_statement, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, plans.seal(id, "involved", analysis.involved()),
                        plans.seal(id, "knowledge", analysis.knowledge()), plans.seal(id, "history", analysis.history()),
                        plans.seal(id, "information_plan", analysis.informationPlan()),
                        plans.seal(id, "public_statement", analysis.publicStatement()), who.id(), now)
                .update();
        jdbc.sql("DELETE FROM " + MEASURE + " WHERE client_id = ?").param(id).update();
        ClientSafetyAccess.Texts texts = access.texts(ref, MEASURE);
        int position = 0;
        for (Measure m : measures) {
            UUID row = UUID.randomUUID();
            jdbc.sql("INSERT INTO " + MEASURE + " (id, client_id, position, kind, status, description, owner_text) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(row, id, position++, m.kind().name(), m.status().name(),
                            texts.seal(row, "description", m.description()), texts.seal(row, "owner_text", m.owner()))
                    .update();
        }
        access.record(who, ClientSafetyActions.SHIELD_PLAN_SAVED, ref, measures.size() + " measures");
    }
}
