package org.exitwork.disclosure.internal;

/** Audit action names of the gate itself; each way out adds its own for its pages. */
public final class DisclosureActions {

    /** Something left the organisation; detail: channel, recipient, what (codes), why (a reference, never content). */
    public static final String DISCLOSURE_GRANTED = "DISCLOSURE_GRANTED";
    /** A request to disclose was refused; detail: channel, recipient, what, the reason code. Nothing left. */
    public static final String DISCLOSURE_REFUSED = "DISCLOSURE_REFUSED";
    /** A link handed out was used more often today than a link is; later uses that day are not recorded. */
    public static final String LINK_USES_USED_UP = "LINK_USES_USED_UP";

    private DisclosureActions() {
    }
}
