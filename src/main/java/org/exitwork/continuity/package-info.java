/**
 * Continuity: {@code backup} and {@code restore} of the whole database. The one module that reads and
 * writes every table, and the reason it names none: it finds them in the JDBC metadata of the
 * Flyway-migrated schema and treats every row alike, but for the HTTP sessions ({@code platform.SessionTables}),
 * which are live sign-ins and never leave in a backup. What a module means by "erased" stays that
 * module's: a restore re-applies the erasure journal through {@code keys.ErasureReplay}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Continuity",
        allowedDependencies = { "audit", "keys", "keys::erasure-journal", "platform" })
package org.exitwork.continuity;
