package org.exitwork.continuity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import org.exitwork.ExitworkApplication;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditCheckpoints;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditVerifier;
import org.exitwork.audit.ChainVerification;
import org.exitwork.cases.Erasure;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.ErasureJournal;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.keys.UnreadableException;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.ReferralMatcher;
import org.exitwork.testing.DatabaseScan;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.GroupFixtures;
import org.exitwork.testing.MutableClock;
import org.exitwork.testing.StaffRequests;
import org.exitwork.testing.TestDatabase;
import org.exitwork.testing.TestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Backup and restore (R20), tried the way an operator and an attacker with a backup would: a restore
 * within the erasure horizon keeps every erasure made after the backup; a backup whose keys the
 * master key no longer opens, or a database that is not empty, is refused and nothing changes; a
 * backup holds no key material; a round trip gives back every row.
 *
 * <p>The source is this test's context; each restore goes into a second application context with a
 * fresh database and a data directory holding copies of the source's master key, audit keys, erasure
 * journal and audit checkpoint file, the way an operator restores on a new machine (README "Backups").
 */
@DatabaseTest
@AutoConfigureMockMvc
// A database of its own: the round trip compares every row, which other classes sharing a context would
// change while it runs.
@org.springframework.test.context.TestPropertySource(properties = "exitwork.test.context=backup-restore")
// That application and database are this class's alone: it runs beside the Spring tests, in the lane
// of the classes with processes of their own (junit-platform.properties).
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.parallel.ResourceLock(org.exitwork.testing.Lanes.OWN_APPLICATION)
class BackupRestoreTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Backups backups;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inbox inbox;

    @Autowired
    ReferralMatcher matcher;

    @Autowired
    ErasureJournal journal;

    @Autowired
    org.exitwork.cases.internal.retention.ErasurePurge purge;

    @Autowired
    ClientKeys clientKeys;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Erasure erasure;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditCheckpoints checkpoints;

    @Value("${exitwork.data-dir}")
    Path dataDir;

    @Value("${exitwork.master-key-file}")
    Path masterKeyFile;

    StaffRequests web;
    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    StaffPrincipal manager;

    @BeforeEach
    void organisation() {
        web = new StaffRequests(mvc);
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        manager = fixtures.manager(org.id());
        matcher.matchNow();
        checkpoints.checkpoint();
    }

    @Test
    void aRestoreWithinTheHorizonKeepsEveryLaterErasure() throws Exception {
        RegisteredClient keep = fixtures.client(a, b, "Keepme Intactson");
        fixtures.note(a, keep.id(), "Keepnote stays readable");
        RegisteredClient gone = fixtures.client(a, b, "Erasmus Goneaway");
        fixtures.note(a, gone.id(), "Gonenote must not come back");
        UUID referral = referral("Reffy Declinedname", "Refconcern must not come back");
        byte[] keepNote = note(keep.id());
        byte[] goneNote = note(gone.id());
        UUID keepNoteId = noteId(keep.id());
        UUID goneNoteId = noteId(gone.id());

        Path file = newBackupDir().resolve("before-the-erasures.zip");
        Backups.Written written = backups.backup(file);
        assertThat(written.rows()).isPositive();

        // After the backup: the client asks to be erased, the referral is declined.
        assertThat(web.status(post("/cases/{id}/ending/clients-choice", gone.id())
                .param("endedOn", LocalDate.now().toString()).param("eraseNow", "true"), a)).isEqualTo(302);
        assertThat(web.status(post("/referrals/{id}/decline", referral), manager)).isEqualTo(302);
        assertThat(journal.read().erasedSince(written.takenAt())).contains(gone.id(), referral);

        try (ConfigurableApplicationContext restored = restoreTarget(copyOfKeyMaterial())) {
            Backups.Restored result = restored.getBean(Backups.class).restore(file);
            assertThat(result.erasuresReapplied()).as("the client and the referral").isEqualTo(2);
            DataSource target = restored.getBean(DataSource.class);

            // Nothing of theirs is anywhere: no row with their id; the client's pseudonym and the referral's
            // id (the subject of its audit entries) only in the audit chain.
            assertThat(DatabaseScan.find(target, List.of(gone.id().toString(), goneNoteId.toString()))).isEmpty();
            assertThat(DatabaseScan.find(target, List.of(gone.pseudonym(), referral.toString())))
                    .isNotEmpty().allSatisfy(hit -> assertThat(hit).startsWith("aud_entry."));
            // Their ciphertexts from the backup open with nothing: the key is gone.
            ClientKeys targetKeys = restored.getBean(ClientKeys.class);
            assertThatThrownBy(() -> targetKeys.cipherFor(gone.id()).decrypt(
                    FieldRef.of("cas_session_note", goneNoteId, "body"), goneNote))
                    .isInstanceOf(UnreadableException.class);
            assertThatThrownBy(() -> targetKeys.cipherFor(referral)).isInstanceOf(UnreadableException.class);
            // The other client is back whole and readable.
            assertThat(targetKeys.cipherFor(keep.id()).decrypt(FieldRef.of("cas_session_note", keepNoteId, "body"),
                    keepNote)).isEqualTo("Keepnote stays readable");
            // Nor are they counted: the manager's overview counts one client.
            MockMvc targetWeb = MockMvcBuilders.webAppContextSetup((WebApplicationContext) restored)
                    .apply(springSecurity()).build();
            String overview = new StaffRequests(targetWeb).page("/manage/overview", manager);
            assertThat(overview.replaceAll("\\s+", " "))
                    .contains("<span class=\"number\">1</span> <span>clients</span>");
            assertThat(new StaffRequests(targetWeb).page("/cases/" + keep.id() + "/sessions", a))
                    .contains("Keepnote stays readable");
            // The erasure was audited again, and the chain holds.
            List<AuditEntry> about = restored.getBean(AuditLog.class).about(org.id(), gone.pseudonym());
            assertThat(about.get(about.size() - 1).action()).isEqualTo("CLIENT_ERASED");
            assertThat(about.get(about.size() - 1).detail()).isEqualTo("@erasure.again-after-restore");
            assertThat(restored.getBean(AuditVerifier.class).verify().intact()).isTrue();
        }
    }

    /**
     * Groups and appointments have retention periods of their own (R20). One of each expires after the
     * backup and is erased by the retention run; restored, it is erased again: no row of it, nothing
     * of it that opens, while the group and the appointment that had not expired come back whole.
     */
    @Test
    void aRestoreKeepsTheGroupsAndAppointmentsThatRetentionErasedAfterTheBackupErased() throws Exception {
        clock.reset();
        try {
            assertThat(web.status(post("/manage/retention").param("prospectDays", "90").param("closedDays", "365")
                    .param("groupDays", "30").param("appointmentDays", "10"), manager)).isEqualTo(302);
            StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
            UUID goneGroup = GroupFixtures.group(mvc, a, "Groupmarker Replayed", "Institutionmarker Replayed",
                    colleague);
            GroupFixtures.Participant present = GroupFixtures.participant(mvc, a, goneGroup);
            GroupFixtures.Participant absent = GroupFixtures.participant(mvc, a, goneGroup);
            groupSession(goneGroup, "Sessionmarker must not come back", present.id());
            UUID goneSession = jdbc.sql("SELECT id FROM cas_group_session WHERE group_id = ?").param(goneGroup)
                    .query(UUID.class).single();
            byte[] goneGroupName = jdbc.sql("SELECT name FROM cas_group WHERE id = ?").param(goneGroup)
                    .query(byte[].class).single();
            UUID goneAppointment = appointment("Placemarker Lindenstrasse 9", colleague);
            assertThat(web.status(post("/safety/appointments/{id}/left", goneAppointment), a)).isEqualTo(302);

            clock.advance(Duration.ofDays(25));
            UUID keptGroup = GroupFixtures.group(mvc, a, "Groupkeeper Replayed", "Institutionkeeper Replayed");
            groupSession(keptGroup, "Sessionkeeper comes back");
            UUID keptAppointment = appointment("Placekeeper Ahornweg 2", colleague);

            Path file = newBackupDir().resolve("before-retention.zip");
            Backups.Written written = backups.backup(file);

            // After the backup the periods pass for the first group (30 days) and appointment (10 days) only.
            clock.advance(Duration.ofDays(6));
            Map<String, Integer> run = new LinkedHashMap<>();
            erasure.eraseEverythingExpired().forEach(e -> run.merge(e.what(), e.count(), Integer::sum));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM cas_group WHERE id IN (?, ?)").params(goneGroup, keptGroup)
                    .query(Long.class).single()).isOne();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM saf_appointment WHERE id IN (?, ?)")
                    .params(goneAppointment, keptAppointment).query(Long.class).single()).isOne();
            assertThat(journal.read().erasedSince(written.takenAt())).contains(goneGroup, goneAppointment)
                    .doesNotContain(keptGroup, keptAppointment);

            try (ConfigurableApplicationContext restored = restoreTarget(copyOfKeyMaterial())) {
                Backups.Restored result = restored.getBean(Backups.class).restore(file);
                // Everything that run erased was in the backup (other tests' records included), and each
                // is erased again.
                assertThat(result.erasuresReapplied())
                        .isEqualTo(run.values().stream().mapToInt(Integer::intValue).sum());
                DataSource target = restored.getBean(DataSource.class);
                JdbcClient targetJdbc = JdbcClient.create(target);

                // No row of the group (leaders, participants, sessions, themes, attendance) or of the
                // appointment (attendees) is back. (The leader's HTTP sessions, restored with the rest,
                // hold page state such as flash messages only until the idle timeout, as in the source.)
                assertThat(atRest(target, List.of(goneGroup.toString(), goneSession.toString(),
                        present.id().toString(), absent.id().toString(), goneAppointment.toString(),
                        present.pseudonym(), absent.pseudonym()))).isEmpty();
                // Nothing of theirs opens: the group's key is gone, and no place in the database is the
                // erased appointment's.
                ClientKeys targetKeys = restored.getBean(ClientKeys.class);
                assertThatThrownBy(() -> targetKeys.cipherFor(goneGroup)).isInstanceOf(UnreadableException.class);
                assertThatThrownBy(() -> targetKeys.cipherFor(goneGroup)
                        .decrypt(FieldRef.of("cas_group", goneGroup, "name"), goneGroupName))
                        .isInstanceOf(UnreadableException.class);
                SystemSecrets targetSecrets = restored.getBean(SystemSecrets.class);
                Map<UUID, String> places = new LinkedHashMap<>();
                targetJdbc.sql("SELECT id, place FROM saf_appointment WHERE place IS NOT NULL")
                        .query((rs, n) -> places.put(rs.getObject("id", UUID.class), targetSecrets.cipher()
                                .decrypt(FieldRef.of("saf_appointment", rs.getObject("id", UUID.class), "place"),
                                        rs.getBytes("place"))))
                        .list();
                assertThat(places).containsEntry(keptAppointment, "Placekeeper Ahornweg 2")
                        .doesNotContainKey(goneAppointment).doesNotContainValue("Placemarker Lindenstrasse 9");

                // What had not expired is back whole and readable.
                MockMvc targetWeb = MockMvcBuilders.webAppContextSetup((WebApplicationContext) restored)
                        .apply(springSecurity()).build();
                assertThat(new StaffRequests(targetWeb).page("/groups/" + keptGroup, a))
                        .contains("Groupkeeper Replayed", "Institutionkeeper Replayed", "Sessionkeeper comes back");
                assertThat(targetJdbc.sql("SELECT COUNT(*) FROM saf_appointment_attendee WHERE appointment_id = ?")
                        .param(keptAppointment).query(Long.class).single()).isOne();

                // Both erasures were audited again (the retention run's entries came after the backup),
                // and the chain holds.
                List<AuditEntry> audited = restored.getBean(AuditLog.class).recent(org.id(), 500);
                assertThat(audited.stream().filter(e -> e.action().equals("GROUP_ERASED")).toList())
                        .extracting(AuditEntry::subject, AuditEntry::actorName, AuditEntry::detail)
                        .containsExactly(tuple(groupSubject(goneGroup), "exitwork (restore)", "@erasure.again-after-restore"));
                assertThat(audited.stream().filter(e -> e.action().equals("SAFETY_APPOINTMENT_ERASED")).toList())
                        .extracting(AuditEntry::subject, AuditEntry::actorName, AuditEntry::detail)
                        .containsExactly(tuple(a.username(), "exitwork (restore)", "@erasure.again-after-restore"));
                assertThat(restored.getBean(AuditVerifier.class).verify().intact()).isTrue();
            }
        } finally {
            clock.reset();
        }
    }

    @Test
    void aRoundTripGivesBackEveryRowAndRefusesWhatItMustNot() throws Exception {
        RegisteredClient client = fixtures.client(a, b, "Roundtrip Person");
        fixtures.note(a, client.id(), "Roundtrip note");
        referral("Roundtrip Referred", "Roundtrip concern");
        // A sign-in with a name nobody has: an entry of the installation's own chain, whose head the restore
        // must then write as the backup holds it (a freshly migrated database has none to give way).
        assertThat(mvc.perform(post("/sign-in").with(csrf()).param("username", "nobody-" + java.util.UUID.randomUUID())
                .param("password", "not a password of anyone")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/sign-in?failed");
        assertThat(jdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = 'installation'").query(Long.class).single())
                .isPositive();
        // Rows an earlier test's erasure left for the background purge: the restore finishes that purge, so after
        // it they are gone by design. Purged here first, the round trip compares like with like whatever ran before
        // (in another method order it did not).
        purge.drain();
        Path file = newBackupDir().resolve("round-trip.zip");
        backups.backup(file);
        Map<String, List<String>> source = contents(dataSource);

        Path copy = copyOfKeyMaterial();
        // As if the master key versions of the backup's time had been destroyed: a keyset of its own.
        AeadConfig.register();
        Path copiedKey = copy.resolve("master-key.json");
        Files.writeString(copiedKey, TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(KeyTemplates.get("AES256_GCM")), InsecureSecretKeyAccess.get()));
        try (ConfigurableApplicationContext restored = restoreTarget(copy)) {
            DataSource target = restored.getBean(DataSource.class);
            Backups targetBackups = restored.getBean(Backups.class);
            Map<String, List<String>> fresh = contents(target);

            assertThatThrownBy(() -> targetBackups.restore(file)).isInstanceOf(Backups.Refused.class)
                    .hasMessageContaining("older than the erasure horizon: its keys were destroyed by design, "
                            + "so it cannot be restored")
                    .hasMessageContaining("Nothing was changed.");
            assertThat(contents(target)).isEqualTo(fresh);

            // The installation's own master key back in place: the backup opens.
            Files.copy(masterKeyFile, copiedKey, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(copiedKey, FileTime.from(Instant.now().plusSeconds(5)));
            Backups.Restored result = targetBackups.restore(file);
            assertThat(result.erasuresReapplied()).isZero();
            // Every row, and one more: the database's record of the signed restore record.
            Map<String, List<String>> after = contents(target);
            List<String> checkpointRows = new ArrayList<>(after.get(checkpointTable(after)));
            assertThat(checkpointRows.removeIf(row -> row.matches("(?i)checkpoint_no=" + result.restoreRecord() + ";.*")))
                    .isTrue();
            // The restored application keeps writing checkpoints of its own on its schedule: those numbered after
            // the backup's last are its, not the backup's.
            long lastBackedUp = source.get(checkpointTable(source)).stream().mapToLong(BackupRestoreTest::checkpointNo)
                    .max().orElse(0);
            checkpointRows.removeIf(row -> checkpointNo(row) > lastBackedUp);
            after.put(checkpointTable(after), checkpointRows);
            assertThat(after).isEqualTo(source);
            assertThat(restored.getBean(AuditVerifier.class).verify().intact()).isTrue();

            // Once restored, the database is not empty: a second restore is refused and changes nothing.
            Map<String, List<String>> restoredContents = contents(target);
            assertThatThrownBy(() -> targetBackups.restore(file)).isInstanceOf(Backups.Refused.class)
                    .hasMessageContaining("This database is not empty").hasMessageContaining("acc_organisation");
            assertThat(contents(target)).isEqualTo(restoredContents);
        }
        // Nor into the source itself.
        assertThatThrownBy(() -> backups.restore(file)).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("This database is not empty");
        Map<String, List<String>> untouched = contents(dataSource);
        // Checkpoints keep being written on their schedule; the refused restore wrote none of its own.
        long lastBefore = source.get(checkpointTable(source)).stream().mapToLong(BackupRestoreTest::checkpointNo)
                .max().orElse(0);
        List<String> checkpoints = new ArrayList<>(untouched.get(checkpointTable(untouched)));
        checkpoints.removeIf(row -> checkpointNo(row) > lastBefore);
        untouched.put(checkpointTable(untouched), checkpoints);
        assertThat(untouched).isEqualTo(source);
    }

    @Test
    void aBackupHoldsNoKeyMaterialIsPrivateAndStaysApartFromTheKeys() throws Exception {
        RegisteredClient client = fixtures.client(a, b, "Keyscan Person");
        fixtures.note(a, client.id(), "Keyscan note");
        Path file = newBackupDir().resolve("scan.zip");
        backups.backup(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<byte[]> secrets = masterKeyBytes();
        assertThat(secrets).isNotEmpty();
        List<byte[]> haystacks = new ArrayList<>();
        haystacks.add(Files.readAllBytes(file));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                assertThat(entry.getName()).matches("manifest\\.json|tables/[a-z_0-9]+\\.jsonl");
                try (InputStream in = zip.getInputStream(entry)) {
                    haystacks.add(in.readAllBytes());
                }
            }
        }
        for (byte[] secret : secrets) {
            for (String form : List.of(Base64.getEncoder().encodeToString(secret), HexFormat.of().formatHex(secret))) {
                for (byte[] haystack : haystacks) {
                    assertThat(DatabaseScan.indexOf(haystack, form.getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
                }
            }
            for (byte[] haystack : haystacks) {
                assertThat(DatabaseScan.indexOf(haystack, secret)).isEqualTo(-1);
            }
        }

        // Not next to the keys, and never over an existing file.
        Path inside = dataDir.resolve("backup.zip");
        assertThatThrownBy(() -> backups.backup(inside)).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("Refusing to write the backup into");
        assertThat(inside).doesNotExist();
        assertThatThrownBy(() -> backups.backup(file)).isInstanceOf(Backups.Refused.class)
                .hasMessageContaining("already exists");
    }

    /**
     * The HTTP sessions are live sign-ins: a session id read from a backup, sent back as the session cookie,
     * opened the case pages of the practitioner it belonged to (README "Where the data and the master key
     * live": "a database backup without the master key is unreadable ciphertext"). A backup leaves them out.
     */
    @Test
    void aBackupHoldsNoHttpSessionForItsIdWouldSignItsReaderIn() throws Exception {
        String primaryId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        jdbc.sql("INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,"
                + " max_inactive_interval, expiry_time, principal_name) VALUES (?, ?, ?, ?, 1200, ?, ?)")
                .params(primaryId, sessionId, now, now, now + 1_200_000, "backup-session-holder").update();
        jdbc.sql("INSERT INTO spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)"
                + " VALUES (?, 'SPRING_SECURITY_CONTEXT', ?)")
                .params(primaryId, "backup-session-context".getBytes(StandardCharsets.UTF_8)).update();
        try {
            Path file = newBackupDir().resolve("sessions.zip");
            backups.backup(file);

            List<String> names = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    names.add(entry.getName());
                    try (InputStream in = zip.getInputStream(entry)) {
                        contents.add(in.readAllBytes());
                    }
                }
            }
            assertThat(names).contains("manifest.json", "tables/acc_staff.jsonl")
                    .doesNotContain("tables/spring_session.jsonl", "tables/spring_session_attributes.jsonl");
            for (byte[] content : contents) {
                for (String secret : List.of(sessionId, "backup-session-holder",
                        Base64.getEncoder().encodeToString("backup-session-context".getBytes(StandardCharsets.UTF_8)))) {
                    assertThat(DatabaseScan.indexOf(content, secret.getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
                }
            }
        } finally {
            jdbc.sql("DELETE FROM spring_session WHERE primary_id = ?").param(primaryId).update();
        }
    }

    @Test
    void anErasureThatRollsBackIsNotReapplied() {
        UUID committed = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> clientKeys.shred(committed));
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            clientKeys.shred(rolledBack);
            throw new IllegalStateException("the erasure fails after the key went");
        })).isInstanceOf(IllegalStateException.class);
        List<UUID> erased = journal.read().erasedSince(Instant.EPOCH);
        assertThat(erased).contains(committed).doesNotContain(rolledBack);
    }

    /**
     * The audit key and the checkpoint file are not in the backup. Restored without the installation's
     * own key, the audit log could never be verified again; without its checkpoint file, a cut log
     * could not be told from a restored one. Either way the restore refuses, names the file, and
     * changes nothing: no row, no line in the checkpoint file.
     */
    @Test
    void aRestoreWithoutTheInstallationsAuditKeyOrCheckpointFileIsRefusedAndChangesNothing() throws Exception {
        fixtures.note(a, fixtures.client(a, b, "Auditkey Person").id(), "Auditkey note");
        Path file = newBackupDir().resolve("audit-key.zip");
        backups.backup(file);

        Path withoutKey = copyOfKeyMaterial();
        Files.delete(withoutKey.resolve("audit-keys.json")); // the new installation makes a key of its own
        try (ConfigurableApplicationContext restored = restoreTarget(withoutKey)) {
            DataSource target = restored.getBean(DataSource.class);
            Map<String, List<String>> fresh = contents(target);
            String checkpointFile = Files.readString(withoutKey.resolve("audit-checkpoints.log"));
            assertThatThrownBy(() -> restored.getBean(Backups.class).restore(file)).isInstanceOf(Backups.Refused.class)
                    .hasMessageContaining("The backup's audit log does not verify with the audit key here ("
                            + withoutKey.resolve("audit-keys.json").toAbsolutePath().normalize() + ")")
                    .hasMessageContaining("copy this installation's audit-keys.json")
                    .hasMessageEndingWith("Nothing was changed.");
            assertThat(contents(target)).isEqualTo(fresh);
            assertThat(Files.readString(withoutKey.resolve("audit-checkpoints.log"))).isEqualTo(checkpointFile);
        }

        Path withoutCheckpoints = copyOfKeyMaterial();
        Files.delete(withoutCheckpoints.resolve("audit-checkpoints.log"));
        try (ConfigurableApplicationContext restored = restoreTarget(withoutCheckpoints)) {
            DataSource target = restored.getBean(DataSource.class);
            Map<String, List<String>> fresh = contents(target);
            assertThatThrownBy(() -> restored.getBean(Backups.class).restore(file)).isInstanceOf(Backups.Refused.class)
                    .hasMessageContaining("but the checkpoint file here ("
                            + withoutCheckpoints.resolve("audit-checkpoints.log").toAbsolutePath().normalize()
                            + ") does not hold it")
                    .hasMessageEndingWith("Nothing was changed.");
            assertThat(contents(target)).isEqualTo(fresh);
            assertThat(withoutCheckpoints.resolve("audit-checkpoints.log")).doesNotExist();
        }
    }

    /**
     * The operator's case: the installation went on after the backup, so its checkpoint file holds
     * checkpoints that saw the chains beyond what the backup restores. The restore's signed record
     * supersedes them and verify-audit is intact and says so; but a tail cut after the restore is
     * still found, and a restore record forged without the signing key is found and changes nothing.
     */
    @Test
    void aRestoreSupersedesLaterCheckpointsWhileACutTailAndAForgedRestoreRecordAreFound() throws Exception {
        RegisteredClient client = fixtures.client(a, b, "Restored Chainperson");
        fixtures.note(a, client.id(), "Before the backup");
        checkpoints.checkpoint();
        long atBackup = lastCheckpointNumber(dataDir.resolve("audit-checkpoints.log"));
        Path file = newBackupDir().resolve("superseded.zip");
        Backups.Written written = backups.backup(file);

        // The installation goes on: its chains grow beyond the backup, and a checkpoint sees them there.
        fixtures.note(a, client.id(), "After the backup");
        assertThat(checkpoints.checkpoint()).isPresent();
        Path copy = copyOfKeyMaterial();
        long beyond = lastCheckpointNumber(copy.resolve("audit-checkpoints.log"));
        assertThat(beyond).isGreaterThan(atBackup);

        try (ConfigurableApplicationContext restored = restoreTarget(copy)) {
            Backups.Restored result = restored.getBean(Backups.class).restore(file);
            assertThat(result.restoreRecord()).isEqualTo(beyond + 1);
            List<String> lines = Files.readAllLines(copy.resolve("audit-checkpoints.log"));
            String record = lines.get(lines.size() - 1);
            assertThat(record).startsWith("exitwork-audit-restore/1 no=" + (beyond + 1) + " ")
                    .contains(" backup=" + written.takenAt() + " chains=");
            String restoredAt = record.split(" ")[2].substring(3);

            ChainVerification verified = restored.getBean(AuditVerifier.class).verify();
            assertThat(verified.findings()).isEmpty();
            assertThat(verified.restores()).containsExactly("checkpoint " + (beyond + 1)
                    + " records the restore of the backup taken " + written.takenAt() + " (restored " + restoredAt + "); "
                    + (beyond == atBackup + 1 ? "checkpoint " + beyond + " is"
                            : (beyond - atBackup) + " checkpoints (" + (atBackup + 1) + " to " + beyond + ") are")
                    + " superseded by the restore of " + written.takenAt());

            // An attacker with a database login cuts the organisation's tail behind the restore record.
            JdbcClient targetJdbc = JdbcClient.create(restored.getBean(DataSource.class));
            String chain = org.id().toString();
            long head = targetJdbc.sql("SELECT last_seq FROM aud_chain WHERE chain = ?").param(chain).query(Long.class)
                    .single();
            String previousTag = targetJdbc.sql("SELECT hash FROM aud_entry WHERE chain = ? AND seq = ?")
                    .params(chain, head - 1).query(String.class).single().trim();
            dropAuditTriggers(targetJdbc);
            targetJdbc.sql("DELETE FROM aud_entry WHERE chain = ? AND seq = ?").params(chain, head).update();
            targetJdbc.sql("UPDATE aud_chain SET last_seq = ?, last_mac = ? WHERE chain = ?")
                    .params(head - 1, previousTag, chain).update();
            assertThat(restored.getBean(AuditVerifier.class).verify().findings())
                    .extracting(ChainVerification.Finding::kind, ChainVerification.Finding::seq,
                            ChainVerification.Finding::other)
                    .containsExactly(tuple(ChainVerification.Kind.TAIL_CUT, head, head));

            // ... and, without the signing key, forges a restore record naming the cut heads: it is found,
            // and the cut stays found.
            List<String> heads = targetJdbc.sql("SELECT chain, last_seq, last_mac FROM aud_chain WHERE last_seq > 0 "
                    + "ORDER BY chain").query((rs, n) -> rs.getString(1) + ":" + rs.getLong(2) + ":"
                            + rs.getString(3).trim()).list();
            String signed = "exitwork-audit-restore/1 no=" + (beyond + 2) + " at=" + Instant.now()
                    .truncatedTo(ChronoUnit.MILLIS) + " prev=" + sha256(record) + " backup=" + written.takenAt()
                    + " chains=" + String.join(",", heads);
            com.google.crypto.tink.signature.SignatureConfig.register();
            com.google.crypto.tink.PublicKeySign attackersKey = KeysetHandle.generateNew(
                            com.google.crypto.tink.signature.PredefinedSignatureParameters.ED25519)
                    .getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(),
                            com.google.crypto.tink.PublicKeySign.class);
            String forged = signed + " sig=" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(attackersKey.sign(signed.getBytes(StandardCharsets.UTF_8)));
            Files.writeString(copy.resolve("audit-checkpoints.log"), forged + "\n", StandardOpenOption.APPEND);
            targetJdbc.sql("INSERT INTO aud_checkpoint (checkpoint_no, written_at, line_hash) VALUES (?, ?, ?)")
                    .params(beyond + 2, java.sql.Timestamp.from(Instant.now()), sha256(forged)).update();
            ChainVerification afterForgery = restored.getBean(AuditVerifier.class).verify();
            assertThat(afterForgery.findings())
                    .extracting(ChainVerification.Finding::kind, ChainVerification.Finding::checkpoint)
                    .containsExactly(tuple(ChainVerification.Kind.CHECKPOINT_FORGED, beyond + 2),
                            tuple(ChainVerification.Kind.TAIL_CUT, beyond + 1));
            assertThat(afterForgery.restores()).hasSize(1);
        }
    }

    private static long lastCheckpointNumber(Path checkpointFile) throws IOException {
        List<String> lines = Files.readAllLines(checkpointFile);
        return Long.parseLong(lines.get(lines.size() - 1).split(" ")[1].substring(3));
    }

    private static String sha256(String line) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(line.getBytes(StandardCharsets.UTF_8)));
    }

    /** As the schema's owner or a superuser can. */
    private static void dropAuditTriggers(JdbcClient jdbc) {
        String on = TestDatabase.postgres() ? " ON " : "";
        jdbc.sql("DROP TRIGGER IF EXISTS aud_entry_append_only" + (on.isEmpty() ? "" : on + "aud_entry")).update();
        jdbc.sql("DROP TRIGGER IF EXISTS aud_chain_forward_only" + (on.isEmpty() ? "" : on + "aud_chain")).update();
    }

    // ---------------------------------------------------------------- helpers

    private UUID referral(String name, String concern) throws Exception {
        String partnerName = Fixtures.unique("Youth ");
        assertThat(web.status(post("/network/partners").param("name", partnerName).param("kind", "YOUTH_AND_FAMILY")
                .param("mandate", "A mandate").param("agreement", "INFORMAL"), manager)).isEqualTo(302);
        UUID partner = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = ?")
                .params(org.id(), partnerName).query(UUID.class).single();
        inbox.append(org.id(), partner, Inbox.Via.API, new InboundReferral(Fixtures.unique("REF"),
                Set.of(PhenomenonArea.RIGHT_WING), false, name, LocalDate.of(2004, 5, 6), "phone of " + name, concern));
        matcher.matchNow();
        return jdbc.sql("SELECT id FROM ref_referral WHERE org_id = ? AND partner_id = ?").params(org.id(), partner)
                .query(UUID.class).single();
    }

    private void groupSession(UUID group, String note, UUID... present) throws Exception {
        var request = post("/groups/{id}/sessions", group).param("heldOn", LocalDate.now(clock).toString())
                .param("minutes", "90").param("note", note).param("themes", "EXTREMISM_GROUP_HATRED");
        for (UUID p : present) {
            request.param("present", p.toString());
        }
        assertThat(web.status(request, a)).isEqualTo(302);
    }

    /** An appointment of {@code a} that began half an hour ago and ends in half an hour, with an attendee. */
    private UUID appointment(String place, StaffPrincipal attendee) throws Exception {
        List<UUID> before = appointmentsOfA();
        Instant now = clock.instant();
        assertThat(web.status(post("/safety/appointments").param("startsAt", local(now.minus(Duration.ofMinutes(30))))
                .param("endsAt", local(now.plus(Duration.ofMinutes(30)))).param("placeKind", "HOME_VISIT")
                .param("place", place).param("attendees", attendee.id().toString()), a)).isEqualTo(302);
        List<UUID> planned = new ArrayList<>(appointmentsOfA());
        planned.removeAll(before);
        assertThat(planned).hasSize(1);
        return planned.get(0);
    }

    private List<UUID> appointmentsOfA() {
        return jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?").param(a.id()).query(UUID.class).list();
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** Where the markers are, in every table but the HTTP sessions'. */
    private static List<String> atRest(DataSource dataSource, List<String> markers) throws SQLException {
        return DatabaseScan.find(dataSource, markers).stream().filter(hit -> !hit.startsWith("spring_session"))
                .toList();
    }

    private static String groupSubject(UUID group) {
        return "group:" + group.toString().substring(0, 8);
    }

    private byte[] note(UUID clientId) {
        return jdbc.sql("SELECT body FROM cas_session_note WHERE client_id = ?").param(clientId).query(byte[].class)
                .single();
    }

    private UUID noteId(UUID clientId) {
        return jdbc.sql("SELECT id FROM cas_session_note WHERE client_id = ?").param(clientId).query(UUID.class)
                .single();
    }

    private static Path newBackupDir() throws IOException {
        return Files.createTempDirectory("exitwork-backups-");
    }

    /**
     * A new data directory with what the README says to keep apart from the backups: the master key,
     * the audit keys, the erasure journal and the audit checkpoint file, as an operator copies them.
     */
    private Path copyOfKeyMaterial() throws IOException {
        Path copy = Files.createTempDirectory("exitwork-restored-");
        Files.copy(masterKeyFile, copy.resolve("master-key.json"));
        Files.copy(dataDir.resolve("audit-keys.json"), copy.resolve("audit-keys.json"));
        Files.copy(dataDir.resolve("erasure-journal"), copy.resolve("erasure-journal"));
        Files.copy(dataDir.resolve("audit-checkpoints.log"), copy.resolve("audit-checkpoints.log"));
        return copy;
    }

    private static long checkpointNo(String row) {
        java.util.regex.Matcher no = java.util.regex.Pattern.compile("(?i)checkpoint_no=(\\d+);").matcher(row);
        return no.find() ? Long.parseLong(no.group(1)) : 0;
    }

    private static String checkpointTable(Map<String, List<String>> contents) {
        return contents.keySet().stream().filter(t -> t.equalsIgnoreCase("aud_checkpoint")).findFirst().orElseThrow();
    }

    /** A second application on a fresh database, with the given data directory. */
    private static ConfigurableApplicationContext restoreTarget(Path dataDir) {
        Map<String, Object> props = TestDatabase.newDatabase();
        props.put("exitwork.data-dir", dataDir.toString());
        props.put("server.port", "0");
        return new SpringApplicationBuilder(ExitworkApplication.class, TestSupport.class).profiles("test")
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("restore-target", props)))
                .run();
    }

    /** Every row of every table but Flyway's history and the HTTP sessions (a backup leaves them out), as sorted text. */
    static Map<String, List<String>> contents(DataSource dataSource) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : DatabaseScan.tables(dataSource)) {
                if (table.equalsIgnoreCase("flyway_schema_history") || table.toLowerCase().startsWith("spring_session")) {
                    continue;
                }
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            row.append(md.getColumnName(i)).append('=')
                                    .append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value))
                                    .append(';');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        return tables;
    }

    /** The raw AES keys of the master keyset, and each key's serialized form, as an attacker would look for them. */
    private List<byte[]> masterKeyBytes() throws IOException {
        JsonNode keyset = JsonMapper.builder().build().readTree(Files.readString(masterKeyFile));
        List<byte[]> secrets = new ArrayList<>();
        for (JsonNode key : keyset.get("key")) {
            byte[] value = Base64.getDecoder().decode(key.get("keyData").get("value").stringValue());
            secrets.add(value);
            secrets.add(Arrays.copyOfRange(value, value.length - 32, value.length));
        }
        return secrets;
    }
}
