package org.exitwork.safety.internal.clientsafety;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every client-safety table that keeps rows about a client, deleted children first. */
@Repository
class ClientSafetyErasureRepository {

    private static final String[] TABLES = {"saf_threat_correction", "saf_threat_entry", "saf_shield_measure",
        "saf_shield_plan", "saf_compartment_request", "saf_compartment", "saf_emergency_contact",
        "saf_emergency_plan"};

    private final JdbcClient jdbc;

    ClientSafetyErasureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void deleteClient(UUID clientId) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE client_id = ?").param(clientId).update();
        }
    }
}
