package org.exitwork.cases;

/**
 * What the work is about (R18). No area is privileged; more than one may apply. The labels shown
 * to people (message keys {@code phenomenon.*}) describe the phenomenon, never the person.
 */
public enum PhenomenonArea {
    RIGHT_WING, ISLAMIST, LEFT_WING, CONSPIRACY_IDEOLOGY, CULTS, GANGS, OTHER_GROUP_HATRED, UNCLEAR
}
