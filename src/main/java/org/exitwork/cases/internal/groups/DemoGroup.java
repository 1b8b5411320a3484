package org.exitwork.cases.internal.groups;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.sessions.Theme;
import org.exitwork.platform.DemoContent;
import org.exitwork.platform.DemoContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo: a school workshop group led by Anna and Mira, with participants and two sessions. */
@Component
@Profile(DemoContent.PROFILE)
class DemoGroup implements DemoContent {

    static final int PARTICIPANTS = 6;

    private final GroupService groups;
    private final GroupParticipants participants;

    DemoGroup(GroupService groups, GroupParticipants participants) {
        this.groups = groups;
        this.participants = participants;
    }

    @Override
    public int order() {
        return 32;
    }

    @Override
    public void fill(DemoContext demo) {
        StaffPrincipal anna = demo.get("staff.anna", StaffPrincipal.class);
        StaffPrincipal mira = demo.get("staff.mira", StaffPrincipal.class);
        UUID group = groups.create(anna, new GroupService.GroupDetails("Workshop: belonging and exclusion (year 9)",
                GroupSetting.SCHOOL, "Gesamtschule am Park", Set.of(anna.id(), mira.id())));
        for (int i = 0; i < PARTICIPANTS; i++) {
            participants.addParticipant(anna, group);
        }
        Set<UUID> everyone = new LinkedHashSet<>();
        groups.open(anna, group).participants().forEach(p -> everyone.add(p.id()));
        groups.recordSession(anna, group, new GroupService.NewSession(demo.today().minusDays(14), 90,
                Set.of(Theme.EXTREMISM_GROUP_HATRED, Theme.SOCIAL_SKILLS),
                "Who belongs? Group exercise on belonging and exclusion; lively discussion about a video.", everyone));
        Set<UUID> most = new LinkedHashSet<>(everyone.stream().limit(PARTICIPANTS - 1).toList());
        groups.recordSession(mira, group, new GroupService.NewSession(demo.today().minusDays(7), 90,
                Set.of(Theme.GRIEVANCES, Theme.ANGER),
                "Talked about being treated unfairly and what anger does with us. One participant asked to talk "
                        + "alone afterwards.", most));
    }
}
