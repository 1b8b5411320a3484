package org.exitwork.bench;

import java.util.List;
import java.util.UUID;

import org.exitwork.audit.AuditEntry;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.exitwork.audit.AuditPage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * For benchmarks only: an audit log that records nothing, so that a page can be measured with and without
 * the audit entries it writes (issue 19, {@code ScaleBenchmark audit=compare}). {@link #record} and
 * {@link #recordIndependently} drop the event: no {@code aud_pending} row, nothing for the chain writer.
 * The reads go to the application's own log unchanged, so a page that reads the log (the client report
 * lists the entries about the client) does the same reading in both runs, on the same rows.
 *
 * <p>It replaces the application's {@link AuditLog} as the primary bean through {@link #initializer()},
 * given to {@code BenchApplication.startKept(..., initializer, ...)}; nothing else of the application
 * changes (the chain writer, its filter and its schedule stay, with nothing to link). It is no
 * {@code @Component} or {@code @Configuration} on purpose: it lives under {@code org.exitwork}, and the
 * application's component scan would otherwise pick it up wherever the bench sources are on the class path.
 */
public final class UnauditedLog implements AuditLog {

    private final ObjectProvider<AuditLog> logs;
    private volatile AuditLog real;

    private UnauditedLog(ObjectProvider<AuditLog> logs) {
        this.logs = logs;
    }

    /** Registers an {@code UnauditedLog} as the primary {@link AuditLog} of the context it initialises. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return context -> {
            if (!(context instanceof GenericApplicationContext generic)) {
                throw new IllegalStateException("cannot register a bean in a " + context.getClass().getName());
            }
            generic.registerBean("unauditedLog", UnauditedLog.class,
                    () -> new UnauditedLog(generic.getBeanProvider(AuditLog.class)), bean -> bean.setPrimary(true));
        };
    }

    @Override
    public void record(AuditEvent event) {
        // recorded nowhere
    }

    @Override
    public void recordIndependently(AuditEvent event) {
        // recorded nowhere
    }

    @Override
    public List<AuditEntry> recent(UUID organisationId, int limit) {
        return real().recent(organisationId, limit);
    }

    @Override
    public AuditPage page(UUID organisationId, Long before, Long legacyFrom, int limit) {
        return real().page(organisationId, before, legacyFrom, limit);
    }

    @Override
    public List<AuditEntry> about(UUID organisationId, String subject) {
        return real().about(organisationId, subject);
    }

    @Override
    public boolean mentions(UUID organisationId, String subject) {
        return real().mentions(organisationId, subject);
    }

    /** The application's own log (the other {@link AuditLog} bean), found at the first read. */
    private AuditLog real() {
        AuditLog found = real;
        if (found == null) {
            found = logs.stream().filter(l -> !(l instanceof UnauditedLog)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the application has no audit log of its own"));
            real = found;
        }
        return found;
    }
}
