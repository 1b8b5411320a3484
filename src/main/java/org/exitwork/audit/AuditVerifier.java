package org.exitwork.audit;

/** Recomputes the whole chain from the first entry. */
public interface AuditVerifier {

    ChainVerification verify();
}
