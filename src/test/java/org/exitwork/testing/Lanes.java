package org.exitwork.testing;

/**
 * The lanes a test run has beside the one thread of ordinary Spring tests (junit-platform.properties):
 * test classes that mostly wait for another process run concurrently with them, those of one lane one
 * at a time ({@code @ResourceLock}).
 */
public final class Lanes {

    /**
     * Classes that drive Chromium against the application on a real port, and those that share that
     * application (the same cached context and database): they wait for the browser most of the time.
     */
    public static final String BROWSER = "chromium-and-its-application";

    /** Classes that mostly wait for JVMs of their own (commands, backups, a server killed halfway). */
    public static final String PROCESSES = "jvms-of-their-own";

    /**
     * Classes whose application context and database no other class shares (a context of their own, a
     * module's context): they take turns with {@link #PROCESSES} on its lane, beside the ordinary tests,
     * and shorten the longest lane, the ordinary one, in both runs (on PostgreSQL it has no other company).
     */
    public static final String OWN_APPLICATION = PROCESSES;

    private Lanes() {
    }
}
