package org.exitwork.quality;

/**
 * The principles of good exit work a cross-evaluation group reflects its vignettes against, drawn from
 * the field's standards (see docs/principles.md). Each has a title and reflective questions in both
 * languages ({@code peergroups.principle.<code>.title} and {@code .questions}); none is a score.
 */
public enum Principle {
    VOLUNTARINESS("voluntariness"),
    TRUST("trust"),
    TANDEM("tandem"),
    OPEN_PROCESS("open-process"),
    RESOURCES_FIRST("resources-first"),
    CONFIDENTIALITY("confidentiality"),
    FAMILY_AND_CONTEXT("family-and-context"),
    ENDING("ending");

    private final String code;

    Principle(String code) {
        this.code = code;
    }

    public String titleKey() {
        return "peergroups.principle." + code + ".title";
    }

    public String questionsKey() {
        return "peergroups.principle." + code + ".questions";
    }
}
