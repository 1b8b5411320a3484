package org.exitwork.cases.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.exitwork.ExitworkApplication;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.InformedHow;
import org.exitwork.cases.NewProspect;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.SafetyDiscussion;
import org.exitwork.cases.Tandem;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application as it runs, on an embedded H2 database in a temporary directory, with one
 * organisation and a tandem of two practitioners. Clients are taken on through the public API
 * ({@link CaseWork}); their session notes are written with the same SQL and the same per-field
 * encryption as {@code CaseService.writeNote}, in one transaction per client, so that setting up
 * thousands of notes does not dominate the run. "Plain" clients get the same rows with the text
 * stored as UTF-8 bytes: encryption switched off, in the harness only.
 */
final class BenchWorld implements AutoCloseable {

    /** Marks a few notes, so a search has something to find (about one note in a hundred). */
    static final String NEEDLE = "Probation Officer Meyer";
    static final String QUERY = "probation officer MEYER";

    private static final String[] WORDS = ("talked about the week at school and the new job training, family visit "
            + "on sunday, old friends from the group called again, he did not answer, we discussed what loyalty means, "
            + "anger when the topic came up, plans for the apprenticeship, sleep is better, sister supports the exit, "
            + "worried about debts, agreed next steps, music and the old symbols, deleted the chat, talked to the "
            + "mother, doubts, pride, the court date, the football club, work agreement reviewed, felt respected")
            .split(" ");

    private final Path dataDir;
    private final ConfigurableApplicationContext context;
    final CaseWork caseWork;
    final CaseService caseService;
    final CaseRepository cases;
    final ClientKeys keys;
    final ClientErasure erasure;
    final EndingService ending;
    final TransactionTemplate tx;
    final Clock clock;
    final StaffPrincipal practitioner;
    final StaffPrincipal colleague;
    private final StaffPrincipal manager;
    private final Random random = new Random(42);
    private int noteCounter;

    private BenchWorld(Path dataDir) {
        this.dataDir = dataDir;
        this.context = new SpringApplicationBuilder(ExitworkApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // Arguments, not default properties: these must win over application.properties.
                .run("--exitwork.data-dir=" + dataDir.toAbsolutePath(),
                        "--exitwork.cases.erasure-schedule.enabled=false",
                        "--spring.main.banner-mode=off",
                        "--spring.jmx.enabled=false",
                        "--logging.level.root=WARN",
                        "--logging.level.org.flywaydb=ERROR");
        this.caseWork = context.getBean(CaseWork.class);
        this.caseService = context.getBean(CaseService.class);
        this.cases = context.getBean(CaseRepository.class);
        this.keys = context.getBean(ClientKeys.class);
        this.erasure = context.getBean(ClientErasure.class);
        this.ending = context.getBean(EndingService.class);
        this.tx = context.getBean(TransactionTemplate.class);
        this.clock = context.getBean(Clock.class);
        AccountAdministration accounts = context.getBean(AccountAdministration.class);
        UUID org = accounts.createOrganisation("Bench e.V.", "bench-admin", "Admin").member().organisationId();
        this.practitioner = principal(accounts.createStaff(org, "bench-prac", "Practitioner", Role.PRACTITIONER, false).member());
        this.colleague = principal(accounts.createStaff(org, "bench-coll", "Colleague", Role.PRACTITIONER, false).member());
        this.manager = principal(accounts.createStaff(org, "bench-mana", "Manager", Role.MANAGER, false).member());
    }

    static BenchWorld start() {
        try {
            return new BenchWorld(Files.createTempDirectory("exitwork-bench-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client taken on the way R1 asks (prospect, safety discussion, consent), carried by the tandem. */
    UUID client() {
        UUID id = caseWork.openProspect(practitioner,
                new NewProspect(Pathway.SELF_REFERRAL, Set.of(PhenomenonArea.UNCLEAR), false)).id();
        caseWork.recordSafetyDiscussion(manager, id, new SafetyDiscussion(LocalDate.now(clock).minusDays(1),
                "Risks to staff considered", Set.of(practitioner.id())));
        caseWork.takeOn(practitioner, id, new ParticipationConsent(LocalDate.now(clock).minusDays(1),
                InformedHow.TALK_AND_TEXT_HANDED_OVER, caseWork.currentInformationText(practitioner.organisationId(), "en"),
                "en"), new ClientIdentity("Bench Person " + id, LocalDate.of(1999, 1, 2), "contact", "alias"),
                Tandem.with(colleague.id()));
        return id;
    }

    /** {@code count} session notes of about 600 characters, encrypted with the client's key or plain. */
    void notes(UUID clientId, int count, boolean encrypted) {
        tx.executeWithoutResult(status -> {
            FieldCipher cipher = keys.cipherFor(clientId);
            LocalDate day = LocalDate.now(clock).minusDays(count);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                String text = noteText();
                byte[] body = encrypted
                        ? cipher.encrypt(CaseAccess.field("cas_session_note", id, "body"), text)
                        : text.getBytes(StandardCharsets.UTF_8);
                cases.insertNote(clientId, new CaseRepository.NoteRow(id, day.plusDays(i), practitioner.id(),
                        clock.instant(), body));
            }
        });
    }

    private String noteText() {
        StringBuilder text = new StringBuilder(700);
        if (++noteCounter % 100 == 0) {
            text.append("Met ").append(NEEDLE).append(" together with the client. ");
        }
        while (text.length() < 600) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.toString().strip();
    }

    /** The practitioner's own cases (tandem member), as the case list finds them. */
    List<UUID> myCases() {
        List<UUID> mine = new ArrayList<>();
        for (CaseRepository.Listed row : cases.clients(practitioner.organisationId(), practitioner.id())) {
            if (row.mine()) {
                mine.add(row.id());
            }
        }
        return mine;
    }

    @Override
    public void close() {
        context.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StaffPrincipal principal(StaffMember m) {
        return new StaffPrincipal(m.id(), m.organisationId(), m.username(), m.displayName(), m.role());
    }
}
