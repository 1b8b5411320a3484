package org.exitwork.cases.internal.figures;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.exitwork.cases.CaseFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The figures kept per programme ({@code cas_tally}, V1_56_0; what each kind counts is written there), so
 * that the dashboard and the funder report add up a few rows per programme, day or month instead of a row
 * per case (issue 16).
 *
 * <p>Every write that can change what a case contributes calls {@link #touch} first, in its transaction and
 * before it changes anything: the case's row is held until the transaction ends (so the writes of one case
 * run one after the other) and the case's contribution as it is is noted. Just before the commit the
 * contribution is computed again from the case's rows and the difference added to the tallies, as
 * increments in SQL, every transaction in the same order of rows (so that two writers never wait for each
 * other in a circle). A case erased contributes nothing afterwards: new figures no longer count it.
 */
@Repository
public class CaseTallies {

    /** The programme id of cases without one. */
    static final UUID NO_PROGRAMME = new UUID(0, 0);
    /** A date column that says nothing. */
    static final LocalDate NONE = LocalDate.of(1900, 1, 1);

    private static final String DAYS = "CAST((EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))"
            + " - EXTRACT(EPOCH FROM CAST(CAST(%s AS DATE) AS TIMESTAMP))) / 86400 AS BIGINT)";

    /** One row of cas_tally, ordered as every transaction writes them. */
    record Key(UUID org, UUID programme, String kind, String tag, LocalDate day, LocalDate since)
            implements Comparable<Key> {

        Key(UUID org, UUID programme, String kind, String tag) {
            this(org, programme, kind, tag, NONE, NONE);
        }

        @Override
        public int compareTo(Key o) {
            int c = org.compareTo(o.org);
            c = c != 0 ? c : programme.compareTo(o.programme);
            c = c != 0 ? c : kind.compareTo(o.kind);
            c = c != 0 ? c : tag.compareTo(o.tag);
            c = c != 0 ? c : day.compareTo(o.day);
            return c != 0 ? c : since.compareTo(o.since);
        }
    }

    private final JdbcClient jdbc;

