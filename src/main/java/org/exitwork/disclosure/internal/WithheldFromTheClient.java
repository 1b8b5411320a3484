package org.exitwork.disclosure.internal;

import org.exitwork.audit.AuditEntry;
import org.exitwork.cases.CaseReference;

/**
 * Audit entries the client's report leaves out for now. Only a danger alert has such entries: the
 * client learns of it, and of everything done with it, once the tandem has recorded that they were
 * told (R8); until then even "raised a danger alert" in the list of who did what would tell them.
 */
public interface WithheldFromTheClient {

    /** A filter for one client's report; built once per report, so it may load what it needs. */
    Filter forReport(CaseReference client);

    interface Filter {
        boolean withholds(AuditEntry entry);
    }
}
