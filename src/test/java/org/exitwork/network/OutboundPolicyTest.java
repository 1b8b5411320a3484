package org.exitwork.network;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.exitwork.network.OutboundPolicy.Channel;
import org.exitwork.network.OutboundPolicy.Decision;
import org.exitwork.network.OutboundPolicy.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound policy, every partner kind against every channel, written out cell by cell (not
 * computed by the rule under test): "allow" or the exact refusal. One table for a partner as a body,
 * one for a named contact person at it; they differ only where a danger alert is concerned.
 */
class OutboundPolicyTest {

    private static final String A = "allow";

    /** The channels in the tables' column order; a new channel must get its column. */
    private static final Channel[] COLUMNS = {Channel.SHARE, Channel.CASE_CONFERENCE, Channel.SERVICE_REQUEST,
            Channel.DANGER_ALERT, Channel.FUNDER_REPORT, Channel.PEER_VIGNETTE, Channel.TO_CLIENT};

    /** Columns: SHARE, CASE_CONFERENCE, SERVICE_REQUEST, DANGER_ALERT, FUNDER_REPORT, PEER_VIGNETTE, TO_CLIENT. */
    private static final Map<PartnerKind, String[]> TO_THE_PARTNER = table(
            row(PartnerKind.POLICE, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", "NO_NAMED_CONTACT",
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.INTELLIGENCE, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", "NO_NAMED_CONTACT",
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.JUDICIARY, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", "NO_NAMED_CONTACT",
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.PROSECUTION, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", "NO_NAMED_CONTACT",
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.YOUTH_AND_FAMILY, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.PROBATION, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.EMPLOYMENT, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.HOUSING, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.HEALTH, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.SCHOOL, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.RELIGIOUS_COMMUNITY, "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE",
                    "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.GRASS_ROOTS, "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE",
                    "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.FAMILY_SUPPORT, "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE",
                    "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.FUNDER, "FUNDERS_SEE_AGGREGATES_ONLY", "FUNDERS_SEE_AGGREGATES_ONLY",
                    "FUNDERS_SEE_AGGREGATES_ONLY", "FUNDERS_SEE_AGGREGATES_ONLY", A, "FUNDERS_SEE_AGGREGATES_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.PEER_NGO, "PEERS_SEE_VIGNETTES_ONLY", "PEERS_SEE_VIGNETTES_ONLY",
                    "PEERS_SEE_VIGNETTES_ONLY", "PEERS_SEE_VIGNETTES_ONLY", "PEERS_SEE_VIGNETTES_ONLY",
                    "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"));

    /** The same for a named contact person: only the danger alert to a security partner turns into "allow". */
    private static final Map<PartnerKind, String[]> TO_A_NAMED_CONTACT = table(
            row(PartnerKind.POLICE, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", A,
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.INTELLIGENCE, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", A,
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.JUDICIARY, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", A,
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.PROSECUTION, "ONE_WAY_STREET", "ONE_WAY_STREET", "ONE_WAY_STREET", A,
                    "ONE_WAY_STREET", "ONE_WAY_STREET", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.YOUTH_AND_FAMILY, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.PROBATION, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.EMPLOYMENT, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.HOUSING, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.HEALTH, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.SCHOOL, A, A, A, "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.RELIGIOUS_COMMUNITY, "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE",
                    "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.GRASS_ROOTS, "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE",
                    "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.FAMILY_SUPPORT, "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE", "NOT_A_SOCIAL_SERVICE",
                    "NOT_A_SECURITY_PARTNER", "NOT_A_FUNDER", "VIGNETTES_TO_PEER_GROUPS_ONLY", "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.FUNDER, "FUNDERS_SEE_AGGREGATES_ONLY", "FUNDERS_SEE_AGGREGATES_ONLY",
                    "FUNDERS_SEE_AGGREGATES_ONLY", "FUNDERS_SEE_AGGREGATES_ONLY", A, "FUNDERS_SEE_AGGREGATES_ONLY",
                    "ONLY_FOR_THE_CLIENT"),
            row(PartnerKind.PEER_NGO, "PEERS_SEE_VIGNETTES_ONLY", "PEERS_SEE_VIGNETTES_ONLY",
                    "PEERS_SEE_VIGNETTES_ONLY", "PEERS_SEE_VIGNETTES_ONLY", "PEERS_SEE_VIGNETTES_ONLY",
                    "VIGNETTES_TO_PEER_GROUPS_ONLY",
                    "ONLY_FOR_THE_CLIENT"));

    static Stream<Arguments> everyKindAndChannel() {
        return Arrays.stream(PartnerKind.values())
                .flatMap(kind -> Arrays.stream(Channel.values()).map(channel -> Arguments.of(kind, channel)));
    }

    @Test
    void theTablesNameEveryKindAndEveryChannel() {
        assertThat(TO_THE_PARTNER.keySet()).containsExactlyInAnyOrder(PartnerKind.values());
        assertThat(TO_A_NAMED_CONTACT.keySet()).containsExactlyInAnyOrder(PartnerKind.values());
        assertThat(COLUMNS).containsExactlyInAnyOrder(Channel.values());
    }

    @ParameterizedTest(name = "{1} to an active {0}")
    @MethodSource("everyKindAndChannel")
    void toAnActivePartner(PartnerKind kind, Channel channel) {
        assertThat(outcome(OutboundPolicy.toPartner(channel, kind, true))).isEqualTo(expected(TO_THE_PARTNER, kind, channel));
    }

