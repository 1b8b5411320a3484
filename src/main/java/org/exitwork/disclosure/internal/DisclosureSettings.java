package org.exitwork.disclosure.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the disclosure gate ({@code exitwork.disclosure.*}).
 *
 * <p>{@code mail-from} is the gate's own: the sender of danger alerts, which carry client data, is
 * not the staff-safety module's business and may differ from the sender of staff alarms. So that no
 * deployment's danger alerts change sender with this setting, application.properties defaults it to
 * {@code exitwork.safety.mail-from} (itself {@code EXITWORK_MAIL_FROM}, as the README documents); the
 * code reads only this record, and {@code EXITWORK_DISCLOSURE_MAIL_FROM} separates the two.
 *
 * @param shareLinkDays how long a partner's link to a share stays valid
 * @param mailFrom      the sender of danger-alert e-mails
 * @param dangerAlertReviewWithin how soon a second staff member must review an alert that could not
 *                      wait and went out at once; after that the review is overdue and reminded
 * @param serviceRequestLinkDays how long a partner's link to a service request stays valid (it must
 *                      outlive the work the partner does on it)
 * @param linkUsesPerDay how often a day one link (a share's, a service request's, a funder report's) may be
 *                      used; each use is audited, so a link opened without end would fill the audit log
 */
@ConfigurationProperties("exitwork.disclosure")
public record DisclosureSettings(@DefaultValue("7") int shareLinkDays,
        @DefaultValue("exitwork@localhost") String mailFrom,
        @DefaultValue("24h") Duration dangerAlertReviewWithin,
        @DefaultValue("90") int serviceRequestLinkDays,
        @DefaultValue("50") int linkUsesPerDay) {
    public DisclosureSettings {
        if (linkUsesPerDay < 1) {
            throw new IllegalArgumentException("exitwork.disclosure.link-uses-per-day must be at least 1");
        }
    }
}
