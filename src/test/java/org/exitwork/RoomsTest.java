package org.exitwork;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(cycles(MAIN)).as("cycles between rooms").isEmpty();
    }

    @Test
    void noRoomIsOverAboutFifteenClasses() {
        assertThat(crowded(MAIN, MOST_CLASSES_IN_A_ROOM)).as("rooms over %d classes", MOST_CLASSES_IN_A_ROOM)
                .isEmpty();
    }

    /** The checks can fail: two rooms that import each other are named, and so is a room over a limit. */
    @Test
    void theChecksCanFail() {
        JavaClasses twoRooms = new ClassFileImporter().importPackages("org.exitwork.testing.rooms");
        assertThat(cycles(twoRooms)).singleElement().asString()
                .contains("Cycle detected: Slice testing.rooms.internal.first -> ")
                .contains("Slice testing.rooms.internal.second -> ");

        Map<String, Integer> overTwo = crowded(MAIN, 2);
        assertThat(overTwo).containsKey("cases.internal.intake").doesNotContainKey("cases.internal.figures");
        assertThat(overTwo.get("safety.internal.staffsafety")).isBetween(3, MOST_CLASSES_IN_A_ROOM);
    }

    static List<String> cycles(JavaClasses classes) {
        EvaluationResult result = SlicesRuleDefinition.slices().assignedFrom(ROOMS)
                .should().beFreeOfCycles()
                .allowEmptyShould(true)
                .evaluate(classes);
        return result.getFailureReport().getDetails();
    }

    /** The rooms with more than {@code most} top-level classes, with their counts. */
    static Map<String, Integer> crowded(JavaClasses classes, int most) {
        Map<String, Integer> perRoom = new TreeMap<>();
        for (JavaClass type : classes) {
            String room = room(type.getPackageName());
            if (room != null && type.isTopLevelClass()) {
                perRoom.merge(room, 1, Integer::sum);
            }
        }
        perRoom.values().removeIf(count -> count <= most);
        return perRoom;
    }
}