    CaseTallies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The case is about to change in this transaction: its row is held and its contribution noted; at the
     * commit the change is added to the tallies. Again for the same case in the same transaction, nothing.
     */
    public void touch(UUID clientId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a case's figures change only inside a transaction");
        }
        // Found among the transaction's synchronizations, which a transaction of its own inside it suspends.
        Pending pending = null;
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending p && p.owner() == this) {
                pending = p;
            }
        }
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.before.containsKey(clientId)) {
            return;
        }
        jdbc.sql("UPDATE cas_client SET first_session_on = first_session_on WHERE id = ?").param(clientId).update();
        pending.before.put(clientId, contribution(clientId));
    }

    /**
     * The organisation's open cases as the managers' overview counts them, added up over its programmes: a
     * few rows per practitioner, however many cases there are (issue 19).
     *
     * @param clientLoads   per staff id in a tandem, the clients whose tandem they are in
     * @param prospectLoads per staff id in a tandem, the prospects whose tandem they are in
     */
    public record OpenCases(long clients, long prospects, long clientsWithoutAgreement, Map<UUID, Long> clientLoads,
            Map<UUID, Long> prospectLoads) {

        /** Everyone in the tandem of an open case, still active or not. */
        public Set<UUID> carriers() {
            Set<UUID> all = new HashSet<>(clientLoads.keySet());
            all.addAll(prospectLoads.keySet());
            return all;
        }
    }

    public OpenCases openCases(UUID org) {
        Map<String, Long> counts = new HashMap<>();
        Map<UUID, Long> clientLoads = new HashMap<>();
        Map<UUID, Long> prospectLoads = new HashMap<>();
        jdbc.sql("""
                SELECT kind, tag, SUM(n) FROM cas_tally
                WHERE org_id = ? AND kind IN ('STAGE', 'LOAD_CLIENT', 'LOAD_PROSPECT', 'NO_AGREEMENT')
                GROUP BY kind, tag HAVING SUM(n) <> 0""")
                .param(org)
                .query((rs, n) -> {
                    String kind = rs.getString(1);
                    long count = rs.getLong(3);
                    switch (kind) {
                        case "LOAD_CLIENT" -> clientLoads.put(UUID.fromString(rs.getString(2)), count);
                        case "LOAD_PROSPECT" -> prospectLoads.put(UUID.fromString(rs.getString(2)), count);
                        case "NO_AGREEMENT" -> counts.put(kind, count);
                        default -> counts.put(rs.getString(2), count);
                    }
                    return kind;
                })
                .list();
        return new OpenCases(counts.getOrDefault("CLIENT", 0L), counts.getOrDefault("PROSPECT", 0L),
                counts.getOrDefault("NO_AGREEMENT", 0L), Map.copyOf(clientLoads), Map.copyOf(prospectLoads));
    }

    /** The tallies of every case of the organisation counted anew (for rows written in bulk, not by the services). */
    public void recount(UUID org) {
        jdbc.sql("DELETE FROM cas_tally WHERE org_id = ?").param(org).update();
        Map<Key, Long> all = new TreeMap<>();
        for (UUID client : jdbc.sql("SELECT id FROM cas_client WHERE org_id = ?").param(org).query(UUID.class).list()) {
            contribution(client).forEach((k, n) -> all.merge(k, n, Long::sum));
        }
        apply(all);
    }

    private final class Pending implements TransactionSynchronization {

        final Map<UUID, Map<Key, Long>> before = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            Map<Key, Long> change = new TreeMap<>();
            before.forEach((client, was) -> {
                was.forEach((k, n) -> change.merge(k, -n, Long::sum));
                contribution(client).forEach((k, n) -> change.merge(k, n, Long::sum));
            });
            change.values().removeIf(n -> n == 0);
            apply(change);
        }

        CaseTallies owner() {
            return CaseTallies.this;
        }
    }

    /** Increments in SQL, in the order of the keys (a sorted map). */
    private void apply(Map<Key, Long> change) {
        for (Map.Entry<Key, Long> e : change.entrySet()) {
            Key k = e.getKey();
            Object[] key = {k.org(), k.programme(), k.kind(), k.tag(), Date.valueOf(k.day()), Date.valueOf(k.since())};
            jdbc.sql("INSERT INTO cas_tally (org_id, programme_id, kind, tag, on_day, since_month, n)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING").params(key).update();
            Object[] params = new Object[7];
            params[0] = e.getValue();
            System.arraycopy(key, 0, params, 1, 6);
            jdbc.sql("UPDATE cas_tally SET n = n + ? WHERE org_id = ? AND programme_id = ? AND kind = ? AND tag = ?"
                    + " AND on_day = ? AND since_month = ?").params(params).update();
        }
    }

    private record Case(UUID org, UUID programme, String stage, String pathway, LocalDate becameClient,
            LocalDate closed, Long firstSessionDays, Long consentDays, long tandem, boolean agreed) {
    }

    /** What the case contributes now, from its rows (nothing when it no longer exists). */
    Map<Key, Long> contribution(UUID clientId) {
        Map<Key, Long> c = new HashMap<>();
        Case k = jdbc.sql("SELECT c.org_id, c.programme_id, c.stage, c.pathway, c.became_client_on, c.closed_on, "
                        + DAYS.formatted("c.first_session_on", "c.created_at") + ", (SELECT "
                        + DAYS.formatted("p.given_on", "c.created_at")
                        + " FROM cas_participation_consent p WHERE p.client_id = c.id),"
                        + " (SELECT COUNT(*) FROM cas_tandem_member t WHERE t.client_id = c.id),"
                        + " EXISTS (SELECT 1 FROM cas_client_agreement a WHERE a.client_id = c.id) FROM cas_client c WHERE c.id = ?")
                .param(clientId)
                .query((rs, n) -> new Case(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), day(rs.getDate(5)), day(rs.getDate(6)), (Long) rs.getObject(7, Long.class),
                        (Long) rs.getObject(8, Long.class), rs.getLong(9), rs.getBoolean(10)))
                .optional().orElse(null);
        if (k == null) {
            return c;
        }
        UUID org = k.org();
        UUID programme = k.programme() == null ? NO_PROGRAMME : k.programme();
        List<String> areas = jdbc.sql("SELECT area FROM cas_phenomenon WHERE client_id = ? ORDER BY area")
                .param(clientId).query(String.class).list();
        String group = areas.isEmpty() ? CaseFigures.NO_AREA : areas.size() > 1 ? CaseFigures.SEVERAL_AREAS : areas.get(0);
        c.put(new Key(org, programme, "STAGE", k.stage()), 1L);
        areas.forEach(a -> c.put(new Key(org, programme, "AREA", a), 1L));
        c.put(new Key(org, programme, "PATHWAY", k.pathway()), 1L);
        if (k.becameClient() != null) {
            c.put(new Key(org, programme, "TAKEN_ON", group, k.becameClient(), NONE), 1L);
        }
        if (k.closed() != null) {
            c.put(k.becameClient() != null ? new Key(org, programme, "ENDED", group, k.closed(), NONE)
                    : new Key(org, programme, "ENDED_EARLY", "", k.closed(), NONE), 1L);
        }
        if (k.consentDays() != null) {
            c.put(new Key(org, programme, "CONSENT", Long.toString(k.consentDays())), 1L);
        }
        if (k.firstSessionDays() != null) {
            c.put(new Key(org, programme, "FIRST_SESSION", Long.toString(k.firstSessionDays())), 1L);
        }
        List<Object[]> months = new ArrayList<>();
        jdbc.sql("SELECT month_start, held FROM cas_month_count WHERE client_id = ? AND held > 0 ORDER BY month_start")
                .param(clientId).query((rs, n) -> months.add(new Object[] {day(rs.getDate(1)), rs.getLong(2)})).list();
        LocalDate before = NONE;
        for (Object[] m : months) {
            LocalDate month = (LocalDate) m[0];
            c.put(new Key(org, programme, "HELD", group, month, NONE), (Long) m[1]);
            c.put(new Key(org, programme, "ACTIVE", group, month, before), 1L);
            before = month;
        }
        boolean open = "PROSPECT".equals(k.stage()) || "CLIENT".equals(k.stage());
        if ("CLIENT".equals(k.stage())) {
            jdbc.sql("SELECT next_steps_due, COUNT(*) FROM cas_session_note WHERE client_id = ? AND cancelled_at IS NULL"
                            + " AND next_steps_done_on IS NULL AND next_steps_due IS NOT NULL GROUP BY next_steps_due")
                    .param(clientId)
                    .query((rs, n) -> c.put(new Key(org, programme, "OVERDUE", "", day(rs.getDate(1)), NONE), rs.getLong(2)))
                    .list();
        }
        if (open && k.tandem() == 1) {
            c.put(new Key(org, programme, "SINGLE", ""), 1L);
        }
        if (open) {
            String load = "CLIENT".equals(k.stage()) ? "LOAD_CLIENT" : "LOAD_PROSPECT";
            jdbc.sql("SELECT staff_id FROM cas_tandem_member WHERE client_id = ?").param(clientId).query(UUID.class).list()
                    .forEach(staff -> {
                        c.put(new Key(org, programme, "CASELOAD", staff.toString()), 1L);
                        c.put(new Key(org, programme, load, staff.toString()), 1L);
                    });
        }
        if ("CLIENT".equals(k.stage()) && !k.agreed()) {
            c.put(new Key(org, programme, "NO_AGREEMENT", ""), 1L);
        }
        return c;
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
