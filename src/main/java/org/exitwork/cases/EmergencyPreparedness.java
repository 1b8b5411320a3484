package org.exitwork.cases;

import java.util.UUID;

/**
 * Whether a high-risk case has what it needs for an emergency (R14, R15): an emergency plan, and a
 * contact structure, meaning at least one emergency contact in that plan. The plan lives in the
 * safety module, which depends on this one; so cases states the question here and safety answers
 * it, and a case page or the manager's overview can ask without cases depending on safety.
 */
public interface EmergencyPreparedness {

    /** Counts rows only: nothing of the plan is decrypted or leaves its module. */
    Readiness of(UUID clientId);

    record Readiness(boolean plan, boolean contacts) {

        public static final Readiness NOTHING = new Readiness(false, false);

        public boolean complete() {
            return plan && contacts;
        }
    }
}
