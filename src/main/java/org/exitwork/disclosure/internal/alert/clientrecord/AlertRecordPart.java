package org.exitwork.disclosure.internal.alert.clientrecord;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.exitwork.cases.CaseReference;
import org.exitwork.cases.ClientRecordPart;
import org.exitwork.cases.ClientRecordSection;
import org.exitwork.disclosure.internal.alert.Alert;
import org.exitwork.disclosure.internal.alert.AlertStatus;
import org.exitwork.disclosure.internal.alert.DangerAlerts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The client's report (R19): danger-in-default alerts, only once the tandem has recorded that the
 * client was told; date, to whom, what was disclosed, and for an alert sent at once its review.
 */
@Component
class AlertRecordPart implements ClientRecordPart {

    private final DangerAlerts alerts;
    private final MessageSource messages;

    AlertRecordPart(DangerAlerts alerts, MessageSource messages) {
        this.alerts = alerts;
        this.messages = messages;
    }

    @Override
    public List<ClientRecordSection> sections(CaseReference client, Locale language) {
        List<Alert> told = alerts.toldToTheClient(client).stream().filter(Alert::wentOut)
                .toList();
        if (told.isEmpty()) {
            return List.of();
        }
        List<ClientRecordSection.Item> items = told.stream().map(a -> new ClientRecordSection.Item(
                a.sentAt().atZone(ZoneId.systemDefault()).toLocalDate().toString(),
                text("dangeralerts.report.item", language, a.partnerName() + " (" + a.contactName() + ")",
                        text("dangeralerts.kind." + a.kind(), language),
                        a.fields().isEmpty() ? text("dangeralerts.report.no-identity", language)
                                : a.fields().stream().map(f -> text("dangeralerts.field." + f, language))
                                        .collect(Collectors.joining(", ")))
                        + review(a, language)))
                .toList();
        return List.of(new ClientRecordSection("danger-alerts", text("dangeralerts.report.title", language), items));
    }

    /** An alert sent at once: whether and how a second staff member reviewed it (R8), with their note. */
    private String review(Alert a, Locale language) {
        if (!a.cannotWait()) {
            return "";
        }
        if (a.status() != AlertStatus.REVIEWED || a.reviewOutcome() == null) {
            return " " + text("dangeralerts.report.sent-at-once", language);
        }
        return " " + text("dangeralerts.report.reviewed", language, a.decidedBy(),
                a.decidedAt().atZone(ZoneId.systemDefault()).toLocalDate().toString(),
                text("dangeralerts.review-outcome." + a.reviewOutcome(), language),
                a.decisionNote() == null ? "" : a.decisionNote());
    }

    private String text(String key, Locale language, Object... args) {
        return messages.getMessage(key, args, language);
    }
}
