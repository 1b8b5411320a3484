package org.exitwork.quality.internal.training;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.exitwork.accounts.StaffMember;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.internal.induction.InductionTopics;
import org.exitwork.quality.internal.access.CareActions;
import org.exitwork.quality.internal.access.TeamAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Training records of a staff member, and their induction path: each topic done by a linked training or open. */
@Service
public class Trainings {

    private final TrainingRepository trainings;
    private final InductionTopics topics;
    private final TeamAccess access;
    private final Clock clock;

    Trainings(TrainingRepository trainings, InductionTopics topics, TeamAccess access, Clock clock) {
        this.trainings = trainings;
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
                takenOn + (topicId == null ? "" : " induction"));
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
