package org.exitwork.quality.internal.induction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.platform.NotFoundException;
import org.exitwork.quality.internal.access.CareActions;
import org.exitwork.quality.internal.access.TeamAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organisation's induction path: the topics a newcomer works through, kept by managers. */
@Service
public class InductionTopics {

    private final InductionRepository topics;
    private final TeamAccess access;
    private final Clock clock;

    InductionTopics(InductionRepository topics, TeamAccess access, Clock clock) {
        this.topics = topics;
        this.access = access;
        this.clock = clock;
    }

    /** The organisation's induction topics in order. */
    @Transactional(readOnly = true)
    public List<InductionTopic> of(UUID org) {
        return topics.topics(org);
    }

    public Optional<InductionTopic> find(UUID org, UUID topicId) {
        return of(org).stream().filter(t -> t.id().equals(topicId)).findFirst();
    }

    @Transactional
    public void add(StaffPrincipal who, String title) {
        TeamAccess.requireManager(who);
        int position = topics.append(UUID.randomUUID(), who.organisationId(), title, clock.instant());
        access.record(who, CareActions.INDUCTION_TOPIC_ADDED, null, AuditDetail.of("induction.position", position));
    }

    /** Removes a topic; training records linked to it stay, unlinked. */
    @Transactional
    public void remove(StaffPrincipal who, UUID topicId) {
        TeamAccess.requireManager(who);
        if (!topics.delete(who.organisationId(), topicId)) {
            throw new NotFoundException();
        }
        access.record(who, CareActions.INDUCTION_TOPIC_REMOVED, null, null);
    }

    /** Swaps a topic with the one before it. */
    @Transactional
    public void moveUp(StaffPrincipal who, UUID topicId) {
        TeamAccess.requireManager(who);
        List<InductionTopic> all = of(who.organisationId());
        int index = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(topicId)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new NotFoundException();
        }
        if (index == 0) {
            return;
        }
        // Renumber 1..n in the new order, so equal positions cannot confuse the order.
        List<InductionTopic> reordered = new ArrayList<>(all);
        reordered.add(index - 1, reordered.remove(index));
        for (int i = 0; i < reordered.size(); i++) {
            topics.setPosition(who.organisationId(), reordered.get(i).id(), i + 1);
        }
        access.record(who, CareActions.INDUCTION_TOPIC_MOVED, null, AuditDetail.of("induction.position", index));
    }
}
