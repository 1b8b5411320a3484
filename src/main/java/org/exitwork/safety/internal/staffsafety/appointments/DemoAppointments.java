package org.exitwork.safety.internal.staffsafety.appointments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.exitwork.safety.internal.staffsafety.PlaceKind;
import org.exitwork.safety.internal.staffsafety.StaffSafety;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo: today's whereabouts. Anna meets Max at the office right now and has checked in; Mira has a
 * home visit with Erika and Jonas later today. A demo started hours later shows what happens when
 * nobody checks out: the alarm escalates.
 */
@Component
@Profile(DemoContent.PROFILE)
class DemoAppointments implements DemoContent {

    private final StaffSafety safety;
    private final Clock clock;

    DemoAppointments(StaffSafety safety, Clock clock) {
        this.safety = safety;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal jonas = demo.get("staff.jonas", StaffPrincipal.class);
        StaffPrincipal mira = demo.get("staff.mira", StaffPrincipal.class);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant startOfDay = demo.today().atStartOfDay(clock.getZone()).toInstant();
        Instant start = now.minus(Duration.ofMinutes(30)).isBefore(startOfDay) ? startOfDay
                : now.minus(Duration.ofMinutes(30));
        UUID meeting = safety.plan(anna, new StaffSafety.NewAppointment(start, now.plus(Duration.ofMinutes(90)),
                PlaceKind.OFFICE, "Beratungsraum 2, Beispielstraße 1", demo.get("client.max", UUID.class),
                Set.of()));
        safety.arrived(anna, meeting);
        // Three hours from now, or, late in the evening, halfway to midnight: the visit is always still today.
        Instant endOfDay = startOfDay.plus(Duration.ofDays(1));
        Instant visit = now.plus(Duration.ofHours(3));
        if (visit.isAfter(endOfDay.minus(Duration.ofMinutes(30)))) {
            visit = now.plus(Duration.between(now, endOfDay).dividedBy(2));
        }
        safety.plan(mira, new StaffSafety.NewAppointment(visit, visit.plus(Duration.ofHours(1)),
                PlaceKind.HOME_VISIT, "Erika's flat, Lindenweg 7 (fictitious)", demo.get("client.erika", UUID.class),
                Set.of(jonas.id())));
    }
}
