package org.exitwork.disclosure.internal.conference;

import java.util.stream.Collectors;

import org.exitwork.cases.CaseReference;

/** Exactly what goes to each participant (R10): the pseudonym, never a name of the client, and the notice. */
final class ConferenceMinutes {

    /** The redisclosure notice, in both languages, on every copy of the minutes. */
    static final String NOTICE_EN = "This information is disclosed under the client's consent for the purpose stated. "
            + "You may not pass it on to anyone else, and you may not use it to investigate or prosecute the client.";
    static final String NOTICE_DE = "Diese Informationen werden mit Einwilligung der Klientin oder des Klienten für den "
            + "genannten Zweck weitergegeben. Sie dürfen sie an niemanden weitergeben und nicht dazu verwenden, gegen "
            + "die Klientin oder den Klienten zu ermitteln oder sie strafrechtlich zu verfolgen.";

    private ConferenceMinutes() {
    }

    static String document(CaseReference ref, Conference c) {
        StringBuilder text = new StringBuilder();
        text.append("Case conference / Fallkonferenz: ").append(ref.pseudonym()).append('\n');
        text.append("Date / Datum: ").append(c.heldOn()).append('\n');
        text.append("Purpose / Zweck: ").append(c.purpose()).append('\n');
        text.append("Participants / Beteiligte: ").append(c.participants().stream()
                .map(p -> p.name() + (p.attendees() == null ? "" : " (" + p.attendees() + ")"))
                .collect(Collectors.joining("; "))).append('\n');
        text.append("Client invited / Klient*in eingeladen: ").append(c.clientInvited() ? "yes / ja" : "no / nein");
        if (c.clientInvited() && c.clientTookPart() != null) {
            text.append(", took part / teilgenommen: ").append(c.clientTookPart() ? "yes / ja" : "no / nein");
        }
        text.append("\n\nMinutes / Protokoll:\n").append(c.minutes()).append("\n\n");
        text.append(NOTICE_EN).append('\n').append(NOTICE_DE).append('\n');
        return text.toString();
    }
}
