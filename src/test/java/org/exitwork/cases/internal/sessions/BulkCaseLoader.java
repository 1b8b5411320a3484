package org.exitwork.cases.internal.sessions;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.exitwork.cases.CaseWork;
import org.exitwork.cases.CaseWorkForBenchmarks.Load;
import org.exitwork.cases.CaseWorkForBenchmarks.Loaded;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.internal.identity.PseudonymGenerator;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk loader behind {@code CaseWorkForBenchmarks.load}: the rows of the intake, take-on, programme
 * choice and session services, with their values, written in JDBC batches. Each statement below names
 * the service and repository method whose row it writes; a column a service leaves to its default is left
 * to it here too. {@code LoadedRowsTest} compares a loaded client's rows with those of a client taken on
 * through the services, column by column.
 */
final class BulkCaseLoader {

    /** Clients per transaction (and per JDBC batch flush). */
    private static final int CHUNK = 250;

    private static final String NOTE = "We met as agreed. The client talked about the week, about work at the "
            + "warehouse and about an old friend from the group who called again; he did not answer. We went "
            + "through what helped last time when the anger came up, and what he could do instead of going "
            + "to the meeting on Saturday. He mentioned his sister, who wants to see him more often, and that "
            + "he is unsure whether to tell her about the past. We agreed to talk about that next time. He "
            + "asked about the evening course again; the practitioner will find out the dates. Mood: calmer "
            + "than last week, tired, some worries about money. No signs of danger to himself or others. "
            + "Session number ";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ClientKeys keys;
    private final CaseWork caseWork;
    private final PseudonymGenerator pseudonyms;

    private final CaseTallies tallies;

    BulkCaseLoader(JdbcTemplate jdbc, TransactionTemplate tx, ClientKeys keys, CaseWork caseWork,
            PseudonymGenerator pseudonyms, CaseTallies tallies) {
        this.tallies = tallies;
        this.jdbc = jdbc;
        this.tx = tx;
        this.keys = keys;
        this.caseWork = caseWork;
        this.pseudonyms = pseudonyms;
    }

    /** The batches of one chunk of clients, table by table, in the order the foreign keys need. */
    private static final class Rows {
        final Map<String, List<Object[]>> byStatement = new LinkedHashMap<>();

        Object[] add(String sql, Object... values) {
            byStatement.computeIfAbsent(sql, k -> new ArrayList<>()).add(values);
            return values;
        }
    }

    // IntakeRepository.insertProspect, then becomeClient (stage, became_client_on, language, reason) and
    // CaseProgrammeService.choose (programme_id), as one row; with the day of the first session not cancelled,
    // as SessionCounts keeps it while the sessions are recorded and cancelled; with the two practitioners
    // below as AccessRepository keeps tandem_size.
    private static final String CLIENT = "INSERT INTO cas_client (id, org_id, pseudonym, stage, created_at, created_by,"
            + " pathway, context_case, became_client_on, language, single_practitioner_reason, programme_id,"
            + " first_session_on, tandem_size) VALUES (?, ?, ?, 'CLIENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)";
    // AccessRepository.insertTandemMember (openProspect: position 1; takeOn: the second, position 2).
    private static final String TANDEM = "INSERT INTO cas_tandem_member (client_id, staff_id, position) VALUES (?, ?, ?)";
    // IntakeRepository.replaceAreas.
    private static final String AREA = "INSERT INTO cas_phenomenon (client_id, area) VALUES (?, ?)";
    // IntakeRepository.insertDiscussion.
    private static final String DISCUSSION = "INSERT INTO cas_safety_discussion (id, client_id, held_on, risks,"
            + " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String PARTICIPANT = "INSERT INTO cas_safety_discussion_participant (discussion_id, staff_id)"
            + " VALUES (?, ?)";
    // IdentityRepository.insertIdentity (TakeOn).
    private static final String IDENTITY = "INSERT INTO cas_identity (client_id, full_name, date_of_birth, contact,"
            + " aliases) VALUES (?, ?, ?, ?, ?)";
    // IntakeRepository.insertConsent (TakeOn).
    private static final String CONSENT = "INSERT INTO cas_participation_consent (client_id, given_on, informed_how,"
            + " text_id, language, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    // SessionNoteRepository.insert (SessionService.record), with what marking next steps done
    // (next_steps_done_on) and cancelling (cancelled_by, cancelled_at, cancel_reason) set later.
    private static final String SESSION = "INSERT INTO cas_session_note (id, client_id, session_date, written_by,"
            + " written_at, duration_minutes, setting, place_kind, client_present, body, next_steps, next_steps_due,"
            + " next_steps_done_on, row_version, cancelled_by, cancelled_at, cancel_reason)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)";
    // SessionNoteRepository.insertThemes and insertStaff.
    private static final String THEME = "INSERT INTO cas_session_theme (session_id, theme) VALUES (?, ?)";
    private static final String STAFF = "INSERT INTO cas_session_staff (session_id, staff_id) VALUES (?, ?)";
    // SessionCounts: per case and month the sessions held and cancelled, as recording and cancelling leave them.
    private static final String MONTH = "INSERT INTO cas_month_count (client_id, month_start, held, cancelled)"
            + " VALUES (?, ?, ?, ?)";

