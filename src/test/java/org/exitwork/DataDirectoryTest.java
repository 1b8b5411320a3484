package org.exitwork;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The data directory at start-up, before Spring: made private when new, a warning when others may enter it. */
class DataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void aNewDataDirectoryIsTheOwnersAlone() throws Exception {
        Path dir = parent.resolve("data");

        assertThat(ExitworkApplication.privateDataDirectory(dir)).isEmpty();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void anExistingDirectoryOthersMayEnterIsLeftAsItIsWithAWarning() throws Exception {
        Path dir = Files.createDirectory(parent.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));

        assertThat(ExitworkApplication.privateDataDirectory(dir)).contains("WARNING: other users of this machine may "
                + "enter the data directory " + dir.toAbsolutePath() + " (rwxr-x---): the database and the keys in it are"
                + " theirs to copy. Make it private: chmod 700 " + dir.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-x---");
    }

    @Test
    void anExistingPrivateDirectoryIsQuiet() throws Exception {
        Path dir = Files.createDirectory(parent.resolve("private"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        assertThat(ExitworkApplication.privateDataDirectory(dir)).isEmpty();
    }
}
