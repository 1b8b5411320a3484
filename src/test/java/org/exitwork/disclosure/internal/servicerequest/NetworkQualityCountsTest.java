package org.exitwork.disclosure.internal.servicerequest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The managers' quality page counts in SQL (issue 19), one row per partner: on random requests, answers
 * on the minute and a microsecond before it, answers due exactly now, acceptances recorded twice or by
 * the NGO's own staff, the counts are those of every request looked at one by one in Java (the page's
 * figures before, as oracle), and another organisation's requests never count. The rows are written straight
 * into the shared database, so each test's transaction is rolled back: left behind, they were due requests of
 * clients nobody has, which the reminder job of a later class then met.
 */
@DatabaseTest
@org.springframework.transaction.annotation.Transactional
class NetworkQualityCountsTest {

    @Autowired
    ServiceRequestRepository repository;

    @Autowired
    JdbcClient jdbc;

    record Request(UUID id, UUID partner, Instant requested, Instant due, Instant firstAnswer, TaskStatus status,
            boolean acceptedByPartner) {
    }

    @Test
    void eachPartnersCountsAreThoseOfItsRequestsOneByOne() {
        Random random = new Random(20261203);
        Instant now = Instant.parse("2026-12-03T08:00:00Z");
        UUID organisation = UUID.randomUUID();
        List<UUID> partners = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            // The third partner is only ever sent requests that were not answered.
            UUID partner = partners.get(i % 3);
            requests.add(insert(organisation, partner, random, now, i % 3 != 2));
        }
        UUID elsewhere = UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            insert(elsewhere, partners.get(0), random, now, true);
        }

        List<ServiceRequestRepository.PartnerCounts> counts = repository.countsByPartner(organisation, now);

        assertThat(counts).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(partners.stream().map(p -> expected(p, requests, now)).toList());
        assertThat(counts).filteredOn(c -> c.partnerId().equals(partners.get(2)))
                .singleElement().satisfies(c -> {
                    assertThat(c.answered()).isZero();
                    assertThat(c.medianMinutes()).isNull();
                });
        assertThat(repository.countsByPartner(UUID.randomUUID(), now)).isEmpty();
    }

    @Test
    void anAnswerAMicrosecondBeforeTheNextMinuteCountsTheMinutesBegunNotTheNext() {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");
        UUID organisation = UUID.randomUUID();
        UUID partner = UUID.randomUUID();
        Instant requested = now.minus(Duration.ofDays(3));
        Instant answered = requested.plus(Duration.ofMinutes(91)).minus(1, ChronoUnit.MICROS);
        byte[] token = new byte[32];
        new Random().nextBytes(token);
        jdbc.sql("""
                INSERT INTO dis_service_request (id, org_id, client_id, disclosure_id, partner_id, consent_id, need, kinds,
                    language, requested_by, requested_at, response_days, answer_due_at, status, status_at, row_version,
                    first_answer_at, token_hash, link_expires_at)
                VALUES (?, ?, ?, ?, ?, ?, 'HOUSING', 'HOUSING', 'de', ?, ?, 1, ?, 'RECEIVED', ?, 1, ?, ?, ?)""")
                .params(UUID.randomUUID(), organisation, UUID.randomUUID(), UUID.randomUUID(), partner, UUID.randomUUID(),
                        UUID.randomUUID(), Timestamp.from(requested), Timestamp.from(requested.plus(Duration.ofDays(1))),
                        Timestamp.from(requested), Timestamp.from(answered), token, Timestamp.from(now))
                .update();
        assertThat(repository.countsByPartner(organisation, now)).singleElement().usingRecursiveComparison()
                .isEqualTo(new ServiceRequestRepository.PartnerCounts(partner, 1, 1, 90.0, 1, 1, 0, 0));
    }

    @Test
    void daysAreTheMedianMinutesToOneDecimalAndPercentagesOfNothingAreNone() {
        assertThat(NetworkQuality.days(null)).isNull();
        assertThat(NetworkQuality.days(1440.0)).isEqualTo(1.0);
        assertThat(NetworkQuality.days(2160.0)).isEqualTo(1.5);
        assertThat(NetworkQuality.days(2231.5)).isEqualTo(1.5);
        assertThat(NetworkQuality.percent(1, 2)).isEqualTo(50.0);
        assertThat(NetworkQuality.percent(2, 3)).isEqualTo(66.7);
        assertThat(NetworkQuality.percent(0, 0)).isNull();
    }

    /** What the page counted before, request by request. */
    private static ServiceRequestRepository.PartnerCounts expected(UUID partner, List<Request> all, Instant now) {
        List<Request> sent = all.stream().filter(r -> r.partner().equals(partner)).toList();
        List<Long> minutes = sent.stream().filter(r -> r.firstAnswer() != null)
                .map(r -> Duration.between(r.requested(), r.firstAnswer()).toMinutes()).sorted(Comparator.naturalOrder())
                .toList();
        Double median = null;
        if (!minutes.isEmpty()) {
            int n = minutes.size();
            median = n % 2 == 1 ? minutes.get(n / 2).doubleValue() : (minutes.get(n / 2 - 1) + minutes.get(n / 2)) / 2.0;
        }
        List<Request> judged = sent.stream().filter(r -> r.firstAnswer() != null || !now.isBefore(r.due())).toList();
        long inTime = judged.stream().filter(r -> r.firstAnswer() != null && !r.firstAnswer().isAfter(r.due())).count();
        List<Request> decided = sent.stream()
                .filter(r -> r.acceptedByPartner() || r.status() == TaskStatus.REJECTED).toList();
        long accepted = decided.stream().filter(Request::acceptedByPartner).count();
        return new ServiceRequestRepository.PartnerCounts(partner, sent.size(), minutes.size(), median, judged.size(),
                (int) inTime, decided.size(), (int) accepted);
    }

    private Request insert(UUID organisation, UUID partner, Random random, Instant now, boolean mayBeAnswered) {
        UUID id = UUID.randomUUID();
        Instant requested = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 40)))
                .minus(random.nextInt(60_000_000), ChronoUnit.MICROS);
        int days = 1 + random.nextInt(14);
        Instant due = switch (random.nextInt(4)) {
            case 0 -> now; // due this very moment: judged
            default -> requested.plus(Duration.ofDays(days));
        };
        Instant firstAnswer = null;
        if (mayBeAnswered && random.nextInt(3) > 0) {
            long minutes = random.nextInt(60 * 24 * 20);
            firstAnswer = switch (random.nextInt(4)) {
                case 0 -> requested.plus(Duration.ofMinutes(minutes)); // on the minute
                case 1 -> requested.plus(Duration.ofMinutes(minutes + 1)).minus(1, ChronoUnit.MICROS); // just before the next
                case 2 -> due; // exactly when due: in time
                default -> requested.plus(Duration.ofMinutes(minutes)).plus(random.nextInt(59_000_000), ChronoUnit.MICROS);
            };
        }
        TaskStatus status = List.of(TaskStatus.REQUESTED, TaskStatus.ACCEPTED, TaskStatus.REJECTED, TaskStatus.COMPLETED)
                .get(random.nextInt(4));
        boolean acceptedByPartner = status == TaskStatus.COMPLETED || (status == TaskStatus.ACCEPTED && random.nextBoolean());
        byte[] token = new byte[32];
        random.nextBytes(token);
        jdbc.sql("""
                INSERT INTO dis_service_request (id, org_id, client_id, disclosure_id, partner_id, consent_id, need, kinds,
                    language, requested_by, requested_at, response_days, answer_due_at, status, status_at, row_version,
                    first_answer_at, token_hash, link_expires_at)
                VALUES (?, ?, ?, ?, ?, ?, 'HOUSING', 'HOUSING', 'de', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)""")
                .params(id, organisation, UUID.randomUUID(), UUID.randomUUID(), partner, UUID.randomUUID(),
                        UUID.randomUUID(), Timestamp.from(requested), days, Timestamp.from(due), status.name(),
                        Timestamp.from(requested), firstAnswer == null ? null : Timestamp.from(firstAnswer), token,
                        Timestamp.from(requested.plus(Duration.ofDays(30))))
                .update();
        int seq = 1;
        if (acceptedByPartner) {
            event(id, seq++, TaskStatus.ACCEPTED, true, requested);
            if (random.nextBoolean()) {
                event(id, seq++, TaskStatus.ACCEPTED, true, requested); // recorded twice: still one request
            }
        } else if (status == TaskStatus.ACCEPTED) {
            event(id, seq++, TaskStatus.ACCEPTED, false, requested); // set by the NGO's staff: not the partner's word
        }
        if (status == TaskStatus.REJECTED) {
            event(id, seq, TaskStatus.REJECTED, true, requested);
        }
        return new Request(id, partner, requested.truncatedTo(ChronoUnit.MICROS), due.truncatedTo(ChronoUnit.MICROS),
                firstAnswer == null ? null : firstAnswer.truncatedTo(ChronoUnit.MICROS), status, acceptedByPartner);
    }

    private void event(UUID request, int seq, TaskStatus status, boolean byPartner, Instant at) {
        jdbc.sql("INSERT INTO " + ServiceRequestRepository.EVENTS
                        + " (id, request_id, seq, client_id, status, by_partner, at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), request, seq, UUID.randomUUID(), status.name(), byPartner, Timestamp.from(at))
                .update();
    }
}
