package org.exitwork.cases;

/** How a person was informed before consenting to take part (R1). */
public enum InformedHow {
    TALK_AND_TEXT_HANDED_OVER, TEXT_READ_TOGETHER, TALK_ONLY, WITH_INTERPRETER
}
