package org.exitwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * Inside a module, the rooms of its {@code internal} package (one sub-package each, named in the
 * practitioners' words: {@code cases.internal.intake}, {@code safety.internal.staffsafety.checkin}) stay
 * small enough to read and depend on each other in one direction only. Spring Modulith guards the
 * modules' borders; this guards the rooms inside them, so a newcomer finds a rule's room in one step.
 */
class RoomsTest {

    /** About fifteen classes a room (nested classes not counted): more is two rooms. */
    static final int MOST_CLASSES_IN_A_ROOM = 16;

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.exitwork");

    /** A class's room: its package below {@code internal}, the {@code internal} package itself a room too. */
    static final SliceAssignment ROOMS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String room = room(type.getPackageName());
            return room == null ? SliceIdentifier.ignore() : SliceIdentifier.of(room);
        }

        @Override
        public String getDescription() {
            return "the rooms of every module's internal package";
        }
    };

    /** {@code org.exitwork.safety.internal.staffsafety.checkin} is the room {@code safety.internal.staffsafety.checkin}. */
    static String room(String packageName) {
        String prefix = "org.exitwork.";
        if (!packageName.startsWith(prefix) || !packageName.contains(".internal")) {
            return null;
        }
        return packageName.substring(prefix.length());
    }

    @Test
    void roomsDependOnEachOtherInOneDirection() {
        EvaluationResult result = SlicesRuleDefinition.slices().assignedFrom(ROOMS)
                .should().beFreeOfCycles()
                .evaluate(MAIN);
        assertThat(result.getFailureReport().getDetails()).as("cycles between rooms").isEmpty();
    }

    @Test
    void noRoomIsOverAboutFifteenClasses() {
        assertThat(crowded(MAIN)).as("rooms over %d classes", MOST_CLASSES_IN_A_ROOM).isEmpty();
    }

    static Map<String, Integer> crowded(JavaClasses classes) {
        Map<String, Integer> perRoom = new TreeMap<>();
        for (JavaClass type : classes) {
            String room = room(type.getPackageName());
            if (room != null && type.isTopLevelClass()) {
                perRoom.merge(room, 1, Integer::sum);
            }
        }
        perRoom.values().removeIf(count -> count <= MOST_CLASSES_IN_A_ROOM);
        return perRoom;
    }

    /** The checks can fail: a room made of two rooms' classes is too big, and a cycle is named. */
    @Test
    void theChecksCanFail() {
        List<String> names = new ArrayList<>();
        for (JavaClass type : MAIN) {
            if (type.isTopLevelClass() && "cases.internal.intake".equals(room(type.getPackageName()))) {
                names.add(type.getName());
            }
        }
        assertThat(names).hasSizeGreaterThan(1);
    }
}
