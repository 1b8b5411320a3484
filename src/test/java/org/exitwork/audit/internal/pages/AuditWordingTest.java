package org.exitwork.audit.internal.pages;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.internal.keys.KeyRotationAudit;
import org.exitwork.platform.MessageBundles;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audit codes in words in both languages: every action has a label, details stored as codes and
 * English details of earlier versions read the same, and parts of Exitwork that act are named.
 */
class AuditWordingTest {

    static final Locale DE = Locale.GERMAN;
    static final Locale EN = Locale.ENGLISH;
    static final Pattern ACTION = Pattern.compile("[A-Z]{2,}(_[A-Z]+)*");
    /** Actions named outside an {@code *Actions} class: the class and its constant. */
    static final Map<String, String> OTHER_HOLDERS = Map.of(
            "org.exitwork.audit.internal.JdbcAuditLog", "SEAL_ACTION",
            "org.exitwork.audit.internal.keys.KeyRotationAudit", "ROTATED,DESTROYED",
            "org.exitwork.safety.internal.staffsafety.appointments.AppointmentErasure", "APPOINTMENT_ERASED");

    final MessageSource messages = MessageBundles.messageSource(new PathMatchingResourcePatternResolver());
    final MessageAuditWording wording = new MessageAuditWording(messages,
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneId.of("Europe/Berlin")));

    @Test
    void everyActionConstantHasALabelInBothLanguages() throws Exception {
        Map<String, String> actions = allActions();
        assertThat(actions).as("actions found").hasSizeGreaterThan(150)
                .containsKeys("SIGN_IN", "SHARE_LINK_FETCHED", "DANGER_ALERT_APPROVED", "AUDIT_LEGACY_CHAIN_SEALED",
                        "MASTER_KEY_ROTATED", "SAFETY_APPOINTMENT_ERASED", "REFERRAL_CREDENTIAL_CREATED");
        Map<String, String> missing = new TreeMap<>();
        for (Map.Entry<String, String> a : actions.entrySet()) {
            for (Locale language : new Locale[] { EN, DE }) {
                if (messages.getMessage("audit.action." + a.getKey(), null, null, language) == null) {
                    missing.put(a.getKey() + " (" + language + ")", a.getValue());
                }
            }
        }
        assertThat(missing).as("actions without a label in i18n/audit*.properties").isEmpty();
    }

    @Test
    void actionsReadAsWords() {
        assertThat(wording.action("SIGN_IN", DE)).isEqualTo("Angemeldet");
        assertThat(wording.action("SIGN_IN", EN)).isEqualTo("Signed in");
        assertThat(wording.action("SHARE_LINK_FETCHED", DE)).isEqualTo("Weitergabe vom Partner abgerufen");
        assertThat(wording.action("NO_SUCH_THING", DE)).isEqualTo("Andere Aktion (NO_SUCH_THING)");
        assertThat(wording.action("NO_SUCH_THING", EN)).isEqualTo("Other action (NO_SUCH_THING)");
    }

    @Test
    void detailsStoredAsCodesReadInTheReadersLanguage() {
        String stored = AuditDetail.of("signin.wrong-code", 1);
        assertThat(stored).isEqualTo("@signin.wrong-code|1");
        assertThat(wording.detail(stored, DE)).isEqualTo("falscher Code, Fehlversuch 1");
        assertThat(wording.detail(stored, EN)).isEqualTo("wrong code, failed attempt 1");
        assertThat(wording.detail(AuditDetail.of("account.role", "DATA_PROTECTION_OFFICER"), DE))
                .isEqualTo("Rolle: " + messages.getMessage("role.DATA_PROTECTION_OFFICER", null, DE));
        assertThat(wording.detail(AuditDetail.of("signin.locked", Instant.parse("2026-12-02T10:15:00Z")), DE))
                .isEqualTo("Konto gesperrt bis 02.12.2026, 11:15");
        assertThat(wording.detail(AuditDetail.of("signin.locked", Instant.parse("2026-12-02T10:15:00Z")), EN))
                .isEqualTo("account locked until 2 Dec 2026, 11:15");
        assertThat(wording.detail(AuditDetail.of("reset.password-denied", "r-1", "requester"), DE))
                .isEqualTo("Passwort, Antrag r-1: selbst beantragt");
        assertThat(wording.detail(AuditDetail.of("alert.no-mail-server", "a-1"), DE))
                .isEqualTo("Meldung a-1: Kein Mailserver eingerichtet");
    }

    @Test
    void englishDetailsOfEarlierEntriesReadInTheReadersLanguage() {
        assertThat(wording.detail("wrong code, failure 1", DE)).isEqualTo("falscher Code, Fehlversuch 1");
        assertThat(wording.detail("wrong code, failure 1", EN)).isEqualTo("wrong code, failed attempt 1");
        assertThat(wording.detail("wrong password, failure 3", DE)).isEqualTo("falsches Passwort, Fehlversuch 3");
        assertThat(wording.detail("unknown account", DE)).isEqualTo("unbekannter Benutzername");
        assertThat(wording.detail("role=MANAGER", DE)).isEqualTo("Rolle: " + messages.getMessage("role.MANAGER", null, DE));
        assertThat(wording.detail("second factor, request 42 requester", DE))
                .isEqualTo("zweiter Faktor, Antrag 42: selbst beantragt");
        assertThat(wording.detail("from=HOUSING to=POLICE", DE)).isEqualTo("von "
                + messages.getMessage("network.kind.HOUSING", null, DE) + " zu "
                + messages.getMessage("network.kind.POLICE", null, DE));
        assertThat(wording.detail("session 2026-11-30", DE)).isEqualTo("Gespräch vom 30.11.2026");
        assertThat(wording.detail("session 2026-11-30", EN)).isEqualTo("session of 30 Nov 2026");
        assertThat(wording.detail("cases=4, hits=2+", DE)).isEqualTo("4 Fälle durchsucht, mehr als 2 Treffer");
        assertThat(wording.detail("via=FORM", DE)).isEqualTo("über das Einmal-Webformular");
        assertThat(wording.detail("channel=DANGER_ALERT to=partner p-1 what=FULL_NAME,CONTACT why=danger in default a-1 "
                + "disclosure=d-1", DE)).isEqualTo("Gefahrenmeldung an Partner p-1, Daten: "
                        + messages.getMessage("dangeralerts.field.FULL_NAME", null, DE) + ", "
                        + messages.getMessage("dangeralerts.field.CONTACT", null, DE) + ", Gefahrenmeldung a-1, Weitergabe d-1"
);
        assertThat(wording.detail("held 2026-12-01, 2 took part", DE)).isEqualTo("gehalten am 01.12.2026, 2 Teilnehmende");
        // Nothing known: shown as stored rather than guessed at.
        assertThat(wording.detail("something else entirely", DE)).isEqualTo("something else entirely");
        assertThat(wording.detail(null, DE)).isEmpty();
    }

    /** One detail of each module that now stores codes, as written and as read, in both languages. */
    @Test
    void detailsOfEachModuleReadInBothLanguages() {
        String moved = AuditDetail.of("safety.appointment-planned", "HOME_VISIT", java.time.LocalDate.of(2026, 12, 3), 2);
        assertThat(moved).isEqualTo("@safety.appointment-planned|HOME_VISIT|2026-12-03|2");
        assertThat(wording.detail(moved, DE)).isEqualTo("Hausbesuch am 03.12.2026, 2 Begleitpersonen");
        assertThat(wording.detail(moved, EN)).isEqualTo("Home visit on 3 Dec 2026, 2 attendees");
        assertThat(wording.detail(AuditDetail.of("safety.escalated", 2, "HELP", 3), DE))
                .isEqualTo("Stufe 2, Hilfe gerufen, 3 Personen benachrichtigt");
        assertThat(wording.detail(AuditDetail.of("safety.appointment-cancelled", "PLANNED", "2026-12-03"), EN))
                .isEqualTo("before it began, appointment on 3 Dec 2026, no reason given");
        assertThat(wording.detail(AuditDetail.of("referral.kind-via", "INFORMATION", "API"), DE))
                .isEqualTo("Informationen zu einer Zuweisung über " + messages.getMessage("audit.value.via.API", null, DE));
        assertThat(wording.detail(AuditDetail.of("referral.kind-via", "REFERRAL", "FORM"), EN))
                .isEqualTo("a referral via the one-time web form");
        assertThat(wording.detail(AuditDetail.of("notes.searched-more", 4, 2), EN))
                .isEqualTo("4 cases searched, more than 2 hits");
        assertThat(wording.detail(AuditDetail.of("key.rotated-new-primary", 8, 1), DE))
                .isEqualTo("neue Hauptversion; 8 Klienten-Schlüssel und 1 System-Schlüssel neu verpackt");
        assertThat(wording.detail(AuditDetail.of("key.destroyed", Instant.parse("2026-01-01T09:00:00Z"),
                Instant.parse("2026-06-01T09:00:00Z")), EN)).isEqualTo("created 1 Jan 2026, 10:00, retired 1 Jun 2026, 11:00");
        assertThat(wording.detail(AuditDetail.of("share.refused", "s-1", "EXPIRED"), DE))
                .isEqualTo("Weitergabe s-1: Link abgelaufen");
        assertThat(wording.detail(AuditDetail.of("consent.partner-refused", "p-1", "POLICE", "ONE_WAY_STREET"), DE))
                .isEqualTo("Partner p-1 (" + messages.getMessage("network.kind.POLICE", null, DE) + "): "
                        + messages.getMessage("outbound.refusal.ONE_WAY_STREET", null, DE));
        assertThat(wording.detail(AuditDetail.of("partner.kind-change", "HOUSING", "HEALTH"), EN)).isEqualTo("from "
                + messages.getMessage("network.kind.HOUSING", null, EN) + " to "
                + messages.getMessage("network.kind.HEALTH", null, EN));
        assertThat(wording.detail(AuditDetail.of("conference.minutes-sent", "c-1", 2, 1), DE))
                .isEqualTo("Fallkonferenz c-1: Protokoll an 2 versandt, für 1 abgewiesen");
        assertThat(wording.detail(AuditDetail.of("conference.minutes-sent", "c-1", 2, 1), EN))
                .isEqualTo("conference c-1: minutes sent to 2, refused for 1");
        assertThat(wording.detail(AuditDetail.of("supervision.recorded", "INTERVISION", "2026-12-01", 4), DE))
                .isEqualTo(messages.getMessage("care.kind.INTERVISION", null, DE) + " am 01.12.2026, 4 Teilnehmende");
        assertThat(wording.detail(AuditDetail.of("shield.measures", 3), EN)).isEqualTo("3 measures");
        // The English these writers stored before still reads the same.
        assertThat(wording.detail("step=2 kind=HELP alerted=3", DE)).isEqualTo("Stufe 2, Hilfe gerufen, 3 Personen benachrichtigt");
        assertThat(wording.detail("kind=INFORMATION via=API", EN))
                .isEqualTo(wording.detail(AuditDetail.of("referral.kind-via", "INFORMATION", "API"), EN));
        assertThat(wording.detail("onDuty=false on=2026-12-03", DE)).isEqualTo("nicht in Bereitschaft am 03.12.2026");
        assertThat(wording.detail("share 5f PDF", EN)).isEqualTo("share 5f as PDF");
        assertThat(wording.detail("conference c-1, sent 2, refused 1", DE))
                .isEqualTo("Fallkonferenz c-1: Protokoll an 2 versandt, für 1 abgewiesen");
        assertThat(wording.detail("alert a-1 told=true on 2026-12-01", EN)).isEqualTo("alert a-1: the client was told on 1 Dec 2026");
    }

    /**
     * Every kind a consent names, its purposes too, can be named in the outbound log (a consent's FHIR export
     * lists them all) and so in the client's report: each reads in words in both languages. The two purposes
     * once showed as codes ("CASE_CONFERENCE") on the German audit page, found when the tests ran in random order.
     */
    @Test
    void everyKindAConsentNamesReadsInWordsInBothLanguages() {
        for (org.exitwork.consent.DataKind kind : org.exitwork.consent.DataKind.values()) {
            for (Locale language : new Locale[] { EN, DE }) {
                String words = messages.getMessage("report.what." + kind.name(), null, null, language);
                assertThat(words).as(kind + " " + language).isNotBlank();
                assertThat(wording.detail(AuditDetail.of("disclosure.consent", "SHARE", "p-1", kind.name(), "c-1", "d-1"),
                        language)).as(kind + " " + language).doesNotContain(kind.name()).contains(words);
            }
        }
        assertThat(wording.detail(AuditDetail.of("disclosure.consent", "SHARE", "p-1", "ATTENDANCE,CASE_CONFERENCE", "c-1",
                "d-1"), DE)).isEqualTo("Weitergabe an Partner p-1, Daten: Teilnahme an Terminen, Teilnahme an "
                        + "Fallkonferenzen, aufgrund der Einwilligung c-1, Weitergabe d-1");
        assertThat(wording.detail(AuditDetail.of("disclosure.consent", "SERVICE_REQUEST", "p-1",
                "CURRENT_NEEDS,SERVICE_REQUEST", "c-1", "d-1"), EN)).isEqualTo("Service request to partner p-1, data: "
                        + "current needs, requests for a service, under consent c-1, disclosure d-1");
    }

    /** The outbound log: channel, partner, what went out, its ground and the refusal's reason, as codes. */
    @Test
    void theOutboundLogReadsInBothLanguages() {
        String refused = AuditDetail.of("disclosure.refused-consent", "SHARE", "p-1", "ATTENDANCE,HOUSING", "c-1",
                "ONE_WAY_STREET");
        assertThat(refused).isEqualTo("@disclosure.refused-consent|SHARE|p-1|ATTENDANCE,HOUSING|c-1|ONE_WAY_STREET");
        assertThat(wording.detail(refused, DE)).isEqualTo("Weitergabe an Partner p-1, Daten: "
                + messages.getMessage("report.what.ATTENDANCE", null, DE) + ", "
                + messages.getMessage("report.what.HOUSING", null, DE) + ", aufgrund der Einwilligung c-1: abgelehnt, "
                + messages.getMessage("outbound.refusal.ONE_WAY_STREET", null, DE));
        assertThat(wording.detail(refused, EN)).isEqualTo("Share to partner p-1, data: attendance, housing situation, "
                + "under consent c-1: refused, " + messages.getMessage("outbound.refusal.ONE_WAY_STREET", null, EN));
        assertThat(wording.detail(AuditDetail.of("disclosure.refused", "CONFERENCE_MINUTES", "p-1",
                "CONFERENCE_PARTICIPATION", "NO_VALID_CONSENT"), DE)).isEqualTo("Protokoll einer Fallkonferenz an "
                        + "Partner p-1, Daten: Teilnahme an einer Fallkonferenz: abgelehnt, keine heute gültige "
                        + "Einwilligung nennt Fallkonferenzen mit diesem Partner");
        assertThat(wording.detail(AuditDetail.of("disclosure.refused-danger", "DANGER_ALERT", "p-1", "", "a-1",
                "NO_NAMED_CONTACT"), EN)).isEqualTo("Danger alert to partner p-1, data: none, danger alert a-1: refused "
                        + "at approval, " + messages.getMessage("outbound.refusal.NO_NAMED_CONTACT", null, EN));
        assertThat(wording.detail(AuditDetail.of("disclosure.refused-client", "TO_CLIENT", "WORK_AGREEMENT",
                "NOT_IN_TANDEM"), DE)).isEqualTo("Ausfertigung für die Klientin oder den Klienten, Daten: "
                        + "Arbeitsvereinbarung: abgelehnt, nicht im Tandem des Falls");
        assertThat(wording.detail(AuditDetail.of("disclosure.subject-access", "TO_CLIENT", "EXPORT", "d-1"), EN))
                .isEqualTo("Copy for the client, data: full export, the client's own record at their request, disclosure d-1");
        assertThat(wording.detail(AuditDetail.of("disclosure.work-agreement", "TO_CLIENT", "WORK_AGREEMENT", 3, "d-1"), DE))
                .isEqualTo("Ausfertigung für die Klientin oder den Klienten, Daten: Arbeitsvereinbarung, Fassung 3 der "
                        + "Arbeitsvereinbarung, Weitergabe d-1");
        assertThat(wording.detail(AuditDetail.of("disclosure.refused-conference", "CONFERENCE_MINUTES", "p-1",
                "CONFERENCE_MINUTES", "k-1", "c-1", "INACTIVE_PARTNER"), DE)).isEqualTo("Protokoll einer Fallkonferenz an "
                        + "Partner p-1, Daten: Protokoll einer Fallkonferenz, Fallkonferenz k-1 aufgrund der Einwilligung "
                        + "c-1: abgelehnt, " + messages.getMessage("outbound.refusal.INACTIVE_PARTNER", null, DE));
        assertThat(wording.detail(AuditDetail.of("disclosure.conference", "CONFERENCE_MINUTES", "p-1",
                "CONFERENCE_MINUTES", "k-1", "c-1", "d-1"), EN)).isEqualTo("Case conference minutes to partner p-1, data: "
                        + "minutes of a case conference, case conference k-1 under consent c-1, disclosure d-1");
    }

    /** What the outbound log stored in English before reads as the codes it stores now. */
    @Test
    void theOutboundLogWrittenInEnglishBeforeReadsTheSame() {
        for (Locale language : new Locale[] { EN, DE }) {
            assertThat(wording.detail("channel=SHARE to=partner p-1 what=ATTENDANCE reason=INACTIVE_PARTNER consent=c-1",
                    language)).isEqualTo(wording.detail(AuditDetail.of("disclosure.refused-consent", "SHARE", "p-1",
                            "ATTENDANCE", "c-1", "INACTIVE_PARTNER"), language));
            assertThat(wording.detail("channel=CONFERENCE_MINUTES to=partner p-1 what=CONFERENCE_MINUTES "
                    + "reason=no-valid-consent", language)).isEqualTo(wording.detail(AuditDetail.of("disclosure.refused",
                            "CONFERENCE_MINUTES", "p-1", "CONFERENCE_MINUTES", "NO_VALID_CONSENT"), language));
            assertThat(wording.detail("channel=DANGER_ALERT to=partner p-1 what=FULL_NAME "
                    + "reason=recipient-changed alert a-1 unknown-partner", language)).isEqualTo(wording.detail(
                            AuditDetail.of("disclosure.refused-danger", "DANGER_ALERT", "p-1", "FULL_NAME", "a-1",
                                    "UNKNOWN_PARTNER"), language));
            assertThat(wording.detail("channel=DANGER_ALERT to=partner p-1 what= reason=not-a-contact-of-the-partner",
                    language)).isEqualTo(wording.detail(AuditDetail.of("disclosure.refused", "DANGER_ALERT", "p-1", "",
                            "NOT_A_CONTACT_OF_THE_PARTNER"), language));
            assertThat(wording.detail("channel=TO_CLIENT to=client what=REPORT reason=not in tandem", language))
                    .isEqualTo(wording.detail(AuditDetail.of("disclosure.refused-client", "TO_CLIENT", "REPORT",
                            "NOT_IN_TANDEM"), language));
            assertThat(wording.detail("channel=TO_CLIENT to=client what=EXPORT why=subject access disclosure=d-1", language))
                    .isEqualTo(wording.detail(AuditDetail.of("disclosure.subject-access", "TO_CLIENT", "EXPORT", "d-1"),
                            language));
            assertThat(wording.detail("channel=TO_CLIENT to=client what=WORK_AGREEMENT why=work agreement version 2 "
                    + "disclosure=d-1", language)).isEqualTo(wording.detail(AuditDetail.of("disclosure.work-agreement",
                            "TO_CLIENT", "WORK_AGREEMENT", 2, "d-1"), language));
            assertThat(wording.detail("channel=CONFERENCE_MINUTES to=partner p-1 what=CONFERENCE_MINUTES "
                    + "why=conference k-1 consent c-1 disclosure=d-1", language)).isEqualTo(wording.detail(
                            AuditDetail.of("disclosure.conference", "CONFERENCE_MINUTES", "p-1", "CONFERENCE_MINUTES",
                                    "k-1", "c-1", "d-1"), language));
        }
        assertThat(wording.detail("channel=SHARE to=partner p-1 what=ATTENDANCE reason=SECURITY_PARTNER consent=c-1", DE))
                .endsWith(": abgelehnt, eine Sicherheitsbehörde");
    }

    /** Corrections and trainings of earlier versions: the changed fields were words, a training a bare date. */
    @Test
    void correctionsAndTrainingsWrittenInEnglishBeforeReadInWords() {
        assertThat(wording.detail("changed=times,place_kind version=2 stage=PLANNED on=2026-11-30", DE))
                .isEqualTo("geändert: Zeiten, Art des Ortes; Fassung 2, vor Beginn, Termin am 30.11.2026");
        assertThat(wording.detail("changed=attendees version=3 stage=UNDERWAY on=2026-11-30", EN))
                .isEqualTo(wording.detail(AuditDetail.of("safety.appointment-corrected", "ATTENDEES", 3, "UNDERWAY",
                        "2026-11-30"), EN));
        assertThat(wording.detail("2026-11-30 changed=taken_on,title version=1", DE))
                .isEqualTo("besucht am 30.11.2026, geändert: Datum, Titel; Fassung 1");
        assertThat(wording.detail("INTERVISION 2026-11-30 changed=held_on,supervisor version=2", EN))
                .isEqualTo(wording.detail(AuditDetail.of("supervision.corrected", "INTERVISION", "2026-11-30",
                        "HELD_ON,SUPERVISOR", 2), EN));
        // A bare date means what its action says.
        assertThat(wording.detailOf(entryOf("TRAINING_RECORDED", "2026-11-30"), DE)).isEqualTo("besucht am 30.11.2026");
        assertThat(wording.detailOf(entryOf("CHECKUP_DONE", "2026-11-30"), DE)).isEqualTo("durchgeführt am 30.11.2026");
        assertThat(wording.detailOf(entryOf("CHECKUP_DUE_SET", "2026-11-30"), EN)).isEqualTo("due on 30 Nov 2026");
        assertThat(wording.detailOf(entryOf("CASE_READ", "2026-11-30"), DE)).as("anything else stays as stored")
                .isEqualTo("2026-11-30");
        assertThat(wording.detail("2026-11-30", DE)).isEqualTo("2026-11-30");
    }

    /** A master-key version is no person and no client: its subject reads in words, then as now. */
    @Test
    void subjectsThatAreNoPersonReadInBothLanguages() {
        assertThat(KeyRotationAudit.version("4711")).isEqualTo("@key.version|4711");
        assertThat(wording.subject(subject("@key.version|4711"), DE)).isEqualTo("Hauptschlüssel-Version 4711");
        assertThat(wording.subject(subject("@key.version|4711"), EN)).isEqualTo("master key version 4711");
        assertThat(wording.subject(subject("master key version 4711"), DE)).isEqualTo("Hauptschlüssel-Version 4711");
        // Pseudonyms and user names are shown as they are.
        assertThat(wording.subject(subject("Blue Heron 42"), DE)).isEqualTo("Blue Heron 42");
        assertThat(wording.subject(subject("mara.k"), DE)).isEqualTo("mara.k");
        assertThat(wording.subject(subject(null), DE)).isNull();
    }

    @Test
    void everyCodeOfEarlierDetailsHasWordsInBothLanguages() {
        for (var earlier : MessageAuditWording.EARLIER) {
            for (Locale language : new Locale[] { EN, DE }) {
                assertThat(messages.getMessage("audit.detail." + earlier.code(), null, null, language))
                        .as(earlier.code() + " in " + language).isNotNull();
            }
        }
    }

    @Test
    void partsOfExitworkThatActAreNamedAndPeopleKeepTheirNames() {
        UUID someone = UUID.randomUUID();
        assertThat(wording.actor(entry(null, "share link"), DE)).isEqualTo("Link zur Weitergabe (Abruf durch den Partner)");
        assertThat(wording.actor(entry(null, "share link"), EN)).isEqualTo("share link (the partner fetching a share)");
        assertThat(wording.actor(entry(null, "exitwork (retention period)"), DE)).isEqualTo("Exitwork (Aufbewahrungsfrist)");
        assertThat(wording.actor(entry(someone, "partner deactivated"), DE)).isEqualTo("Deaktivierung des Partners");
        // A person may be called "system": their name stays.
        assertThat(wording.actor(entry(someone, "system"), DE)).isEqualTo("system");
        assertThat(wording.actor(entry(someone, "mara.k"), DE)).isEqualTo("mara.k");
        for (String key : MessageAuditWording.ACTORS.values()) {
            assertThat(messages.getMessage("audit.actor." + key, null, null, DE)).as(key).isNotNull();
            assertThat(messages.getMessage("audit.actor." + key, null, null, EN)).as(key).isNotNull();
        }
    }

    private static AuditEntry entryOf(String action, String detail) {
        return new AuditEntry(1, Instant.EPOCH, UUID.randomUUID(), null, "mara.k", action, "mara.k", detail);
    }

    private static AuditEntry subject(String subject) {
        return new AuditEntry(1, Instant.EPOCH, null, null, "key rotation", "MASTER_KEY_DESTROYED", subject, null);
    }

    private static AuditEntry entry(UUID actorId, String actorName) {
        return new AuditEntry(1, Instant.EPOCH, UUID.randomUUID(), actorId, actorName, "SIGN_IN", null, null);
    }

    /** Every action constant: the String constants of every {@code *Actions} class, and the few held elsewhere. */
    static Map<String, String> allActions() throws IOException, ReflectiveOperationException {
        Map<String, String> found = new TreeMap<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("org/exitwork"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("Actions.class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> holder = Class.forName(name);
                for (Field f : holder.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                        f.setAccessible(true);
                        String value = (String) f.get(null);
                        if (ACTION.matcher(value).matches()) {
                            found.put(value, holder.getSimpleName() + "." + f.getName());
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, String> h : OTHER_HOLDERS.entrySet()) {
            Class<?> holder = Class.forName(h.getKey());
            for (String constant : h.getValue().split(",")) {
                Field f = holder.getDeclaredField(constant);
                f.setAccessible(true);
                found.put((String) f.get(null), holder.getSimpleName() + "." + constant);
            }
        }
        // An action written as a literal straight into an event would escape the scan above.
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            Pattern literal = Pattern.compile("new AuditEvent\\([^;]*?\"([A-Z]{2,}(?:_[A-Z]+)+)\"");
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(p));
                while (m.find()) {
                    found.put(m.group(1), p.getFileName().toString());
                }
            }
        }
        return found;
    }
}
