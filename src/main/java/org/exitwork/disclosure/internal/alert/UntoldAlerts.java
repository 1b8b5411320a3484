package org.exitwork.disclosure.internal.alert;

import java.util.List;

import org.exitwork.audit.AuditEntry;
import org.exitwork.cases.CaseReference;
import org.exitwork.disclosure.internal.Channel;
import org.exitwork.disclosure.internal.WithheldFromTheClient;
import org.springframework.stereotype.Component;

/**
 * Withholds every audit entry about a danger alert the client has not been told of: raising,
 * opening, approving, the disclosure itself, a refused attempt. Entries name an alert by its id
 * ("alert &lt;id&gt;" or "danger in default &lt;id&gt;"); an entry about alerts that names none (the
 * list of alerts read, a refused attempt) is shown only when every alert of the client was told.
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
        return entry.action().startsWith("DANGER_ALERT")
                || (entry.detail() != null && entry.detail().contains("channel=" + Channel.DANGER_ALERT.name()));
    }
}
