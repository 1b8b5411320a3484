package org.exitwork.disclosure.internal.conference;

/** Audit action names of case conferences (R10); details carry ids, dates and counts, never content. */
final class ConferenceActions {

    static final String CONFERENCES_READ = "CONFERENCES_READ";
    static final String CONFERENCE_READ = "CONFERENCE_READ";
    static final String CONFERENCE_PLANNED = "CONFERENCE_PLANNED";
    static final String CONFERENCE_MINUTES_RECORDED = "CONFERENCE_MINUTES_RECORDED";
    static final String CONFERENCE_MINUTES_REFUSED = "CONFERENCE_MINUTES_REFUSED";
    static final String CONFERENCE_MINUTES_PRINTED = "CONFERENCE_MINUTES_PRINTED";
    static final String CONFERENCE_MINUTES_SENT = "CONFERENCE_MINUTES_SENT";

    private ConferenceActions() {
    }
}
