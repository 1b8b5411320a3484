package org.exitwork.accounts.internal.settings;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The two-person rule for resets (R6, {@code exitwork.accounts.reset.*}). A request waits at most {@code requestValidity} for a
 * manager; an approver's account must have existed for {@code approverMinimumAge} before the
 * request was made, so an administrator cannot create a manager account and approve with it.
 */
public record ResetPolicy(@DefaultValue("3d") Duration requestValidity, @DefaultValue("7d") Duration approverMinimumAge) {
}
