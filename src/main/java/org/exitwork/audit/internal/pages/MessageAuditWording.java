package org.exitwork.audit.internal.pages;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditWording;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Audit codes in words, from the bundle {@code audit}: {@code audit.action.<ACTION>},
 * {@code audit.detail.<code>}, {@code audit.actor.<name>} and {@code audit.value.<ENUM>} for enum
 * names among a detail's arguments. Entries written before details were stored as codes carry
 * English text; the known forms of it are read back into codes here ({@link #EARLIER}), anything
 * else is shown as stored.
 */
@Component
public class MessageAuditWording implements AuditWording {

    /** The parts of Exitwork that act without a person, by the name the entries store. */
    public static final Map<String, String> ACTORS = Map.ofEntries(
            Map.entry("share link", "share-link"),
            Map.entry("funder link", "funder-link"),
            Map.entry("partner deactivated", "partner-deactivated"),
            Map.entry("command line", "command-line"),
            Map.entry("exitwork", "exitwork"),
            Map.entry("exitwork (referral matcher)", "referral-matcher"),
            Map.entry("exitwork (referral retention)", "referral-retention"),
            Map.entry("exitwork (restore)", "restore"),
            Map.entry("exitwork (retention period)", "retention-period"),
            Map.entry("key rotation", "key-rotation"),
            Map.entry("exitwork (review reminder)", "review-reminder"),
            Map.entry("system", "system"));

    /**
     * One known English form: its pattern and code, and where the groups are not the code's arguments as
     * they stand: {@code order} (1-based groups in the order of the code's arguments), {@code names} (groups
     * written as words, "unknown-partner" or "taken_on,title", read as names, UNKNOWN_PARTNER) and
     * {@code action} (the form means this only in entries of that action, a bare date say).
     */
    record Earlier(String action, Pattern pattern, String code, List<Integer> order, Set<Integer> names) {

        Earlier(String regex, String code) {
            this(null, Pattern.compile(regex), code, List.of(), Set.of());
        }

        Earlier inOrder(Integer... groups) {
            return new Earlier(action, pattern, code, List.of(groups), names);
        }

        Earlier asNames(Integer... groups) {
            return new Earlier(action, pattern, code, order, Set.of(groups));
        }

        Earlier onlyFor(String action) {
            return new Earlier(action, pattern, code, order, names);
        }

        Optional<AuditDetail> read(String action, String detail) {
            if (this.action != null && !this.action.equals(action)) {
                return Optional.empty();
            }
            Matcher m = pattern.matcher(detail);
            if (!m.matches()) {
                return Optional.empty();
            }
            List<Integer> groups = order.isEmpty()
                    ? java.util.stream.IntStream.rangeClosed(1, m.groupCount()).boxed().toList() : order;
            List<String> args = new java.util.ArrayList<>();
            for (int g : groups) {
                String value = m.group(g);
                args.add(names.contains(g) ? value.toUpperCase(Locale.ROOT).replaceAll("[ -]", "_") : value);
            }
            return Optional.of(new AuditDetail(code, args));
        }
    }

    /** English details as earlier versions wrote them (and some modules still do), each with its code. */
    public static final List<Earlier> EARLIER = List.of(
            // accounts
            new Earlier("account deactivated", "signin.account-deactivated"),
            new Earlier("unknown account", "signin.unknown-account"),
            new Earlier("locked until (\\S+)", "signin.locked"),
            new Earlier("wrong password, failure (\\d+)", "signin.wrong-password"),
            new Earlier("wrong code, failure (\\d+)", "signin.wrong-code"),
            new Earlier("enrolment code wrong, failure (\\d+)", "signin.wrong-enrolment-code"),
            new Earlier("until (\\S+)", "account.locked-until"),
            new Earlier("(\\d+) left", "signin.recovery-codes-left"),
            new Earlier("role=([A-Z_]+)", "account.role"),
            new Earlier("first-run set-up", "account.first-run"),
            new Earlier("password, request (\\S+)", "reset.password"),
            new Earlier("second factor, request (\\S+)", "reset.second-factor"),
            new Earlier("password, request (\\S+) ([a-z-]+)", "reset.password-denied"),
            new Earlier("second factor, request (\\S+) ([a-z-]+)", "reset.second-factor-denied"),
            new Earlier("request=(\\S+)", "reset.request"),
            new Earlier("staff=(\\d+) contacts=(\\d+)", "emergency-contacts.read"),
            // cases
            new Earlier("again after a restore", "erasure.again-after-restore"),
            new Earlier("cases=(\\d+), hits=(\\d+)", "notes.searched"),
            new Earlier("cases=(\\d+), hits=(\\d+)\\+", "notes.searched-more"),
            new Earlier("(\\d+) sessions", "sessions.count"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2})", "session.on"),
            new Earlier("version (\\d+)", "version"),
            new Earlier("(\\d+) participants", "group.participants"),
            new Earlier("(\\d+) participants, (\\d+) sessions", "group.participants-sessions"),
            new Earlier("participants=(\\d+)", "group.participants"),
            new Earlier("details", "group.details"),
            new Earlier("one participant", "group.one-participant"),
            new Earlier("given", "group.label-given"),
            new Earlier("changed", "group.label-changed"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), present (\\d+) of (\\d+)", "group.session-recorded"),
            new Earlier("(\\d+) areas, context case false", "intake.areas"),
            new Earlier("(\\d+) areas, context case true", "intake.areas-context-case"),
            new Earlier("(\\d+) persons, (\\d+) stays", "context.count"),
            new Earlier("relation=([A-Z_]+)", "context.relation"),
            new Earlier("(\\d+) follow-ups", "ending.follow-ups"),
            new Earlier("pathway=([A-Z_]+)", "intake.pathway"),
            new Earlier("reason=([A-Z_]+)", "break-glass.reason"),
            new Earlier("no version", "assessment.none"),
            new Earlier("as (tandem|broken_glass|none), version (\\d+) of (\\d{4}-\\d{2}-\\d{2})", "assessment.read"),
            new Earlier("version (\\d+) of (\\d{4}-\\d{2}-\\d{2})", "assessment.recorded"),
            new Earlier("as (tandem|broken_glass|none), (\\d+) versions, (\\d+) ratings", "agreement.read"),
            new Earlier("summary, current version (\\d+), (\\d+) ratings", "agreement.summary"),
            new Earlier("summary, current version none, (\\d+) ratings", "agreement.summary-none"),
            new Earlier("form, based on version (\\d+)", "agreement.form"),
            new Earlier("version (\\d+), (\\d+) changes \\((\\d+) carried on\\), language ([a-z]+)", "agreement.version-written"),
            new Earlier("version (\\d+), ([A-Z_]+), (\\d{4}-\\d{2}-\\d{2})", "agreement.client-agreed"),
            new Earlier("(\\d{4}-\\d{2}-\\d{2}), (\\d+) changes rated", "agreement.rated"),
            new Earlier("version (\\d+), ([a-z]+)", "agreement.printed"),
            new Earlier("kind=([A-Z_]+), since (\\d{4}-\\d{2}-\\d{2})", "context.institution"),
            new Earlier("kind=([A-Z_]+), since (\\d{4}-\\d{2}-\\d{2}), previous ([A-Z_]+) ended", "context.institution-after"),
            new Earlier("prospects (\\d+) days, closed cases (\\d+) days, groups (\\d+) days, appointments (\\d+) days",
                    "retention.periods"),
            new Earlier("held (\\d{4}-\\d{2}-\\d{2}), (\\d+) took part", "intake.safety-discussion"),
            new Earlier("consent (\\d{4}-\\d{2}-\\d{2}), text v(\\d+) ([a-z]+), tandem of (\\d+)", "intake.taken-on"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), ([A-Z_]+), (\\d+) themes", "session.recorded"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), ([A-Z_]+), (\\d+) themes, next steps", "session.recorded-next-steps"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), ([A-Z_]+), (\\d+) themes, next meeting", "session.recorded-next-meeting"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), ([A-Z_]+), (\\d+) themes, next steps, next meeting",
                    "session.recorded-next-steps-meeting"),
            new Earlier("setting=([A-Z_]+), leaders=(\\d+)", "group.setting"),
            new Earlier("(\\d+) context persons", "session.context-persons"),
            new Earlier("1 session, to correct it", "session.one-to-correct"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), version (\\d+), changed: ([a-z -]+)", "session.corrected"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), version (\\d+)", "session.cancelled"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), (\\d+) versions", "session.history-read"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), (\\d+) versions, cancelled", "session.history-read-cancelled"),
            new Earlier("(\\d+) sessions, (\\d+) open next steps", "sessions.summary"),
            new Earlier("session (\\d{4}-\\d{2}-\\d{2}), done (\\d{4}-\\d{2}-\\d{2})", "session.next-steps-done"),
            new Earlier("as (tandem|broken_glass|none)", "case.read-as"),
            new Earlier("([A-Z_]+) on (\\d{4}-\\d{2}-\\d{2})", "kind-on"),
            // quality
            new Earlier("position=(\\d+)", "induction.position"),
            new Earlier("(\\d{4}-\\d{2}-\\d{2}) induction", "training.recorded-induction"),
            new Earlier("([A-Z_]+) (\\d{4}-\\d{2}-\\d{2}) participants=(\\d+)", "supervision.recorded"),
            new Earlier("(\\d{4}-\\d{2}-\\d{2}) -> (\\d{4}-\\d{2}-\\d{2}) version=(\\d+)", "checkup.corrected"),
            new Earlier("(\\d{4}-\\d{2}-\\d{2})", "training.recorded").onlyFor("TRAINING_RECORDED"),
            new Earlier("(\\d{4}-\\d{2}-\\d{2}) changed=([a-z_,]+) version=(\\d+)", "training.corrected").asNames(2),
            new Earlier("([A-Z_]+) (\\d{4}-\\d{2}-\\d{2}) changed=([a-z_,]+) version=(\\d+)", "supervision.corrected")
                    .asNames(3),
            new Earlier("(\\d{4}-\\d{2}-\\d{2})", "checkup.done").onlyFor("CHECKUP_DONE"),
            new Earlier("(\\d{4}-\\d{2}-\\d{2})", "checkup.due").onlyFor("CHECKUP_DUE_SET"),
            // network and referrals
            new Earlier("from=([A-Z_]+) to=([A-Z_]+)", "partner.kind-change"),
            new Earlier("kind=([A-Z_]+) agreement=([A-Z_]+) contacts=(\\d+)", "partner.created"),
            new Earlier("agreement=([A-Z_]+) contacts=(\\d+)", "partner.changed"),
            new Earlier("agreement=([A-Z_]+) contacts=(\\d+) renamed", "partner.changed-renamed"),
            new Earlier("stuck in the inbox for (\\d+) days", "referral.stuck"),
            new Earlier("days=(\\d+)", "referral.expired"),
            new Earlier("via=([A-Z_]+)", "referral.via"),
            new Earlier("count=(\\d+)", "count"),
            new Earlier("(\\d+) credentials revoked, (\\d+) form links withdrawn", "referral.access-ended"),
            new Earlier("valid until (\\S+)", "referral.link-valid-until"),
            new Earlier("key (\\S+), scope ([A-Z_]+)", "referral.credential-created"),
            new Earlier("key (\\S+)", "referral.credential-revoked"),
            new Earlier("referral=(\\S+) read at (\\S+)", "referral.read-at"),
            new Earlier("kind=([A-Z_]+) via=([A-Z_]+)", "referral.kind-via"),
            // keys
            new Earlier("new primary; re-wrapped (\\d+) client keys, (\\d+) system keys", "key.rotated-new-primary"),
            new Earlier("finished; re-wrapped (\\d+) client keys, (\\d+) system keys", "key.rotated-finished"),
            new Earlier("created (\\S+), retired (\\S+)", "key.destroyed"),
            // safety
            new Earlier("kind=HELP", "safety.help"),
            new Earlier("kind=([A-Z_]+) on=(\\d{4}-\\d{2}-\\d{2}) attendees=(\\d+)", "safety.appointment-planned"),
            new Earlier("kind=OVERDUE", "safety.overdue"),
            new Earlier("step=(\\d+)", "safety.step"),
            new Earlier("minutes=(\\d+)", "safety.minutes"),
            new Earlier("removed", "safety.contact-address-removed"),
            new Earlier("set", "safety.contact-address-set"),
            new Earlier("appointments=(\\d+)", "safety.appointments-erased"),
            new Earlier("(\\d+) contacts", "emergency.contacts"),
            new Earlier("printable, (\\d+) contacts", "emergency.contacts-printable"),
            new Earlier("no running approval", "shield.no-approval"),
            new Earlier("as tandem", "shield.as-tandem"),
            new Earlier("with approval until (\\S+)", "shield.approved-until"),
            new Earlier("(\\d+) requests", "shield.requests"),
            new Earlier("own request", "shield.own-request"),
            new Earlier("(\\d+) measures", "shield.measures"),
            new Earlier("no plan", "shield.no-plan"),
            new Earlier("(\\d+) entries", "threats.count"),
            new Earlier("entry of (\\d{4}-\\d{2}-\\d{2})", "threats.corrected"),
            new Earlier("kind=([A-Z_]+) on=(\\d{4}-\\d{2}-\\d{2}) attendees=(\\d+) from a session",
                    "safety.appointment-planned-from-session"),
            new Earlier("step=(\\d+) kind=([A-Z_]+) alerted=(\\d+)", "safety.escalated"),
            new Earlier("onDuty=true on=(\\d{4}-\\d{2}-\\d{2})", "safety.on-duty"),
            new Earlier("onDuty=false on=(\\d{4}-\\d{2}-\\d{2})", "safety.off-duty"),
            new Earlier("appointments=(\\d+) versions=(\\d+)", "safety.client-links-erased"),
            new Earlier("stage=([A-Z_]+) reason=none on=(\\d{4}-\\d{2}-\\d{2})", "safety.appointment-cancelled"),
            new Earlier("stage=([A-Z_]+) reason=given on=(\\d{4}-\\d{2}-\\d{2})", "safety.appointment-cancelled-reason"),
            new Earlier("changed=([a-z_,]+) version=(\\d+) stage=([A-Z_]+) on=(\\d{4}-\\d{2}-\\d{2})",
                    "safety.appointment-corrected").asNames(1),
            // disclosure
            new Earlier("alert (\\S+) no address", "alert.no-address"),
            new Earlier("alert (\\S+) status=([A-Z_]+)", "alert.status"),
            new Earlier("alert (\\S+) kind=([A-Z_]+) partner (\\S+) fields=([A-Z_,]*) cannotWait=true", "alert.raised-at-once"),
            new Earlier("alert (\\S+) kind=([A-Z_]+) partner (\\S+) fields=([A-Z_,]*) cannotWait=false", "alert.raised"),
            new Earlier("alert (\\S+)", "alert.id"),
            new Earlier("conference (\\S+) on (\\d{4}-\\d{2}-\\d{2}), (\\d+) partners, client invited true", "conference.planned-client"),
            new Earlier("conference (\\S+) on (\\d{4}-\\d{2}-\\d{2}), (\\d+) partners, client invited false", "conference.planned"),
            new Earlier("consent (\\S+), partner (\\S+) ([A-Z_]+), kinds ([A-Z_,]+), (\\d{4}-\\d{2}-\\d{2}) to (\\d{4}-\\d{2}-\\d{2}), ([A-Z_]+)",
                    "consent.recorded"),
            new Earlier("channel=([A-Z_]+) to=partner (\\S+) what=([A-Z_,]*) why=consent (\\S+) disclosure=(\\S+)",
                    "disclosure.consent"),
            new Earlier("channel=([A-Z_]+) to=partner (\\S+) what=([A-Z_,]*) why=danger in default (\\S+) disclosure=(\\S+)",
                    "disclosure.danger"),
            new Earlier("channel=([A-Z_]+) to=partner (\\S+) what=([A-Z_,]*) why=conference (\\S+) consent (\\S+) "
                    + "disclosure=(\\S+)", "disclosure.conference"),
            new Earlier("channel=([A-Z_]+) to=client what=([A-Z_,]*) why=subject access disclosure=(\\S+)",
                    "disclosure.subject-access"),
            new Earlier("channel=([A-Z_]+) to=client what=([A-Z_,]*) why=work agreement version (\\d+) disclosure=(\\S+)",
                    "disclosure.work-agreement"),
            new Earlier("channel=([A-Z_]+) to=partner (\\S+) what=([A-Z_,]*) reason=([A-Za-z_-]+) consent=(\\S+)",
                    "disclosure.refused-consent").inOrder(1, 2, 3, 5, 4).asNames(4),
            new Earlier("channel=([A-Z_]+) to=partner (\\S+) what=([A-Z_,]*) reason=recipient-changed alert (\\S+) "
                    + "([A-Za-z_-]+)", "disclosure.refused-danger").asNames(5),
            new Earlier("channel=([A-Z_]+) to=partner (\\S+) what=([A-Z_,]*) reason=([A-Za-z_-]+)", "disclosure.refused")
                    .asNames(4),
            new Earlier("channel=([A-Z_]+) to=client what=([A-Z_,]*) reason=([A-Za-z_ -]+)", "disclosure.refused-client")
                    .asNames(3),
            new Earlier("alert (\\S+) not sent", "alert.not-sent"),
            new Earlier("(\\d+) alerts", "alerts.count"),
            new Earlier("alert (\\S+) told=true on (\\d{4}-\\d{2}-\\d{2})", "alert.client-told"),
            new Earlier("alert (\\S+) told=false", "alert.client-not-told"),
            new Earlier("(\\d+) conferences", "conferences.count"),
            new Earlier("conference (\\S+)", "conference.id"),
            new Earlier("planned conference: purpose or attendees name the client", "conference.plan-names-client"),
            new Earlier("conference (\\S+) minutes name the client", "conference.minutes-name-client"),
            new Earlier("conference (\\S+) not sent: the text names the client", "conference.not-sent-names-client"),
            new Earlier("conference (\\S+), sent (\\d+), refused (\\d+)", "conference.minutes-sent"),
            new Earlier("partner (\\S+) unknown", "consent.partner-unknown"),
            new Earlier("partner (\\S+) ([A-Z_]+) ([A-Z_]+)", "consent.partner-refused"),
            new Earlier("share (\\S+) (PDF|JSON)", "share.fetched"),
            new Earlier("share (\\S+) ([A-Z_]+)", "share.refused"),
            new Earlier("share (\\S+)", "share.id"),
            new Earlier("(\\d+) shares", "shares.count"),
            new Earlier("(\\d+) valid consents", "shares.valid-consents"),
            new Earlier("(\\d+) consents", "consents.count"),
            new Earlier("consent (\\S+)", "consent.id"),
            new Earlier("consent (\\S+) revoked on (\\d{4}-\\d{2}-\\d{2})", "consent.revoked"),
            new Earlier("referral=(\\S+) practitioner=(\\S+)", "referral.assigned"),
            new Earlier("referral=(\\S+) practitioner=(\\S+) partnerKind=([A-Z_]+)", "referral.assigned-partner"));

    /** The words of the outbound log's arguments: the channel, what went out, why it was refused. */
    static final String CHANNEL = "audit.value.channel.";
    static final String WHAT = "report.what.|dangeralerts.field.";
    static final String REFUSAL = "outbound.refusal.|audit.value.refusal.";

    /** Where the words for a detail's enum arguments are, by code and argument (other bundles name them already). */
    static final Map<String, List<String>> ARGUMENT_KEYS = Map.ofEntries(
            Map.entry("account.role", List.of("role.")),
            Map.entry("intake.pathway", List.of("pathway.")),
            Map.entry("context.relation", List.of("relation.")),
            Map.entry("break-glass.reason", List.of("break-glass.reason.")),
            Map.entry("tandem.member", List.of("", "handover.reason.")),
            Map.entry("risk.reason", List.of("risk.reason.")),
            Map.entry("partner.kind-change", List.of("network.kind.", "network.kind.")),
            Map.entry("partner.created", List.of("network.kind.", "network.agreement.", "")),
            Map.entry("partner.changed", List.of("network.agreement.", "")),
            Map.entry("partner.changed-renamed", List.of("network.agreement.", "")),
            Map.entry("referral.via", List.of("audit.value.via.")),
            Map.entry("safety.appointment-planned", List.of("safety.place-kind.")),
            Map.entry("session.recorded", List.of("", "setting.")),
            Map.entry("session.recorded-next-steps", List.of("", "setting.")),
            Map.entry("session.recorded-next-meeting", List.of("", "setting.")),
            Map.entry("session.recorded-next-steps-meeting", List.of("", "setting.")),
            Map.entry("group.setting", List.of("group.setting.")),
            Map.entry("session.corrected", List.of("", "", "audit.value.session-field.")),
            Map.entry("case.read-as", List.of("audit.value.access.")),
            Map.entry("training.corrected", List.of("", "audit.value.care-field.")),
            Map.entry("supervision.recorded", List.of("care.kind.")),
            Map.entry("supervision.corrected", List.of("care.kind.", "", "audit.value.care-field.")),
            Map.entry("assessment.read", List.of("audit.value.access.")),
            Map.entry("agreement.read", List.of("audit.value.access.")),
            Map.entry("agreement.client-agreed", List.of("", "agreement.way.")),
            Map.entry("context.institution", List.of("institution.")),
            Map.entry("context.institution-after", List.of("institution.", "", "institution.")),
            Map.entry("kind-on", List.of("threats.kind.|contact.")),
            Map.entry("alert.status", List.of("", "dangeralerts.status.")),
            Map.entry("alert.raised", List.of("", "dangeralerts.kind.", "", "dangeralerts.field.")),
            Map.entry("alert.raised-at-once", List.of("", "dangeralerts.kind.", "", "dangeralerts.field.")),
            Map.entry("alert.raised-broken-glass", List.of("", "dangeralerts.kind.", "", "dangeralerts.field.")),
            Map.entry("alert.raised-at-once-broken-glass", List.of("", "dangeralerts.kind.", "", "dangeralerts.field.")),
            Map.entry("alert.reviewed", List.of("", "dangeralerts.review-outcome.")),
            Map.entry("alert.reviewed-late", List.of("", "dangeralerts.review-outcome.")),
            Map.entry("consent.recorded", List.of("", "", "network.kind.", "consents.kind.", "", "", "consents.informed.")),
            Map.entry("disclosure.consent", List.of(CHANNEL, "", WHAT)),
            Map.entry("disclosure.danger", List.of(CHANNEL, "", WHAT)),
            Map.entry("disclosure.conference", List.of(CHANNEL, "", WHAT)),
            Map.entry("disclosure.vignette", List.of(CHANNEL, "", WHAT)),
            Map.entry("disclosure.refused-vignette", List.of(CHANNEL, "", WHAT, "", REFUSAL)),
            Map.entry("disclosure.subject-access", List.of(CHANNEL, WHAT)),
            Map.entry("disclosure.work-agreement", List.of(CHANNEL, WHAT)),
            Map.entry("disclosure.refused", List.of(CHANNEL, "", WHAT, REFUSAL)),
            Map.entry("disclosure.refused-consent", List.of(CHANNEL, "", WHAT, "", REFUSAL)),
            Map.entry("disclosure.refused-conference", List.of(CHANNEL, "", WHAT, "", "", REFUSAL)),
            Map.entry("disclosure.refused-danger", List.of(CHANNEL, "", WHAT, "", REFUSAL)),
            Map.entry("disclosure.refused-client", List.of(CHANNEL, WHAT, REFUSAL)),
            Map.entry("reporting.refused", List.of("", REFUSAL)),
            Map.entry("funder-report.refused", List.of("", "", "", "", REFUSAL)),
            Map.entry("funder-report.download", List.of("", "audit.value.format.")),
            Map.entry("reset.password-denied", List.of("", "audit.value.reset-denied.")),
            Map.entry("reset.second-factor-denied", List.of("", "audit.value.reset-denied.")),
            Map.entry("referral.credential-created", List.of("", "referrals.scope.")),
            Map.entry("referral.kind-via", List.of("audit.value.inbox.", "audit.value.via.")),
            Map.entry("safety.appointment-planned-from-session", List.of("safety.place-kind.")),
            Map.entry("safety.escalated", List.of("", "audit.value.alert.")),
            Map.entry("safety.appointment-corrected", List.of("audit.value.changed.", "", "audit.value.stage.")),
            Map.entry("safety.appointment-cancelled", List.of("audit.value.stage.")),
            Map.entry("safety.appointment-cancelled-reason", List.of("audit.value.stage.")),
            Map.entry("consent.partner-refused", List.of("", "network.kind.", "outbound.refusal.")),
            Map.entry("share.refused", List.of("", "audit.value.link.")),
            Map.entry("servicerequest.refused", List.of("", "audit.value.link.")),
            Map.entry("servicerequest.answered", List.of("", "servicerequests.status.")),
            Map.entry("partner.services", List.of("network.need.", "")),
            Map.entry("partner.services-refused", List.of("network.kind.")),
            Map.entry("referral.assigned-partner", List.of("", "", "network.kind.")));

    /** The subject of key rotation entries before it was a code. */
    private static final Pattern EARLIER_MASTER_KEY = Pattern.compile("master key version (\\S+)");
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");

    private final MessageSource messages;
    private final Clock clock;

    public MessageAuditWording(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String action(String action, Locale language) {
        String label = messages.getMessage("audit.action." + action, null, null, language);
        return label != null ? label : messages.getMessage("audit.action.other", new Object[] { action },
                "Other action (" + action + ")", language);
    }

    @Override
    public String detail(String detail, Locale language) {
        return detail(null, detail, language);
    }

    @Override
    public String detailOf(AuditEntry entry, Locale language) {
        return detail(entry.action(), entry.detail(), language);
    }

    @Override
    public String subject(AuditEntry entry, Locale language) {
        String subject = entry.subject();
        if (subject == null) {
            return null;
        }
        // A pseudonym or a user name is shown as it is; a subject that is no person or client is a code.
        Optional<AuditDetail> coded = AuditDetail.parse(subject).or(() -> {
            Matcher m = EARLIER_MASTER_KEY.matcher(subject);
            return m.matches() ? Optional.of(new AuditDetail("key.version", List.of(m.group(1)))) : Optional.empty();
        });
        if (coded.isEmpty()) {
            return subject;
        }
        String text = messages.getMessage("audit.subject." + coded.get().code(), coded.get().arguments().toArray(), null,
                language);
        return text != null ? text : subject;
    }

    private String detail(String action, String detail, Locale language) {
        if (detail == null || detail.isBlank()) {
            return "";
        }
        Optional<AuditDetail> coded = AuditDetail.parse(detail).or(() -> earlier(action, detail));
        if (coded.isEmpty()) {
            return detail;
        }
        List<String> args = coded.get().arguments();
        List<String> prefixes = ARGUMENT_KEYS.getOrDefault(coded.get().code(), List.of());
        Object[] arguments = new Object[args.size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = value(args.get(i), i < prefixes.size() ? prefixes.get(i) : "", language);
        }
        String text = messages.getMessage("audit.detail." + coded.get().code(), arguments, null, language);
        return text != null ? text : detail;
    }

    @Override
    public String actor(AuditEntry entry, Locale language) {
        String name = entry.actorName();
        if (name == null) {
            return "";
        }
        String key = ACTORS.get(name);
        // A person's user name may be "system" as well; only names no person can have, or no person behind it, are parts of Exitwork.
        if (key == null || (entry.actorId() != null && !name.contains(" "))) {
            return name;
        }
        return messages.getMessage("audit.actor." + key, null, name, language);
    }

    /** Reads an English detail of an earlier version back into its code and arguments. */
    static Optional<AuditDetail> earlier(String action, String detail) {
        for (Earlier e : EARLIER) {
            Optional<AuditDetail> read = e.read(action, detail);
            if (read.isPresent()) {
                return read;
            }
        }
        return Optional.empty();
    }

    /** An argument as the reader reads it: enum names in words, dates and times in the language's format. */
    private String value(String argument, String prefix, Locale language) {
        if (argument.isEmpty()) {
            return messages.getMessage("audit.value.none", null, "–", language);
        }
        if (argument.contains(",") && Arrays.stream(argument.split(",")).allMatch(a -> ENUM_NAME.matcher(a).matches())) {
            return Arrays.stream(argument.split(",")).map(a -> value(a, prefix, language)).collect(Collectors.joining(", "));
        }
        for (String p : prefix.split("\\|")) {
            String named = p.isEmpty() ? null : messages.getMessage(p + argument, null, null, language);
            if (named != null) {
                return named;
            }
        }
        if (ENUM_NAME.matcher(argument).matches()) {
            return messages.getMessage("audit.value." + argument, null, argument, language);
        }
        try {
            if (DATE.matcher(argument).matches()) {
                return LocalDate.parse(argument).format(format("format.date", language));
            }
            if (INSTANT.matcher(argument).matches()) {
                return Instant.parse(argument).atZone(clock.getZone()).format(format("format.date-time", language));
            }
        } catch (DateTimeException notADate) {
            return argument;
        }
        return argument;
    }

    private DateTimeFormatter format(String key, Locale language) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, language), language);
    }
}
