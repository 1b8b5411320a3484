package org.exitwork.programme.internal.design;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.programme.internal.design.Design.Indicator;
import org.exitwork.programme.internal.design.Design.Outcome;
import org.exitwork.programme.internal.design.Design.Programme;
import org.exitwork.programme.internal.design.Design.Summary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of programme design: plain text, the organisation's own. */
@Repository
class ProgrammeRepository {

    private final JdbcClient jdbc;

    ProgrammeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Summary> summaries(UUID org) {
        return jdbc.sql("""
                SELECT p.id, p.name, (SELECT COUNT(*) FROM prg_outcome o WHERE o.programme_id = p.id)
                FROM prg_programme p WHERE p.org_id = ? ORDER BY p.name""")
                .param(org)
                .query((rs, n) -> new Summary(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3))).list();
    }

    boolean nameTaken(UUID org, String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM prg_programme WHERE org_id = ? AND LOWER(name) = LOWER(?) AND id <> ?")
                .params(org, name, except == null ? new UUID(0, 0) : except).query(Long.class).single() > 0;
    }

    Optional<Programme> find(UUID org, UUID id) {
        return jdbc.sql("SELECT id, name, goal, target_groups FROM prg_programme WHERE org_id = ? AND id = ?")
                .params(org, id)
                .query((rs, n) -> new Programme(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), areas(id), pathways(id), staff(id), outcomes(id)))
                .optional();
    }

    private Set<PhenomenonArea> areas(UUID id) {
        Set<PhenomenonArea> all = EnumSet.noneOf(PhenomenonArea.class);
        jdbc.sql("SELECT area FROM prg_programme_area WHERE programme_id = ?").param(id).query(String.class).list()
                .forEach(a -> all.add(PhenomenonArea.valueOf(a)));
        return all;
    }

    private Set<Pathway> pathways(UUID id) {
        Set<Pathway> all = EnumSet.noneOf(Pathway.class);
        jdbc.sql("SELECT pathway FROM prg_programme_pathway WHERE programme_id = ?").param(id).query(String.class)
                .list().forEach(a -> all.add(Pathway.valueOf(a)));
        return all;
    }

    private List<UUID> staff(UUID id) {
        return jdbc.sql("SELECT staff_id FROM prg_programme_staff WHERE programme_id = ?").param(id)
                .query(UUID.class).list();
    }

    List<Outcome> outcomes(UUID programmeId) {
        Map<UUID, List<Indicator>> indicators = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT i.outcome_id, i.id, i.name, i.direction, i.baseline, i.frequency
                FROM prg_indicator i JOIN prg_outcome o ON o.id = i.outcome_id
                WHERE o.programme_id = ? ORDER BY i.position""")
                .param(programmeId)
                .query((rs, n) -> indicators.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new Indicator(rs.getObject(2, UUID.class), rs.getString(3),
                                Direction.valueOf(rs.getString(4)), rs.getString(5),
                                Frequency.valueOf(rs.getString(6)))))
                .list();
        return jdbc.sql("""
                SELECT id, name, scale_max, low_en, low_de, high_en, high_de FROM prg_outcome
                WHERE programme_id = ? ORDER BY position""")
                .param(programmeId)
                .query((rs, n) -> new Outcome(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        indicators.getOrDefault(rs.getObject(1, UUID.class), List.of())))
                .list();
    }

    void insert(UUID org, UUID id, Design.Draft draft, UUID by, Timestamp at) {
        jdbc.sql("""
                INSERT INTO prg_programme (id, org_id, name, goal, target_groups, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, org, draft.name(), draft.goal(), draft.targetGroups(), by, at).update();
        writeSets(id, draft);
    }

    boolean update(UUID org, UUID id, Design.Draft draft, UUID by, Timestamp at) {
        int rows = jdbc.sql("""
                UPDATE prg_programme SET name = ?, goal = ?, target_groups = ?, changed_by = ?, changed_at = ?
                WHERE org_id = ? AND id = ?""")
                .params(draft.name(), draft.goal(), draft.targetGroups(), by, at, org, id).update();
        if (rows == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM prg_programme_area WHERE programme_id = ?").param(id).update();
        jdbc.sql("DELETE FROM prg_programme_pathway WHERE programme_id = ?").param(id).update();
        jdbc.sql("DELETE FROM prg_programme_staff WHERE programme_id = ?").param(id).update();
        writeSets(id, draft);
        return true;
    }

    private void writeSets(UUID id, Design.Draft draft) {
        draft.areas().forEach(a -> jdbc.sql("INSERT INTO prg_programme_area (programme_id, area) VALUES (?, ?)")
                .params(id, a.name()).update());
        draft.pathways().forEach(p -> jdbc.sql("INSERT INTO prg_programme_pathway (programme_id, pathway) VALUES (?, ?)")
                .params(id, p.name()).update());
        draft.staff().forEach(s -> jdbc.sql("INSERT INTO prg_programme_staff (programme_id, staff_id) VALUES (?, ?)")
                .params(id, s).update());
    }

    void insertOutcome(UUID programmeId, UUID id, Design.OutcomeDraft draft) {
        int position = jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM prg_outcome WHERE programme_id = ?")
                .param(programmeId).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO prg_outcome (id, programme_id, position, name, scale_max, low_en, low_de, high_en, high_de)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, programmeId, position, draft.name(), draft.scaleMax(), draft.lowEn(), draft.lowDe(),
                        draft.highEn(), draft.highDe())
                .update();
        writeIndicators(id, draft.indicators());
    }

    boolean updateOutcome(UUID programmeId, UUID id, Design.OutcomeDraft draft) {
        int rows = jdbc.sql("""
                UPDATE prg_outcome SET name = ?, scale_max = ?, low_en = ?, low_de = ?, high_en = ?, high_de = ?
                WHERE programme_id = ? AND id = ?""")
                .params(draft.name(), draft.scaleMax(), draft.lowEn(), draft.lowDe(), draft.highEn(), draft.highDe(),
                        programmeId, id)
                .update();
        if (rows == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM prg_indicator WHERE outcome_id = ?").param(id).update();
        writeIndicators(id, draft.indicators());
        return true;
    }

    /** The highest score given on an outcome so far (0: none), so its scale cannot shrink below it. */
    int highestScore(UUID outcomeId) {
        return jdbc.sql("SELECT COALESCE(MAX(score), 0) FROM prg_outcome_rating WHERE outcome_id = ?")
                .param(outcomeId).query(Integer.class).single();
    }

    private void writeIndicators(UUID outcomeId, List<Indicator> indicators) {
        for (int i = 0; i < indicators.size(); i++) {
            Indicator ind = indicators.get(i);
            jdbc.sql("""
                    INSERT INTO prg_indicator (id, outcome_id, position, name, direction, baseline, frequency)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), outcomeId, i + 1, ind.name(), ind.direction().name(), ind.baseline(),
                            ind.frequency().name())
                    .update();
        }
    }
}
