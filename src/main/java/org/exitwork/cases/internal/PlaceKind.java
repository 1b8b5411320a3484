package org.exitwork.cases.internal;

/** The kind of place a session was held at; never the place itself (it could identify the client). */
enum PlaceKind {
    OFFICE, INSTITUTION, PUBLIC_PLACE, HOME_VISIT, ONLINE
}
