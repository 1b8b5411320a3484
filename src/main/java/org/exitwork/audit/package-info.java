/**
 * Audit: an append-only log of every read and change of client data, every sign-in and every
 * account change, in one chain per organisation authenticated with a key kept outside the database,
 * with signed checkpoints outside the database. Other modules write to it only through
 * {@link org.exitwork.audit.AuditLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit",
        allowedDependencies = { "keys" })
package org.exitwork.audit;
