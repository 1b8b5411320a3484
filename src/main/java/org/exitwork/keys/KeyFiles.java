package org.exitwork.keys;

import java.nio.file.Path;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the keys module keeps its files outside the database. Public so that a module that must name
 * them (the first-run page, which tells who sets up the installation which file to back up) asks the
 * keys module instead of reading the keys module's settings itself.
 *
 * @param masterKeyFile the Tink keyset of master-key versions ({@code exitwork.master-key-file})
 * @param erasureJournal the journal of erased clients a restore replays ({@code exitwork.erasure-journal})
 */
@ConfigurationProperties("exitwork")
public record KeyFiles(Path masterKeyFile, Path erasureJournal) {

    public KeyFiles {
        Objects.requireNonNull(masterKeyFile, "exitwork.master-key-file is not set");
        Objects.requireNonNull(erasureJournal, "exitwork.erasure-journal is not set");
    }
}
