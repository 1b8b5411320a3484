package org.exitwork.disclosure.internal.servicerequest;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a service request stands, in the words of the HL7 FHIR Task status model (R11): the request is
 * {@code requested} when sent; the partner answers {@code received}, {@code accepted} or {@code rejected}
 * (with a reason), then {@code in-progress} and {@code completed}; either side may cancel an open one.
 * The transitions are FHIR's for these statuses; {@code draft}, {@code ready}, {@code on-hold},
 * {@code failed} and {@code entered-in-error} are not used. Stored by name.
 */
enum TaskStatus {
    REQUESTED("requested"), RECEIVED("received"), ACCEPTED("accepted"), REJECTED("rejected"),
    IN_PROGRESS("in-progress"), COMPLETED("completed"), CANCELLED("cancelled");

    private final String fhir;

    TaskStatus(String fhir) {
        this.fhir = fhir;
    }

    /** The code of the FHIR value set {@code task-status}. */
    String fhirCode() {
        return fhir;
    }

    /** Rejected, completed and cancelled end a request; nothing follows them. */
    boolean terminal() {
        return this == REJECTED || this == COMPLETED || this == CANCELLED;
    }

    /** Still waiting for the partner's first answer: what the reminders look at. */
    boolean unanswered() {
        return this == REQUESTED;
    }

    /** The statuses that may follow this one. */
    Set<TaskStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(RECEIVED, ACCEPTED, REJECTED, CANCELLED);
            case RECEIVED -> EnumSet.of(ACCEPTED, REJECTED, CANCELLED);
            case ACCEPTED -> EnumSet.of(IN_PROGRESS, COMPLETED, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, CANCELLED);
            case REJECTED, COMPLETED, CANCELLED -> EnumSet.noneOf(TaskStatus.class);
        };
    }

    boolean canBecome(TaskStatus status) {
        return status != null && next().contains(status);
    }
}
