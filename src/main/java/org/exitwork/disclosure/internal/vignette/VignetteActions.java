package org.exitwork.disclosure.internal.vignette;

/** Audit action codes of case vignettes for cross-evaluation groups (R16); labels {@code audit.action.<CODE>}. */
final class VignetteActions {
    static final String VIGNETTE_WRITTEN = "VIGNETTE_WRITTEN";
    static final String VIGNETTE_CHANGED = "VIGNETTE_CHANGED";
    static final String VIGNETTE_SUBMITTED = "VIGNETTE_SUBMITTED";
    static final String VIGNETTE_RETURNED = "VIGNETTE_RETURNED";
    static final String VIGNETTE_WITHDRAWN = "VIGNETTE_WITHDRAWN";
    static final String VIGNETTE_READ = "VIGNETTE_READ";
    static final String VIGNETTE_FEEDBACK_GIVEN = "VIGNETTE_FEEDBACK_GIVEN";
    static final String VIGNETTE_FEEDBACK_CORRECTED = "VIGNETTE_FEEDBACK_CORRECTED";
    static final String VIGNETTE_PRINTED = "VIGNETTE_PRINTED";

    private VignetteActions() {
    }
}
