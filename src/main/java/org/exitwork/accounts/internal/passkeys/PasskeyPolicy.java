package org.exitwork.accounts.internal.passkeys;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Whether the organisation requires passkeys of its managers and administrators ({@code acc_organisation}). */
@Repository
class PasskeyPolicy {

    private final JdbcClient jdbc;

    PasskeyPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean required(UUID organisationId) {
        return jdbc.sql("SELECT passkeys_required FROM acc_organisation WHERE id = ?").param(organisationId)
                .query(Boolean.class).optional().orElse(false);
    }

    void setRequired(UUID organisationId, boolean required) {
        jdbc.sql("UPDATE acc_organisation SET passkeys_required = ? WHERE id = ?").params(required, organisationId)
                .update();
    }
}
