package org.exitwork.commands;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The commands of {@code java -jar exitwork.jar <command>} besides {@code serve}. */
public enum Command {
    VERIFY_AUDIT("verify-audit", "[--full]: check the audit chains from the last signed checkpoint on (--full: every "
            + "entry); exit 0 if intact, 1 naming what does not fit"),
    DEMO_DATA("demo-data", "fill an empty database with a demo organisation, staff and fictitious clients"),
    ROTATE_KEYS("rotate-keys", "make a new master key version primary now, re-wrap every data key under it, destroy versions past the erasure horizon"),
    ERASE_EXPIRED("erase-expired",
            "erase every client, group and appointment whose retention period has passed (the server does it hourly)"),
    BACKUP("backup", "<file>: write a consistent copy of the database, without key material, to a new file"),
    RESTORE("restore", "<file>: restore a backup into a new, empty database and erase again what was erased since");

    private final String cliName;
    private final String description;

    Command(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public static Optional<Command> named(String name) {
        return Arrays.stream(values()).filter(c -> c.cliName.equals(name)).findFirst();
    }

    public static String usage() {
        return "Usage: java -jar exitwork.jar [serve | " + Arrays.stream(values()).map(c -> c.cliName)
                .collect(Collectors.joining(" | ")) + "]\n" + Arrays.stream(values())
                .map(c -> String.format("  %-13s %s", c.cliName, c.description))
                .collect(Collectors.joining("\n"));
    }
}
