package org.exitwork.safety.internal.settings;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the safety module ({@code exitwork.safety.*}), for client and staff safety.
 *
 * @param grace how long after the expected end a missing check-out opens an alert
 * @param escalationIntervals how long each step waits for an acknowledgement before the next one:
 *        first from step 1 (the practitioner) to step 2 (tandem partner, managers on duty), then from
 *        step 2 to step 3 (everyone on duty)
 * @param mailFrom the sender of alarm e-mails
 * @param baseUrl where the application is reached, for the link in alarm e-mails
 * @param compartmentApprovalDuration how long a manager's approval to open a shield compartment lasts
 * @param emergencyNumber the public emergency number a phone without signal offers to call (112 in Europe)
 */
@ConfigurationProperties("exitwork.safety")
public record SafetyProperties(@DefaultValue("15m") Duration grace,
        @DefaultValue({"10m", "10m"}) List<Duration> escalationIntervals,
        @DefaultValue("exitwork@localhost") String mailFrom,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("4h") Duration compartmentApprovalDuration,
        @DefaultValue("112") String emergencyNumber) {

    public static final int LAST_STEP = 3;

    /**
     * From the expected end until the escalation has reached everyone: the grace and every step's wait.
     * A phone's check-in lasts this long past the end, so the practitioner can still answer the alarm.
     */
    public Duration escalationWindow() {
        Duration window = grace;
        for (int step = 1; step < LAST_STEP; step++) {
            window = window.plus(waitAfter(step));
        }
        return window;
    }

    /** How long step {@code step} (1 or 2) waits before the next. */
    public Duration waitAfter(int step) {
        return escalationIntervals.get(Math.min(step - 1, escalationIntervals.size() - 1));
    }
}
