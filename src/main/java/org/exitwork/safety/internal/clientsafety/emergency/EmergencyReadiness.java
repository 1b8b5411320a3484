package org.exitwork.safety.internal.clientsafety.emergency;

import java.util.UUID;

import org.exitwork.cases.EmergencyPreparedness;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the cases module's question for a high-risk case (R14): is there an emergency plan, and a
 * contact structure (at least one emergency contact in it)? Counts rows, decrypts nothing.
 */
@Component
class EmergencyReadiness implements EmergencyPreparedness {

    private final JdbcClient jdbc;

    EmergencyReadiness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Readiness of(UUID clientId) {
        return new Readiness(count(EmergencyPlanRepository.PLAN, clientId) > 0,
                count(EmergencyPlanRepository.CONTACT, clientId) > 0);
    }

    private long count(String table, UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(clientId).query(Long.class)
                .single();
    }
}
