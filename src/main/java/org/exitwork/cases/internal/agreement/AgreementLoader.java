package org.exitwork.cases.internal.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffDirectory;
import org.exitwork.cases.internal.access.Access;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.agreement.WorkAgreements.Agreement;
import org.exitwork.cases.internal.agreement.WorkAgreements.AimedChange;
import org.exitwork.cases.internal.agreement.WorkAgreements.ClientAgreement;
import org.exitwork.cases.internal.agreement.WorkAgreements.Rating;
import org.exitwork.cases.internal.agreement.WorkAgreements.Version;
import org.exitwork.keys.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * Reads a case's agreement rows and opens them into the {@link Agreement} the page, the PDF and the
 * client's report show: versions newest first, changes by thread, ratings and the chart. It checks
 * no access and audits nothing; its callers have done both.
 */
@Component
class AgreementLoader {

    private final AgreementRepository repository;
    private final StaffDirectory staff;

    AgreementLoader(AgreementRepository repository, StaffDirectory staff) {
        this.repository = repository;
        this.staff = staff;
    }

    Agreement load(UUID organisationId, CaseRef ref, Access accessOfReader, FieldCipher cipher) {
        List<AgreementRepository.VersionRow> versionRows = repository.versions(ref.id());
        List<AgreementRepository.ChangeRow> changeRows = repository.changes(ref.id());
        List<AgreementRepository.ClientAgreementRow> agreementRows = repository.clientAgreements(ref.id());
        List<AgreementRepository.RatingRow> ratingRows = repository.ratings(ref.id());

        Set<UUID> people = new HashSet<>();
        versionRows.forEach(v -> people.add(v.writtenBy()));
        agreementRows.forEach(a -> people.add(a.recordedBy()));
        ratingRows.forEach(r -> people.add(r.recordedBy()));
        Map<UUID, String> names = staff.displayNames(organisationId, people);

        Map<UUID, List<AimedChange>> changesByVersion = new HashMap<>();
        // Versions come oldest first, so the last wording seen of a thread is its newest.
        Map<UUID, String> threadNames = new LinkedHashMap<>();
        for (AgreementRepository.ChangeRow c : changeRows) {
            String wording = cipher.row("cas_agreement_change", c.id()).open("wording", c.wording());
            changesByVersion.computeIfAbsent(c.versionId(), k -> new ArrayList<>()).add(new AimedChange(c.thread(), wording));
            threadNames.put(c.thread(), wording);
        }
        Map<UUID, ClientAgreement> agreements = new HashMap<>();
        for (AgreementRepository.ClientAgreementRow a : agreementRows) {
            agreements.put(a.versionId(), new ClientAgreement(a.agreedOn(), AgreedHow.valueOf(a.how()),
                    cipher.row("cas_client_agreement", a.versionId()).open("note", a.note()),
                    names.get(a.recordedBy())));
        }
        List<Version> versions = new ArrayList<>();
        for (AgreementRepository.VersionRow v : versionRows) {
            FieldCipher.RowCipher row = cipher.row("cas_agreement_version", v.id());
            versions.add(new Version(v.number(), v.language(), row.open("objective", v.objective()),
                    List.copyOf(changesByVersion.getOrDefault(v.id(), List.of())),
                    row.open("next_steps", v.nextSteps()),
                    names.get(v.writtenBy()), v.writtenAt(), agreements.get(v.id())));
        }
        versions.sort(Comparator.comparingInt(Version::number).reversed());

        List<Rating> ratings = new ArrayList<>();
        for (AgreementRepository.RatingRow r : ratingRows) {
            ratings.add(new Rating(r.thread(), threadNames.get(r.thread()), r.ratedOn(), r.score(),
                    cipher.row("cas_progress_rating", r.id()).open("comment", r.comment()),
                    names.get(r.recordedBy())));
        }
        return new Agreement(ref.id(), ref.pseudonym(), ref.stage(), accessOfReader, List.copyOf(versions),
                List.copyOf(ratings), chart(threadOrder(versions, threadNames.keySet()), threadNames, ratings));
    }

    /** Changes of the newest version first, in its order; then dropped ones, newest first. */
    private static List<UUID> threadOrder(List<Version> newestFirst, Collection<UUID> all) {
        List<UUID> order = new ArrayList<>();
        for (Version v : newestFirst) {
            v.changes().stream().map(AimedChange::thread).filter(t -> !order.contains(t)).forEach(order::add);
        }
        all.stream().filter(t -> !order.contains(t)).forEach(order::add);
        return order;
    }

    private static ProgressChart chart(List<UUID> threads, Map<UUID, String> names, List<Rating> ratings) {
        List<ProgressChart.Series> series = new ArrayList<>();
        for (UUID thread : threads) {
            series.add(new ProgressChart.Series(names.get(thread), ratings.stream()
                    .filter(r -> r.thread().equals(thread))
                    .map(r -> new ProgressChart.Rating(r.ratedOn(), r.score()))
                    .toList()));
        }
        return ProgressChart.of(series);
    }
}
