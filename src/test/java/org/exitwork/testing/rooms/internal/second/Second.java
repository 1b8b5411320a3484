package org.exitwork.testing.rooms.internal.second;

import org.exitwork.testing.rooms.internal.first.First;

/** The other half of the cycle: a room that imports back the room that imports it. */
public class Second {

    public First back() {
        return new First();
    }
}
