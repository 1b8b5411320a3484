package org.exitwork.disclosure.internal.alert.clientrecord;

import java.util.List;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEntry;
import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.WithheldFromTheClient;
import org.exitwork.disclosure.internal.alert.Alert;
import org.exitwork.disclosure.internal.alert.DangerAlerts;
import org.springframework.stereotype.Component;

/**
 * Withholds every audit entry about a danger alert the client has not been told of: raising,
 * opening, approving, the disclosure itself, a refused attempt. Entries name an alert by its id
 * (among the detail's arguments, or "alert &lt;id&gt;" and "danger in default &lt;id&gt;" in entries written
 * before details were codes); an entry about alerts that names none (the list of alerts read, a refused
 * attempt) is shown only when every alert of the client was told.
 */
@Component
class UntoldAlerts implements WithheldFromTheClient {

    private final DangerAlerts alerts;

    UntoldAlerts(DangerAlerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public Filter forReport(CaseReference client) {
        List<Alert> all = alerts.ofTheClient(client);
        List<String> told = all.stream().filter(a -> Boolean.TRUE.equals(a.clientTold()) && a.wentOut())
                .map(a -> a.id().toString()).toList();
        boolean everyAlertTold = told.size() == all.size();
        return entry -> {
            if (!aboutAnAlert(entry)) {
                return false;
            }
            String detail = entry.detail() == null ? "" : entry.detail();
            boolean namesATold = told.stream().anyMatch(detail::contains);
            boolean namesAny = all.stream().anyMatch(a -> detail.contains(a.id().toString()));
            return namesAny ? !namesATold : !(everyAlertTold && !all.isEmpty());
        };
    }

    private static boolean aboutAnAlert(AuditEntry entry) {
        if (entry.action().startsWith("DANGER_ALERT")) {
            return true;
        }
        if (entry.detail() == null) {
            return false;
        }
        // The outbound log names the channel first among its arguments.
        return AuditDetail.parse(entry.detail())
                .map(d -> d.code().startsWith("disclosure.") && !d.arguments().isEmpty()
                        && d.arguments().get(0).equals(Channel.DANGER_ALERT.name()))
                .orElseGet(() -> entry.detail().contains("channel=" + Channel.DANGER_ALERT.name()));
    }
}
