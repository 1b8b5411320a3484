package org.exitwork.cases.internal.context;

/** The audit actions of the case's context: persons and institutions. Details never carry content. */
final class ContextActions {
    static final String CONTEXT_READ = "CONTEXT_READ";
    static final String CONTEXT_PERSON_ADDED = "CONTEXT_PERSON_ADDED";
    static final String CONTEXT_PERSON_CHANGED = "CONTEXT_PERSON_CHANGED";
    static final String CONTEXT_PERSON_REMOVED = "CONTEXT_PERSON_REMOVED";
    static final String INSTITUTION_RECORDED = "INSTITUTION_RECORDED";

    private ContextActions() {
    }
}
