package org.exitwork.safety.internal.clientsafety;

import org.exitwork.cases.ClientErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Erasure (R20): every client-safety row of the client goes, inside the erasure's transaction. */
@Component
class ClientSafetyErasure {

    private static final String[] TABLES = {"saf_threat_correction", "saf_threat_entry", "saf_shield_measure",
        "saf_shield_plan", "saf_compartment_request", "saf_compartment", "saf_emergency_contact",
        "saf_emergency_plan"};

    private final JdbcClient jdbc;

    ClientSafetyErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ClientErased erased) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE client_id = ?").param(erased.clientId()).update();
        }
    }
}
