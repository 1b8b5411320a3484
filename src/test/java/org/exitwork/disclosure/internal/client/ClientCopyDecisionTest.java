package org.exitwork.disclosure.internal.client;

import org.exitwork.disclosure.internal.gate.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's own record is handed out by the tandem only (R19); without Spring. */
class ClientCopyDecisionTest {

    @Test
    void theTandemHandsItOut() {
        assertThat(ClientCopyDecision.handOut(true)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aColleagueWhoBrokeTheGlassDoesNot() {
        assertThat(ClientCopyDecision.handOut(false).refusal().orElseThrow().code()).isEqualTo("NOT_IN_TANDEM");
    }
}
