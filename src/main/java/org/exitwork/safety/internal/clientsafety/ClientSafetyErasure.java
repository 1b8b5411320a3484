package org.exitwork.safety.internal.clientsafety;

import org.exitwork.cases.ClientErased;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Erasure (R20): every client-safety row of the client goes, inside the erasure's transaction. */
@Component
class ClientSafetyErasure {

    private final ClientSafetyErasureRepository rows;

    ClientSafetyErasure(ClientSafetyErasureRepository rows) {
        this.rows = rows;
    }

    @EventListener
    void on(ClientErased erased) {
        rows.deleteClient(erased.clientId());
    }
}
