package org.exitwork.disclosure.internal.vignette;

/**
 * Where a vignette stands: the tandem writes a draft, submits it for review once nothing in it is
 * flagged, a colleague releases it to the group or sends it back; the authors can withdraw it. Texts
 * {@code vignettes.status.<NAME>}.
 */
enum VignetteStatus {
    DRAFT, IN_REVIEW, RELEASED, WITHDRAWN
}
