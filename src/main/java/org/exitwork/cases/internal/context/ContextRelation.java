package org.exitwork.cases.internal.context;

/**
 * How a context person stands to the client (R12). The labels (message keys {@code relation.*})
 * name the relation, never a judgement of the person: no "bad influence", no "scene contact".
 */
public enum ContextRelation {
    PARENT(Circle.FAMILY),
    SIBLING(Circle.FAMILY),
    PARTNER(Circle.FAMILY),
    CHILD(Circle.FAMILY),
    OTHER_RELATIVE(Circle.FAMILY),
    FRIEND(Circle.FRIENDS_AND_PEERS),
    PEER(Circle.FRIENDS_AND_PEERS),
    TEACHER(Circle.INSTITUTIONAL),
    SOCIAL_WORKER(Circle.INSTITUTIONAL),
    YOUTH_WELFARE_CARER(Circle.INSTITUTIONAL),
    PROBATION_OFFICER(Circle.INSTITUTIONAL),
    PRISON_STAFF(Circle.INSTITUTIONAL),
    MENTOR(Circle.INSTITUTIONAL),
    OTHER(Circle.OTHER);

    /** The groups the context page and the relation list are ordered by. */
    enum Circle {
        FAMILY, FRIENDS_AND_PEERS, INSTITUTIONAL, OTHER
    }

    private final Circle circle;

    ContextRelation(Circle circle) {
        this.circle = circle;
    }

    public Circle circle() {
        return circle;
    }

    static java.util.List<ContextRelation> in(Circle circle) {
        return java.util.Arrays.stream(values()).filter(r -> r.circle == circle).toList();
    }
}
