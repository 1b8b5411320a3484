package org.exitwork.consent.internal;

/** How the client was informed before consenting to share (R9, R19). */
enum ClientInformed {
    IN_CONVERSATION_WITH_FORM, FORM_READ_TOGETHER, WITH_INTERPRETER, IN_PLAIN_LANGUAGE
}
