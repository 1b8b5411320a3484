package org.exitwork.quality.internal.access;

/**
 * A correction was made on a form that showed an older version of the record: someone corrected it
 * meanwhile. Nothing is changed; the page shows the record as it is now.
 */
public final class RecordChanged extends RuntimeException {

    public RecordChanged() {
        super("the record was corrected meanwhile", null, false, false);
    }
}
