package org.exitwork.network.internal;

/** How the organisation works with a partner: a handshake, or a signed agreement with dates and a reference. */
enum Agreement {
    INFORMAL, FORMAL
}