    @ParameterizedTest(name = "{1} to a named contact of an active {0}")
    @MethodSource("everyKindAndChannel")
    void toANamedContactOfAnActivePartner(PartnerKind kind, Channel channel) {
        assertThat(outcome(OutboundPolicy.toNamedContact(channel, kind, true)))
                .isEqualTo(expected(TO_A_NAMED_CONTACT, kind, channel));
    }

    /** A deactivated partner gets nothing; where the kind already refuses, the kind's reason stands. */
    @ParameterizedTest(name = "{1} to an inactive {0}")
    @MethodSource("everyKindAndChannel")
    void toAnInactivePartner(PartnerKind kind, Channel channel) {
        String active = expected(TO_THE_PARTNER, kind, channel);
        assertThat(outcome(OutboundPolicy.toPartner(channel, kind, false)))
                .isEqualTo(A.equals(active) ? "INACTIVE_PARTNER" : active);
        String contact = expected(TO_A_NAMED_CONTACT, kind, channel);
        assertThat(outcome(OutboundPolicy.toNamedContact(channel, kind, false)))
                .isEqualTo(A.equals(contact) ? "INACTIVE_PARTNER" : contact);
    }

    @ParameterizedTest(name = "{0} to the client")
    @EnumSource(Channel.class)
    void theClientGetsOnlyTheirOwnRecord(Channel channel) {
        assertThat(outcome(OutboundPolicy.toTheClient(channel, true)))
                .isEqualTo(channel == Channel.TO_CLIENT ? A : "NOT_THEIR_OWN_RECORD");
        assertThat(outcome(OutboundPolicy.toTheClient(channel, false))).isEqualTo("NOT_THEIR_OWN_RECORD");
    }

    @Test
    void shareConferenceAndServiceRequestReachSocialServicesOnlyAndTheAlertOnlySecurity() {
        Set<PartnerKind> social = EnumSet.of(PartnerKind.YOUTH_AND_FAMILY, PartnerKind.PROBATION,
                PartnerKind.EMPLOYMENT, PartnerKind.HOUSING, PartnerKind.HEALTH, PartnerKind.SCHOOL);
        Set<PartnerKind> security = EnumSet.of(PartnerKind.POLICE, PartnerKind.INTELLIGENCE, PartnerKind.JUDICIARY,
                PartnerKind.PROSECUTION);
        for (PartnerKind kind : PartnerKind.values()) {
            for (Channel channel : EnumSet.of(Channel.SHARE, Channel.CASE_CONFERENCE, Channel.SERVICE_REQUEST)) {
                assertThat(OutboundPolicy.toPartner(channel, kind, true).allowed()).as(channel + " " + kind)
                        .isEqualTo(social.contains(kind));
            }
            assertThat(OutboundPolicy.toNamedContact(Channel.DANGER_ALERT, kind, true).allowed()).as(kind.name())
                    .isEqualTo(security.contains(kind));
            assertThat(OutboundPolicy.toPartner(Channel.DANGER_ALERT, kind, true).allowed()).as(kind.name()).isFalse();
        }
        assertThat(social).allMatch(k -> k.group() == PartnerKind.Group.SOCIAL_SERVICE);
        assertThat(security).allMatch(PartnerKind::isSecurity);
    }

    /** A cross-evaluation group is the one recipient of a vignette, and receives nothing else (R16). */
    @ParameterizedTest(name = "{0} to a peer group")
    @EnumSource(Channel.class)
    void aPeerGroupGetsVignettesOnly(Channel channel) {
        assertThat(outcome(OutboundPolicy.toPeerGroup(channel)))
                .isEqualTo(channel == Channel.PEER_VIGNETTE ? A : "PEERS_SEE_VIGNETTES_ONLY");
    }

    @Test
    void everyRefusalCanBeReached() {
        Set<Refusal> reached = EnumSet.noneOf(Refusal.class);
        for (PartnerKind kind : PartnerKind.values()) {
            for (Channel channel : Channel.values()) {
                for (boolean active : new boolean[] {true, false}) {
                    OutboundPolicy.toPartner(channel, kind, active).refusal().ifPresent(reached::add);
                    OutboundPolicy.toNamedContact(channel, kind, active).refusal().ifPresent(reached::add);
                }
                OutboundPolicy.toTheClient(channel, false).refusal().ifPresent(reached::add);
                OutboundPolicy.toPeerGroup(channel).refusal().ifPresent(reached::add);
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(Refusal.values());
    }

    private static String outcome(Decision decision) {
        assertThat(decision.allowed()).isNotEqualTo(decision.refused());
        return decision.refusal().map(Enum::name).orElse(A);
    }

    private static String expected(Map<PartnerKind, String[]> table, PartnerKind kind, Channel channel) {
        return table.get(kind)[Arrays.asList(COLUMNS).indexOf(channel)];
    }

    private static Map.Entry<PartnerKind, String[]> row(PartnerKind kind, String... cells) {
        assertThat(cells).as(kind + ": one cell per channel").hasSize(COLUMNS.length);
        return Map.entry(kind, cells);
    }

    @SafeVarargs
    private static Map<PartnerKind, String[]> table(Map.Entry<PartnerKind, String[]>... rows) {
        Map<PartnerKind, String[]> table = new EnumMap<>(PartnerKind.class);
        for (Map.Entry<PartnerKind, String[]> row : rows) {
            assertThat(table.put(row.getKey(), row.getValue())).as(row.getKey() + " twice").isNull();
        }
        return table;
    }
}
