package org.exitwork.network.internal;

import java.time.LocalDate;
import java.util.List;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.network.PartnerKind;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: one partner of every kind, registered by the manager, with contact persons where they matter. */
@Component
@Profile(DemoContent.PROFILE)
class DemoPartners implements DemoContent {

    private final PartnerRegistry registry;
    private final PartnerServiceOffers services;

    DemoPartners(PartnerRegistry registry, PartnerServiceOffers services) {
        this.registry = registry;
        this.services = services;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal lena = demo.get("staff.lena", StaffPrincipal.class);
        LocalDate signed = demo.today().minusMonths(8);
        partner(demo, lena, PartnerKind.POLICE, "Polizeipräsidium Nordstadt, Staatsschutz",
                "Refers people it meets in prevention work; receives danger alerts only.", signed,
                List.of(new PartnerRegistry.Contact("KHK Petra Lang", "named contact for danger alerts",
                        "0301 0000 110", "p.lang@polizei.example")));
        partner(demo, lena, PartnerKind.INTELLIGENCE, "Landesamt für Verfassungsschutz (exit hotline)",
                "Passes on people who call its exit hotline.", null, List.of());
        partner(demo, lena, PartnerKind.JUDICIARY, "Amtsgericht Nordstadt, Jugendgericht",
                "Refers young people as a condition of a court decision.", null, List.of());
        partner(demo, lena, PartnerKind.PROSECUTION, "Staatsanwaltschaft Nordstadt",
                "Refers people when proceedings are diverted.", null, List.of());
        partner(demo, lena, PartnerKind.YOUTH_AND_FAMILY, "Jugendamt Nordstadt",
                "Youth welfare: support for young people and their families.", signed,
                List.of(new PartnerRegistry.Contact("Sabine Krüger", "social worker, east district", "0301 0000 220",
                        "s.krueger@jugendamt.example")));
        partner(demo, lena, PartnerKind.PROBATION, "Bewährungshilfe Nordstadt",
                "Probation service for clients on probation.", null,
                List.of(new PartnerRegistry.Contact("Olaf Brandt", "probation officer", "0301 0000 330", null)));
        partner(demo, lena, PartnerKind.EMPLOYMENT, "Jobcenter Nordstadt",
                "Job centre: training places and benefits.", null,
                List.of(new PartnerRegistry.Contact("Aylin Demir", "youth employment team", "0301 0000 440", null)));
        partner(demo, lena, PartnerKind.HOUSING, "Wohnungshilfe Nordstadt", "Emergency and supported housing.", null,
                List.of());
        partner(demo, lena, PartnerKind.HEALTH, "Sozialpsychiatrischer Dienst Nordstadt",
                "Mental health service; counselling and crisis help.", null, List.of());
        partner(demo, lena, PartnerKind.SCHOOL, "Gesamtschule am Park", "School social work; hosts our workshops.",
                signed, List.of(new PartnerRegistry.Contact("Jan Petersen", "school social worker", "0301 0000 550", null)));
        partner(demo, lena, PartnerKind.RELIGIOUS_COMMUNITY, "Moscheegemeinde Nordstadt",
                "Imam and youth group; talks about faith when a client asks for it.", null, List.of());
        partner(demo, lena, PartnerKind.GRASS_ROOTS, "Fanprojekt Nordstadt", "Football fan project; outreach work.",
                null, List.of());
        partner(demo, lena, PartnerKind.FAMILY_SUPPORT, "Elternnetzwerk Ausstieg",
                "Self-help group for parents of young people in extremist groups.", null, List.of());
        partner(demo, lena, PartnerKind.FUNDER, "Stiftung Demokratie leben (fictitious)",
                "Funds the programme; receives aggregate figures only.", signed, List.of());
        partner(demo, lena, PartnerKind.PEER_NGO, "Exit Süd e.V.", "Peer organisation for intervision.", null,
                List.of());
        // What the social services offer, and how to ask them (service requests).
        services.change(lena, demo.get("partner.HOUSING", java.util.UUID.class), new PartnerServiceOffers.Draft(
                java.util.EnumSet.of(org.exitwork.network.Need.HOUSING, org.exitwork.network.Need.DEBT),
                "Intake desk, Mon-Thu 9-12, 0301 0000 660", "German, English, Turkish", 5));
        services.change(lena, demo.get("partner.EMPLOYMENT", java.util.UUID.class), new PartnerServiceOffers.Draft(
                java.util.EnumSet.of(org.exitwork.network.Need.WORK, org.exitwork.network.Need.EDUCATION),
                "Youth employment team, Aylin Demir", "German, Turkish", 10));
        services.change(lena, demo.get("partner.HEALTH", java.util.UUID.class), new PartnerServiceOffers.Draft(
                java.util.EnumSet.of(org.exitwork.network.Need.MENTAL_HEALTH, org.exitwork.network.Need.HEALTH),
                "Crisis line and counselling appointments", "German", 3));
    }

    private void partner(DemoContext demo, StaffPrincipal manager, PartnerKind kind, String name, String mandate,
            LocalDate signed, List<PartnerRegistry.Contact> contacts) {
        Agreement agreement = signed == null ? Agreement.INFORMAL : Agreement.FORMAL;
        demo.put("partner." + kind.name(), registry.create(manager, new PartnerRegistry.Draft(name, kind, mandate,
                agreement, signed, signed == null ? null : signed.plusYears(2),
                signed == null ? null : "KV-" + signed.getYear() + "-" + (kind.ordinal() + 11), contacts)));
    }
}
