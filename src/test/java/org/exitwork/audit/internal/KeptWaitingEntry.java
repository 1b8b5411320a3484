package org.exitwork.audit.internal;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A copy of a waiting entry as someone with a database login keeps it before it is linked, to offer it again later. */
record KeptWaitingEntry(Map<String, Object> row) {

    private static final String COLUMNS = "entry_id, tag, chain, occurred_at, org_id, actor_id, actor_name, action, subject,"
            + " detail";

    /**
     * Records {@code event} within a web request of {@code writer} and keeps a copy of its waiting entry before
     * the request's end links it (as a database login can, between the commit and the link).
     */
    static KeptWaitingEntry recordAndKeep(ChainWriter writer, org.exitwork.audit.AuditLog log,
            org.exitwork.audit.AuditEvent event, JdbcClient jdbc) {
        writer.requestBegins();
        try {
            log.record(event);
            return of(jdbc, event.organisationId().toString());
        } finally {
            writer.requestEnded();
        }
    }

    /** The one entry waiting in {@code chain}. */
    static KeptWaitingEntry of(JdbcClient jdbc, String chain) {
        return new KeptWaitingEntry(jdbc.sql("SELECT " + COLUMNS + " FROM aud_pending WHERE chain = ?").param(chain)
                .query().singleRow());
    }

    /** Puts the copy back into aud_pending, as it was. */
    void offerAgain(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO aud_pending (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.get("entry_id"), row.get("tag"), row.get("chain"), row.get("occurred_at"), row.get("org_id"),
                        row.get("actor_id"), row.get("actor_name"), row.get("action"), row.get("subject"),
                        row.get("detail"))
                .update();
    }
}
