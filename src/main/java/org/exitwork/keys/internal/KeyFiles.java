package org.exitwork.keys.internal;

import java.nio.file.Path;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the keys module keeps its files outside the database.
 *
 * @param masterKeyFile the Tink keyset of master-key versions ({@code exitwork.master-key-file})
 * @param erasureJournal the journal of erased clients a restore replays ({@code exitwork.erasure-journal})
 */
@ConfigurationProperties("exitwork")
record KeyFiles(Path masterKeyFile, Path erasureJournal) {

    KeyFiles {
        Objects.requireNonNull(masterKeyFile, "exitwork.master-key-file is not set");
        Objects.requireNonNull(erasureJournal, "exitwork.erasure-journal is not set");
    }
}
