package org.exitwork.cases.internal.agreement;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditLog;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.BreakGlassReason;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.casefile.CaseService;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.exitwork.cases.internal.figures.CaseTallies;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R3 through the service: versions are only added, agreement is per version, progress per thread. */
@DatabaseTest
class WorkAgreementsTest {

    @Autowired
    WorkAgreements agreements;

    @Autowired
    CaseTallies tallies;

    @Autowired
    CaseService cases;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    MutableClock clock;

    Fixtures.Organisation org;
    StaffPrincipal a;
    StaffPrincipal b;
    RegisteredClient client;

    @BeforeEach
    void aClientWithATandem() {
        org = fixtures.organisation();
        a = fixtures.staff(org, Role.PRACTITIONER);
        b = fixtures.staff(org, Role.PRACTITIONER);
        client = fixtures.client(a, b, "Agreement Client");
    }

    WorkAgreements.NewVersion version(int basedOn, String objective, WorkAgreements.AimedChange... changes) {
        return new WorkAgreements.NewVersion(objective, List.of(changes), "Meet again next Tuesday", "en", basedOn);
    }

    static WorkAgreements.AimedChange change(UUID thread, String wording) {
        return new WorkAgreements.AimedChange(thread, wording);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    @Test
    void aNewVersionLeavesTheEarlierOnesExactlyAsTheyWere() {
        assertThat(agreements.write(a, client.id(), version(0, "Find a way out of the group",
                change(null, "Talk to my sister again"), change(null, "Stop going to the Friday meetings")))).isEqualTo(1);
        WorkAgreements.Version first = agreements.open(a, client.id()).versions().get(0);
        UUID sister = first.changes().get(0).thread();
        UUID meetings = first.changes().get(1).thread();
        List<Map<String, Object>> before = rows();

        agreements.recordClientAgreement(b, client.id(), 1, today(), AgreedHow.SIGNED_ON_PAPER, null);
        // Reworded, dropped, added: a new version, with the reworded change on the same thread.
        assertThat(agreements.write(b, client.id(), version(1, "Find a way out of the group and stay out",
                change(sister, "Visit my sister once a month"), change(null, "Finish the apprenticeship")))).isEqualTo(2);

        List<Map<String, Object>> after = rows();
        assertThat(after).hasSize(before.size() + 3);
        for (Map<String, Object> row : before) {
            assertThat(after).as("an earlier row, byte for byte").anySatisfy(r -> assertThat(same(r, row)).isTrue());
        }
        WorkAgreements.Agreement agreement = agreements.open(a, client.id());
        assertThat(agreement.versions()).extracting(WorkAgreements.Version::number).containsExactly(2, 1);
        WorkAgreements.Version v1 = agreement.versions().get(1);
        assertThat(v1.objective()).isEqualTo("Find a way out of the group");
        assertThat(v1.changes()).extracting(WorkAgreements.AimedChange::wording)
                .containsExactly("Talk to my sister again", "Stop going to the Friday meetings");
        WorkAgreements.Version v2 = agreement.versions().get(0);
        assertThat(v2.changes().get(0).thread()).isEqualTo(sister);
        assertThat(v2.changes().get(1).thread()).isNotIn(sister, meetings);
        assertThat(v2.writtenBy()).isEqualTo(b.displayName());
        assertThat(agreement.current().number()).isEqualTo(1);
        assertThat(agreement.draft().number()).isEqualTo(2);
    }

    @Test
    void theCurrentAgreementIsTheNewestVersionTheClientAgreedTo() {
        RegisteredClient other = fixtures.client(a, b, "Client Without Agreement");
        agreements.write(a, client.id(), version(0, "Objective one", change(null, "Change one")));
        assertThat(agreements.open(a, client.id()).current()).isNull();
        // A draft is no agreement: both clients of the organisation are without one.
        assertThat(withoutAgreement(org.id())).isEqualTo(2);

        agreements.recordClientAgreement(a, client.id(), 1, today(), AgreedHow.ORALLY, null);
        agreements.write(a, client.id(), version(1, "Objective two", change(null, "Change two")));
        agreements.write(a, client.id(), version(2, "Objective three", change(null, "Change three")));
        WorkAgreements.Agreement agreement = agreements.open(a, client.id());
        assertThat(agreement.current().number()).isEqualTo(1);
        assertThat(agreement.draft().number()).isEqualTo(3);

        agreements.recordClientAgreement(b, client.id(), 3, today(), AgreedHow.OTHER, "by text message");
        agreement = agreements.open(a, client.id());
        assertThat(agreement.current().number()).isEqualTo(3);
        assertThat(agreement.current().clientAgreement().note()).isEqualTo("by text message");
        assertThat(agreement.current().clientAgreement().recordedBy()).isEqualTo(b.displayName());
        assertThat(agreement.draft()).isNull();

        // Once per version, and never behind the current one.
        assertRefused(() -> agreements.recordClientAgreement(a, client.id(), 3, today(), AgreedHow.ORALLY, null),
                "agreement.problem.already-agreed");
        assertRefused(() -> agreements.recordClientAgreement(a, client.id(), 2, today(), AgreedHow.ORALLY, null),
                "agreement.problem.superseded");
        assertThatThrownBy(() -> agreements.recordClientAgreement(a, client.id(), 9, today(), AgreedHow.ORALLY, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(count("cas_client_agreement")).isEqualTo(2);

        Fixtures.Organisation otherOrg = fixtures.organisation();
        StaffPrincipal x = fixtures.staff(otherOrg, Role.PRACTITIONER);
        RegisteredClient foreign = fixtures.client(x, fixtures.staff(otherOrg, Role.PRACTITIONER), "Foreign Client");
        agreements.write(x, foreign.id(), version(0, "Foreign objective", change(null, "Foreign change")));
        agreements.recordClientAgreement(x, foreign.id(), 1, today(), AgreedHow.ORALLY, null);
        assertThat(withoutAgreement(org.id())).as("only the other client").isEqualTo(1);
        assertThat(withoutAgreement(otherOrg.id())).isZero();
        fixtures.client(x, fixtures.staff(otherOrg, Role.PRACTITIONER), "Second Foreign Client");
        assertThat(withoutAgreement(otherOrg.id())).isEqualTo(1);
        assertThat(withoutAgreement(org.id())).isEqualTo(1);
    }

    @Test
    void theClientsAgreementNeedsAPlausibleDateAndForOtherWaysANote() {
        agreements.write(a, client.id(), version(0, "Objective", change(null, "Change")));
        assertRefused(() -> agreements.recordClientAgreement(a, client.id(), 1, today().plusDays(1), AgreedHow.ORALLY,
                null), "agreement.agreed-on.future");
        assertRefused(() -> agreements.recordClientAgreement(a, client.id(), 1, today().minusDays(1), AgreedHow.ORALLY,
                null), "agreement.agreed-on.before-writing");
        assertRefused(() -> agreements.recordClientAgreement(a, client.id(), 1, today(), AgreedHow.OTHER, "  "),
                "agreement.note.required");
        assertThat(count("cas_client_agreement")).isZero();

        clock.advance(Duration.ofDays(3));
        agreements.recordClientAgreement(a, client.id(), 1, today().minusDays(1), AgreedHow.SIGNED_ON_PAPER, null);
        assertThat(agreements.open(a, client.id()).current().clientAgreement().agreedOn()).isEqualTo(today().minusDays(1));
    }

    @Test
    void aVersionNeedsItsPartsAndOnlyThisAgreementsThreads() {
        agreements.write(a, client.id(), version(0, "Objective", change(null, "Change")));
        UUID thread = agreements.open(a, client.id()).versions().get(0).changes().get(0).thread();
        RegisteredClient other = fixtures.client(a, b, "Other Client");
        agreements.write(a, other.id(), version(0, "Other objective", change(null, "Other change")));
        UUID othersThread = agreements.open(a, other.id()).versions().get(0).changes().get(0).thread();
        long versions = count("cas_agreement_version");
        long changes = count("cas_agreement_change");

        assertRefused(() -> agreements.write(a, client.id(), version(0, "Stale form", change(thread, "x"))),
                "agreement.problem.newer-version");
        assertRefused(() -> agreements.write(a, client.id(), version(1, "Objective", change(null, "  "))),
                "agreement.changes.required");
        assertRefused(() -> agreements.write(a, client.id(), version(1, " ", change(null, "Change"))),
                "agreement.objective.required");
        assertRefused(() -> agreements.write(a, client.id(), version(1, "Objective", change(othersThread, "Stolen"))),
                "agreement.changes.unknown");
        assertRefused(() -> agreements.write(a, client.id(), version(1, "Objective", change(thread, "Once"),
                change(thread, "Twice"))), "agreement.changes.unknown");
        assertRefused(() -> agreements.write(a, client.id(), new WorkAgreements.NewVersion("Objective",
                List.of(change(null, "Change")), "Steps", "fr", 1)), "agreement.language.invalid");
        assertRefused(() -> agreements.write(a, client.id(), new WorkAgreements.NewVersion("Objective",
                List.of(change(null, "Change")), "", "en", 1)), "agreement.next-steps.required");
        assertThat(count("cas_agreement_version")).isEqualTo(versions);
        assertThat(count("cas_agreement_change")).isEqualTo(changes);
    }

    @Test
    void progressIsRatedPerThreadAndFollowsTheChangeThroughItsRewordings() {
        agreements.write(a, client.id(), version(0, "Objective", change(null, "Talk to my sister"),
                change(null, "Leave the chat groups")));
        assertRefused(() -> agreements.rate(a, client.id(), today(), List.of()), "rating.problem.no-agreement");
        agreements.recordClientAgreement(a, client.id(), 1, today(), AgreedHow.ORALLY, null);
        List<WorkAgreements.AimedChange> v1 = agreements.open(a, client.id()).current().changes();
        UUID sister = v1.get(0).thread();
        UUID chats = v1.get(1).thread();

        agreements.rate(a, client.id(), today(), List.of(new WorkAgreements.NewRating(sister, 1, "Has not called yet"),
                new WorkAgreements.NewRating(chats, 2, null)));
        clock.advance(Duration.ofDays(14));
        agreements.write(b, client.id(), version(1, "Objective", change(sister, "Visit my sister monthly")));
        agreements.recordClientAgreement(b, client.id(), 2, today(), AgreedHow.SIGNED_ON_PAPER, null);
        agreements.rate(b, client.id(), today(), List.of(new WorkAgreements.NewRating(sister, 3, "Visited once")));

        // Refused: a dropped change, a stranger's thread, a second rating on the same day, out of scale, the future.
        long ratings = count("cas_progress_rating");
        assertRefused(() -> agreements.rate(a, client.id(), today().minusDays(1),
                List.of(new WorkAgreements.NewRating(chats, 3, null))), "rating.entries.unknown");
        assertRefused(() -> agreements.rate(a, client.id(), today().minusDays(1),
                List.of(new WorkAgreements.NewRating(UUID.randomUUID(), 3, null))), "rating.entries.unknown");
        assertRefused(() -> agreements.rate(a, client.id(), today(),
                List.of(new WorkAgreements.NewRating(sister, 4, null))), "rating.rated-on.taken");
        assertRefused(() -> agreements.rate(a, client.id(), today().minusDays(1),
                List.of(new WorkAgreements.NewRating(sister, 6, null))), "rating.score.range");
        assertRefused(() -> agreements.rate(a, client.id(), today().minusDays(1),
                List.of(new WorkAgreements.NewRating(sister, 0, null))), "rating.score.range");
        assertRefused(() -> agreements.rate(a, client.id(), today().plusDays(1),
                List.of(new WorkAgreements.NewRating(sister, 4, null))), "rating.rated-on.future");
        assertRefused(() -> agreements.rate(a, client.id(), today().minusDays(1), List.of()), "rating.entries.required");
        assertThat(count("cas_progress_rating")).isEqualTo(ratings);

        WorkAgreements.Agreement agreement = agreements.open(a, client.id());
        assertThat(agreement.ratings()).hasSize(3);
        assertThat(agreement.ratings()).filteredOn(r -> r.thread().equals(sister))
                .extracting(WorkAgreements.Rating::score).containsExactly(1, 3);
        assertThat(agreement.ratings().get(0).comment()).isEqualTo("Has not called yet");
        // One line per change, named by its newest wording; the sister's line goes through both ratings.
        ProgressChart chart = agreement.chart();
        assertThat(chart.lines()).extracting(ProgressChart.Line::label)
                .containsExactly("Visit my sister monthly", "Leave the chat groups");
        assertThat(chart.lines().get(0).markers()).extracting(ProgressChart.Point::score).containsExactly(1, 3);
        assertThat(chart.from()).isEqualTo(today().minusDays(14));
        assertThat(chart.to()).isEqualTo(today());
    }

    @Test
    void onlyTheTandemWritesAndOnlyWhileTheCaseIsOpen() {
        agreements.write(a, client.id(), version(0, "Objective", change(null, "Change")));
        StaffPrincipal colleague = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal manager = fixtures.staff(org, Role.MANAGER);
        StaffPrincipal dpo = fixtures.staff(org, Role.DATA_PROTECTION_OFFICER);
        for (StaffPrincipal outsider : List.of(colleague, manager, dpo, org.admin())) {
            assertThatThrownBy(() -> agreements.open(outsider, client.id())).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> agreements.write(outsider, client.id(), version(1, "Intruder", change(null, "x"))))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> agreements.pdf(outsider, client.id(), 1)).isInstanceOf(ForbiddenException.class);
        }
        assertThat(actions()).filteredOn("CASE_ACCESS_REFUSED"::equals).hasSize(9);

        // Breaking the glass opens reading, never writing.
        cases.breakGlass(colleague, client.id(), BreakGlassReason.SUPERVISION, "Supervision this week");
        assertThat(agreements.open(colleague, client.id()).access()).isEqualTo(Access.BROKEN_GLASS);
        assertThat(agreements.open(colleague, client.id()).writable()).isFalse();
        assertThat(agreements.pdf(colleague, client.id(), 1)).isNotEmpty();
        assertThatThrownBy(() -> agreements.recordClientAgreement(colleague, client.id(), 1, today(), AgreedHow.ORALLY,
                null)).isInstanceOf(ForbiddenException.class);

        Fixtures.Organisation otherOrg = fixtures.organisation();
        StaffPrincipal stranger = fixtures.staff(otherOrg, Role.PRACTITIONER);
        assertThatThrownBy(() -> agreements.open(stranger, client.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> agreements.write(stranger, client.id(), version(1, "x", change(null, "x"))))
                .isInstanceOf(NotFoundException.class);

        jdbc.sql("UPDATE cas_client SET stage = 'CLOSED' WHERE id = ?").param(client.id()).update();
        assertThatThrownBy(() -> agreements.write(a, client.id(), version(1, "After closing", change(null, "x"))))
                .isInstanceOf(CaseAccess.WrongStageException.class);
        assertThatThrownBy(() -> agreements.recordClientAgreement(a, client.id(), 1, today(), AgreedHow.ORALLY, null))
                .isInstanceOf(CaseAccess.WrongStageException.class);
        assertThat(agreements.open(a, client.id()).writable()).isFalse();
        assertThat(count("cas_agreement_version")).isEqualTo(1);
        assertThat(count("cas_client_agreement")).isZero();
    }

    @Test
    void everyReadAndChangeIsAuditedWithoutContent() {
        agreements.write(a, client.id(), version(0, "Secret objective words", change(null, "Secret change words")));
        agreements.recordClientAgreement(a, client.id(), 1, today(), AgreedHow.OTHER, "Secret note words");
        UUID thread = agreements.open(a, client.id()).current().changes().get(0).thread();
        agreements.rate(a, client.id(), today(), List.of(new WorkAgreements.NewRating(thread, 2, "Secret comment words")));
        agreements.summary(b, client.id());
        agreements.basis(b, client.id());
        agreements.pdf(b, client.id(), 1);

        assertThat(actions()).contains("AGREEMENT_VERSION_WRITTEN", "AGREEMENT_CLIENT_AGREED", "AGREEMENT_READ",
                "PROGRESS_RATED", "AGREEMENT_PDF_DOWNLOADED");
        List<AuditEntry> entries = audit.about(org.id(), client.pseudonym());
        // open and basis; the summary is part of the case page, whose one entry names what it showed
        // (issue 19, OneEntryPerPageTest).
        assertThat(entries).filteredOn(e -> e.action().equals("AGREEMENT_READ")).hasSize(2);
        assertThat(entries).extracting(e -> String.valueOf(e.detail()))
                .noneMatch(d -> d.contains("Secret") || d.contains("Agreement Client"));
        assertThat(entries).filteredOn(e -> e.action().equals("AGREEMENT_PDF_DOWNLOADED"))
                .extracting(AuditEntry::actorId).containsExactly(b.id());
    }

    private void assertRefused(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOf(WorkAgreements.Refused.class)
                .satisfies(e -> assertThat(((WorkAgreements.Refused) e).code).isEqualTo(code));
    }

    private List<String> actions() {
        return audit.about(org.id(), client.pseudonym()).stream().map(AuditEntry::action).toList();
    }

    /** Rows of the test's client (other tests share the database). */
    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE client_id = ?").param(client.id())
                .query(Long.class).single();
    }

    /** Every version and change row of the client, column by column. */
    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("SELECT * FROM cas_agreement_version WHERE client_id = ?").param(client.id())
                .query().listOfRows());
        rows.addAll(jdbc.sql("SELECT * FROM cas_agreement_change WHERE client_id = ?").param(client.id())
                .query().listOfRows());
        return rows;
    }

    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String key : a.keySet()) {
            Object x = a.get(key);
            Object y = b.get(key);
            boolean equal = x instanceof byte[] bx && y instanceof byte[] by ? Arrays.equals(bx, by)
                    : String.valueOf(x).equals(String.valueOf(y));
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    /** The managers' overview's count (kept with the case figures, NO_AGREEMENT). */
    private long withoutAgreement(UUID org) {
        return tallies.openCases(org).clientsWithoutAgreement();
    }
}
