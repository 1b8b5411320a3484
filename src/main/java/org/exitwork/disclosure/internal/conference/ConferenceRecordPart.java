package org.exitwork.disclosure.internal.conference;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The client's report (R19): each case conference with its date, purpose, participating partners and
 * whether the client was invited. Not the minutes and not who attended for a partner.
 */
@Component
class ConferenceRecordPart implements ClientRecordPart {

    private final Conferences conferences;
    private final MessageSource messages;

    ConferenceRecordPart(Conferences conferences, MessageSource messages) {
        this.conferences = conferences;
        this.messages = messages;
    }

    @Override
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        List<Conference> list = conferences.forTheClient(client);
        if (list.isEmpty()) {
            return List.of();
        }
        List<ClientRecordSection.Item> items = list.stream().map(c -> new ClientRecordSection.Item(
                c.heldOn().toString(),
                c.purpose() + "; " + text("conferences.report.partners", language, c.participants().stream()
                        .map(p -> participant(p, language)).collect(Collectors.joining(", ")))
                        + "; " + text("conferences.report.invited", language,
                                text(c.clientInvited() ? "conferences.yes" : "conferences.no", language))))
                .toList();
        return List.of(new ClientRecordSection("case-conferences", text("conferences.report.title", language), items));
    }

    /** The partner and whether the minutes went to them: a refused partner received nothing. */
    private String participant(Conference.Participant p, Locale language) {
        String outcome = p.sent() ? "sent" : p.refused() ? "refused" : "planned";
        return text("conferences.report.partner." + outcome, language, p.name());
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }
}
