package org.exitwork.testing.rooms.internal.first;

import org.exitwork.testing.rooms.internal.second.Second;

/** Half of a cycle between two rooms, for {@code RoomsTest} to find. */
public class First {

    public Second next() {
        return new Second();
    }
}
