/**
 * Audit: an append-only, hash-chained log of every read and change of client data, every sign-in
 * and every account change. Other modules write to it only through {@link org.exitwork.audit.AuditLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.exitwork.audit;
