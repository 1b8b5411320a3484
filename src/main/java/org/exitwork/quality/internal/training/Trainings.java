package org.exitwork.quality.internal.training;

import java.util.Locale;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.internal.induction.InductionTopics;
import org.exitwork.quality.internal.access.CareActions;
import org.exitwork.quality.internal.access.RecordChanged;
import org.exitwork.quality.internal.access.TeamAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Training records of a staff member, and their induction path: each topic done by a linked training or open. */
@Service
public class Trainings {

    private final TrainingRepository trainings;
    private final InductionTopics topics;
    private final TeamAccess access;
    private final org.exitwork.accounts.StaffDirectory directory;
    private final Clock clock;

    Trainings(TrainingRepository trainings, InductionTopics topics, TeamAccess access,
            org.exitwork.accounts.StaffDirectory directory, Clock clock) {
        this.trainings = trainings;
        this.directory = directory;
        this.topics = topics;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    public void record(StaffPrincipal who, UUID staffId, LocalDate takenOn, String title, String provider,
            UUID topicId) {
        StaffMember member = access.member(who, staffId);
        if (topicId != null && topics.find(who.organisationId(), topicId).isEmpty()) {
            throw new NotFoundException();
        }
        trainings.insert(UUID.randomUUID(), who.organisationId(), staffId, takenOn, title, provider, topicId, who.id(),
                clock.instant());
        access.record(who, CareActions.TRAINING_RECORDED, member.username(),
                AuditDetail.of(topicId == null ? "training.recorded" : "training.recorded-induction", takenOn));
    }

    /** One training with its earlier versions, for whoever may read the staff member's records (404 otherwise). */
    @Transactional(readOnly = true)
    public TrainingHistory history(StaffPrincipal who, UUID staffId, UUID id) {
        access.member(who, staffId);
        Training current = trainings.find(who.organisationId(), staffId, id, false).orElseThrow(NotFoundException::new);
        List<TrainingRepository.VersionRow> versions = trainings.versions(id);
        Map<UUID, String> names = directory.displayNames(who.organisationId(),
                versions.stream().map(TrainingRepository.VersionRow::replacedBy).distinct().toList());
        return new TrainingHistory(staffId, current, versions.stream().map(v -> new TrainingHistory.Earlier(v.version(),
                v.takenOn(), v.title(), v.provider(), v.topicId(), names.getOrDefault(v.replacedBy(), "?"),
                java.time.LocalDateTime.ofInstant(v.replacedAt(), clock.getZone()), v.changed())).toList());
    }

    /**
     * Corrects a training record, by whoever may record it (the staff member, or a manager); the record as
     * it was is kept as an earlier version. Returns {@code false} when nothing differed.
     *
     * @throws RecordChanged when it was corrected since {@code version} was shown
     */
    @Transactional
    public boolean correct(StaffPrincipal who, UUID staffId, UUID id, int version, LocalDate takenOn, String title,
            String provider, UUID topicId) {
        StaffMember member = access.member(who, staffId);
        Training current = trainings.find(who.organisationId(), staffId, id, true).orElseThrow(NotFoundException::new);
        if (current.version() != version) {
            throw new RecordChanged();
        }
        if (topicId != null && topics.find(who.organisationId(), topicId).isEmpty()) {
            throw new NotFoundException();
        }
        List<String> changed = new java.util.ArrayList<>();
        if (!takenOn.equals(current.takenOn())) {
            changed.add("taken_on");
        }
        if (!title.equals(current.title())) {
            changed.add("title");
        }
        if (!java.util.Objects.equals(provider, current.provider())) {
            changed.add("provider");
        }
        if (!java.util.Objects.equals(topicId, current.topicId())) {
            changed.add("topic_id");
        }
        if (changed.isEmpty()) {
            return false;
        }
        trainings.keepVersion(current, who.id(), clock.instant(), changed);
        trainings.update(id, takenOn, title, provider, topicId);
        access.record(who, CareActions.TRAINING_CORRECTED, member.username(),
                AuditDetail.of("training.corrected", takenOn, String.join(",", changed).toUpperCase(Locale.ROOT),
                        version + 1));
        return true;
    }

    @Transactional(readOnly = true)
    public List<Training> of(StaffPrincipal who, UUID staffId) {
        access.member(who, staffId);
        return trainings.of(who.organisationId(), staffId);
    }

    /** The induction path of one staff member: each topic, done by a linked training record or open. */
    @Transactional(readOnly = true)
    public List<InductionStep> induction(StaffPrincipal who, UUID staffId) {
        access.member(who, staffId);
        Map<UUID, LocalDate> done = trainings.firstTakenPerTopic(who.organisationId(), staffId);
        return topics.of(who.organisationId()).stream().map(t -> new InductionStep(t, done.get(t.id()))).toList();
    }
}
