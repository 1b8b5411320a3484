package org.exitwork.cases;

import java.util.Set;

/**
 * A person who came in but has not agreed to take part (R1): nothing about them but how they came
 * and what the work would be about. There is deliberately no field for incentives or sanctions.
 *
 * @param contextCase the person we would work with is a relative or caretaker, not the person at risk (R12)
 */
public record NewProspect(Pathway pathway, Set<PhenomenonArea> areas, boolean contextCase) {

    public NewProspect {
        areas = Set.copyOf(areas);
    }
}
