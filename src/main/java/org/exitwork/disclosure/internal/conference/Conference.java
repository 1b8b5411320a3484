package org.exitwork.disclosure.internal.conference;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A case conference as pages, the print-out and the client's report show it: opened, with names. */
record Conference(UUID id, LocalDate heldOn, String purpose, boolean clientInvited, Boolean clientTookPart,
        List<Participant> participants, String minutes, String plannedBy, Instant plannedAt, String sentBy,
        Instant sentAt) {

    /** A partner invited; {@code outcome} is null until the minutes are released, then SENT or REFUSED. */
    record Participant(UUID partnerId, String name, String attendees, String outcome) {

        public boolean sent() {
            return "SENT".equals(outcome);
        }

        public boolean refused() {
            return "REFUSED".equals(outcome);
        }
    }

    public boolean hasMinutes() {
        return minutes != null;
    }

    public boolean sent() {
        return sentAt != null;
    }

    /** The same conference with only these participants, as it goes to them. */
    Conference with(List<Participant> only) {
        return new Conference(id, heldOn, purpose, clientInvited, clientTookPart, only, minutes, plannedBy, plannedAt,
                null, null);
    }
}
