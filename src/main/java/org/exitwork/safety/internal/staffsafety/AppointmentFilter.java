package org.exitwork.safety.internal.staffsafety;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which of a practitioner's own appointments the list shows: from a first day (today when none) up to a
 * last day (no end when none), and where the page starts ({@code after} one appointment) or ends
 * ({@code before} one).
 */
public record AppointmentFilter(LocalDate from, LocalDate until, UUID after, UUID before) {

    public static AppointmentFilter none() {
        return new AppointmentFilter(null, null, null, null);
    }

    LocalDate fromOr(LocalDate today) {
        return from == null ? today : from;
    }

    /** A last day before the first: no such range. */
    public boolean impossible() {
        return from != null && until != null && until.isBefore(from);
    }

    /** The address of the page beside this one, naming only the days set. */
    public String pageLink(String side, UUID cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/safety/appointments");
        if (from != null) {
            link.queryParam("from", from);
        }
        if (until != null) {
            link.queryParam("until", until);
        }
        return link.queryParam("after".equals(side) ? "after" : "before", cursor).build().toUriString();
    }

    public boolean narrowed() {
        return from != null || until != null;
    }
}
