package org.exitwork.consent.internal;

import org.exitwork.cases.ClientErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Erasure (R20): the client's consents go, inside the erasure's transaction. */
@Component
class ConsentErasure {

    private final JdbcClient jdbc;

    ConsentErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ClientErased erased) {
        jdbc.sql("DELETE FROM con_consent_kind WHERE client_id = ?").param(erased.clientId()).update();
        jdbc.sql("DELETE FROM con_consent WHERE client_id = ?").param(erased.clientId()).update();
    }
}
