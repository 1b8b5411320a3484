package org.exitwork.disclosure.internal.share;

/** Audit action names of the share pages and links (R9); the share itself is DISCLOSURE_GRANTED/REFUSED. */
final class ShareActions {

    /** The tandem or a reader who broke the glass looked at the list of shares; detail: a count. */
    static final String SHARES_READ = "SHARES_READ";
    /** The tandem opened the share form, which shows the purposes of the valid consents; detail: a count. */
    static final String SHARE_FORM_OPENED = "SHARE_FORM_OPENED";
    /** The tandem downloaded a share's document themselves; detail: share id and form. */
    static final String SHARE_DOCUMENT_DOWNLOADED = "SHARE_DOCUMENT_DOWNLOADED";
    /** The partner fetched a share through its link; detail: share id and form. */
    static final String SHARE_LINK_FETCHED = "SHARE_LINK_FETCHED";
    /** A link of a known share was used but is no longer valid; detail: share id and the reason code. */
    static final String SHARE_LINK_REFUSED = "SHARE_LINK_REFUSED";
    /** The tandem withdrew a share's link; detail: share id. */
    static final String SHARE_LINK_WITHDRAWN = "SHARE_LINK_WITHDRAWN";

    private ShareActions() {
    }
}