    Loaded load(Load load) {
        UUID org = load.practitioner().organisationId();
        UUID textId = caseWork.currentInformationText(org, "en");
        Set<String> taken = new HashSet<>(jdbc.queryForList("SELECT pseudonym FROM cas_client WHERE org_id = ?",
                String.class, org));
        Random random = new Random(load.seed());
        List<UUID> ids = new ArrayList<>(load.clients());
        long[] counts = new long[3];
        for (int chunkStart = 0; chunkStart < load.clients(); chunkStart += CHUNK) {
            int start = chunkStart;
            int end = Math.min(load.clients(), start + CHUNK);
            tx.executeWithoutResult(status -> {
                Rows rows = new Rows();
                List<UUID> chunk = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    UUID id = uuid(random);
                    chunk.add(id);
                    client(load, org, textId, id, i, random, taken, rows, counts);
                }
                // The key before anything sealed with it is stored: ClientKeys.createKey, as openProspect does.
                flush(rows, CLIENT);
                rows.byStatement.keySet().stream().filter(sql -> !sql.equals(CLIENT)).toList()
                        .forEach(sql -> flush(rows, sql));
                ids.addAll(chunk);
            });
        }
        // Written in bulk, not through the services: the figures kept per programme counted from the rows.
        if (load.recount()) {
            recount(org);
        }
        return new Loaded(List.copyOf(ids), counts[0], counts[1], counts[2]);
    }

    void recount(UUID org) {
        tx.executeWithoutResult(status -> tallies.recount(org));
    }

    private void flush(Rows rows, String sql) {
        List<Object[]> batch = rows.byStatement.get(sql);
        if (batch != null && !batch.isEmpty()) {
            for (int from = 0; from < batch.size(); from += 1000) {
                jdbc.batchUpdate(sql, batch.subList(from, Math.min(batch.size(), from + 1000)));
            }
        }
    }

    private void client(Load load, UUID org, UUID textId, UUID id, int n, Random random, Set<String> taken,
            Rows rows, long[] counts) {
        LocalDate today = load.today();
        UUID practitioner = load.practitioner().id();
        UUID colleague = load.colleague().id();
        UUID manager = load.manager().id();
        String pseudonym = pseudonyms.next();
        while (!taken.add(pseudonym)) {
            pseudonym = pseudonyms.next();
        }
        int span = Math.max(1, load.firstContactToDays() - load.firstContactFromDays());
        LocalDate firstContact = today.minusDays(load.firstContactFromDays() + random.nextInt(span));
        LocalDate consentOn = min(firstContact.plusDays(random.nextInt(31)), today.minusDays(1));
        LocalDate heldOn = firstContact.plusDays(ChronoUnit.DAYS.between(firstContact, consentOn) / 2);
        Pathway[] pathways = Pathway.values();
        PhenomenonArea[] areas = PhenomenonArea.values();
        Set<PhenomenonArea> chosen = EnumSet.of(areas[random.nextInt(areas.length)]);
        if (random.nextInt(5) == 0) {
            chosen.add(areas[random.nextInt(areas.length)]);
        }

        keys.createKey(id, org);
        FieldCipher cipher = keys.cipherFor(id);
        Object[] clientRow = rows.add(CLIENT, id, org, pseudonym, at(firstContact, 10), practitioner,
                pathways[random.nextInt(pathways.length)].name(), false, Date.valueOf(consentOn), "en",
                cipher.row("cas_client", id).seal("single_practitioner_reason", null), load.programmeId(), null);
        rows.add(TANDEM, id, practitioner, 1);
        rows.add(TANDEM, id, colleague, 2);
        chosen.forEach(area -> rows.add(AREA, id, area.name()));
        UUID discussion = uuid(random);
        rows.add(DISCUSSION, discussion, id, Date.valueOf(heldOn),
                cipher.row("cas_safety_discussion", discussion).seal("risks", "Risks to staff considered"), manager,
                at(heldOn, 14));
        rows.add(PARTICIPANT, discussion, manager);
        rows.add(PARTICIPANT, discussion, practitioner);
        FieldCipher.RowCipher identity = cipher.row("cas_identity", id);
        rows.add(IDENTITY, id, identity.seal("full_name", "Bench Person " + n),
                identity.seal("date_of_birth", LocalDate.of(1980 + random.nextInt(25), 1 + random.nextInt(12),
                        1 + random.nextInt(28)).toString()),
                identity.seal("contact", "0170 " + (1000000 + random.nextInt(8999999))),
                identity.seal("aliases", "alias " + n));
        rows.add(CONSENT, id, Date.valueOf(consentOn), InformedHow.TALK_AND_TEXT_HANDED_OVER.name(), textId, "en",
                practitioner, at(consentOn, 15));

        LocalDate first = min(consentOn.plusDays(random.nextInt(15)), today);
        long days = ChronoUnit.DAYS.between(first, today);
        Setting[] settings = Setting.values();
        PlaceKind[] places = PlaceKind.values();
        Theme[] themes = Theme.values();
        Map<LocalDate, int[]> months = new TreeMap<>();
        for (int s = 0; s < load.sessionsPerClient(); s++) {
            UUID session = uuid(random);
            LocalDate date = first.plusDays(days * s / load.sessionsPerClient());
            Setting setting = settings[random.nextInt(settings.length)];
            UUID writer = s % 2 == 0 ? practitioner : colleague;
            FieldCipher.RowCipher row = cipher.row("cas_session_note", session);
            boolean withSteps = load.nextStepsEvery() > 0 && s % load.nextStepsEvery() == 0;
            LocalDate due = withSteps ? date.plusDays(14) : null;
            boolean staysOpen = withSteps && (s / load.nextStepsEvery()) % 10 == 0;
            LocalDate doneOn = withSteps && !staysOpen && due.isBefore(today) ? date.plusDays(7) : null;
            boolean cancelled = load.cancelledEvery() > 0 && s % load.cancelledEvery() == load.cancelledEvery() - 1;
            rows.add(SESSION, session, id, Date.valueOf(date), writer, at(date, 18), 30 + 15 * random.nextInt(7),
                    setting.name(), places[random.nextInt(places.length)].name(), setting.withClient(),
                    row.seal("body", NOTE + (s + 1) + "."),
                    row.seal("next_steps", withSteps ? "Find out the dates of the evening course." : null),
                    due == null ? null : Date.valueOf(due), doneOn == null ? null : Date.valueOf(doneOn),
                    cancelled ? writer : null, cancelled ? at(date.plusDays(1), 9) : null,
                    row.seal("cancel_reason", cancelled ? "Recorded for the wrong day." : null));
            rows.add(THEME, session, themes[random.nextInt(themes.length)].name());
            rows.add(STAFF, session, writer);
            if (setting.withBothOfTheTandem()) {
                rows.add(STAFF, session, writer.equals(practitioner) ? colleague : practitioner);
            }
            months.computeIfAbsent(SessionCounts.monthOf(date), m -> new int[2])[cancelled ? 1 : 0]++;
            if (!cancelled && clientRow[clientRow.length - 1] == null) {
                clientRow[clientRow.length - 1] = Date.valueOf(date);
            }
            counts[0]++;
            if (cancelled) {
                counts[1]++;
            } else if (due != null && doneOn == null && due.isBefore(today)) {
                counts[2]++;
            }
        }
        months.forEach((month, held) -> rows.add(MONTH, id, Date.valueOf(month), held[0], held[1]));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static Timestamp at(LocalDate day, int hour) {
        Instant instant = day.atTime(LocalTime.of(hour, 0)).atZone(SessionService.ZONE).toInstant();
        return Timestamp.from(instant);
    }

    /** A random (version 4) UUID from the load's seed. */
    private static UUID uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
