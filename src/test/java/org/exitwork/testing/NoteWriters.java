package org.exitwork.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.exitwork.ExitworkApplication;
import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.CaseWork;
import org.exitwork.cases.RegisteredClient;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The writing half of {@code DurableWritesTest}, run in a JVM of its own so that the test can kill it
 * the way {@code kill -9} does. It starts the real application (datasource, services, audit) on the
 * database its arguments name, takes on one client per writer, and then each writer adds session
 * notes through {@link CaseWork#writeNote} for ever, printing {@code ACK <client> <session date>}
 * only after the call returned, that is after the commit: exactly the moment a person would see
 * "saved". Session dates are unique per client, so every acknowledgement names one row.
 */
public final class NoteWriters {

    public static final int WRITERS = 8;
    public static final LocalDate FIRST_SESSION = LocalDate.of(2001, 1, 1);

    private NoteWriters() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExitworkApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false).run(args);
        Fixtures fixtures = new Fixtures(context.getBean(AccountAdministration.class), context.getBean(CaseWork.class));
        CaseWork cases = context.getBean(CaseWork.class);
        Fixtures.Organisation org = fixtures.organisation();
        StaffPrincipal practitioner = fixtures.staff(org, Role.PRACTITIONER);
        StaffPrincipal second = fixtures.staff(org, Role.PRACTITIONER);
        List<RegisteredClient> clients = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            clients.add(fixtures.client(practitioner, second, "Durable Client " + i));
        }
        AtomicBoolean failed = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (RegisteredClient client : clients) {
            Thread t = new Thread(() -> {
                for (int day = 0; !failed.get(); day++) {
                    LocalDate date = FIRST_SESSION.plusDays(day);
                    try {
                        cases.writeNote(practitioner, client.id(), date, "durable note " + day);
                    } catch (RuntimeException e) {
                        failed.set(true);
                        e.printStackTrace();
                        return;
                    }
                    acknowledge("ACK " + client.id() + " " + date);
                }
            }, "writer-" + client.pseudonym());
            threads.add(t);
        }
        acknowledge("READY " + WRITERS);
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        System.exit(3);
    }

    /** One whole line per call, flushed at once: the test reads nothing the writer has not confirmed. */
    private static synchronized void acknowledge(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
