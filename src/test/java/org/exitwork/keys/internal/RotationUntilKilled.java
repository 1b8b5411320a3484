package org.exitwork.keys.internal;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs {@code rotate-keys} on a data directory and prints every progress line at once, so that
 * {@link RotationCrashTest} can kill this JVM in the middle of it.
 */
public final class RotationUntilKilled {

    private RotationUntilKilled() {
    }

    public static void main(String[] args) {
        KeyStore store = new KeyStore(Path.of(args[0]), Clock.systemUTC(), 250, 250);
        store.rotation.rotateMasterKey(line -> {
            System.out.println(line);
            System.out.flush();
        });
        System.out.println("finished");
        System.out.flush();
    }
}
