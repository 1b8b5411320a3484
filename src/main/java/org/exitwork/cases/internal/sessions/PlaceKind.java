package org.exitwork.cases.internal.sessions;

/** The kind of place a session was held at; never the place itself (it could identify the client). */
public enum PlaceKind {
    OFFICE, INSTITUTION, PUBLIC_PLACE, HOME_VISIT, ONLINE
}
