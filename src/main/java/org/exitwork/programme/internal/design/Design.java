package org.exitwork.programme.internal.design;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.exitwork.cases.Pathway;
import org.exitwork.cases.PhenomenonArea;

/** The values of a programme's design. */
public final class Design {

    private Design() {
    }

    public record Indicator(UUID id, String name, Direction direction, String baseline, Frequency frequency) {
    }

    /** An outcome rated with the client on a scale from 1 to {@code scaleMax}; its two ends described in both languages. */
    public record Outcome(UUID id, String name, int scaleMax, String lowEn, String lowDe, String highEn,
            String highDe, List<Indicator> indicators) {

        public Outcome {
            indicators = List.copyOf(indicators);
        }

        public String low(Locale locale) {
            return "de".equals(locale.getLanguage()) ? lowDe : lowEn;
        }

        public String high(Locale locale) {
            return "de".equals(locale.getLanguage()) ? highDe : highEn;
        }
    }

    public record Programme(UUID id, String name, String goal, String targetGroups, Set<PhenomenonArea> areas,
            Set<Pathway> pathways, List<UUID> staff, List<Outcome> outcomes) {

        /** The programme's outcomes by id; a HashMap, so looking up an id that could not be read (null) is no error. */
        public java.util.Map<UUID, Outcome> outcomesById() {
            java.util.Map<UUID, Outcome> byId = new java.util.HashMap<>();
            outcomes.forEach(o -> byId.put(o.id(), o));
            return byId;
        }
    }

    public record Summary(UUID id, String name, int outcomes) {
    }

    /** What a manager writes about a programme (its outcomes are added one by one). */
    public record Draft(String name, String goal, String targetGroups, Set<PhenomenonArea> areas,
            Set<Pathway> pathways, Set<UUID> staff) {
    }

    public record OutcomeDraft(String name, int scaleMax, String lowEn, String lowDe, String highEn,
            String highDe, List<Indicator> indicators) {
    }
}
