package org.exitwork.cases;

import java.util.List;
import java.util.Locale;

/**
 * A module's part of what the organisation records about a client, as the client may read it
 * (R19): the client's own report and their export gather every bean of this type. No access check
 * here; the disclosure gate has checked that the tandem asks. The internal resources and safety
 * assessment is not part of it (R5).
 */
@org.springframework.modulith.NamedInterface("client-record")
public interface ClientRecordPart {

    /** The sections this module holds about the client, in {@code language}; empty when it holds nothing. */
    List<ClientRecordSection> sections(CaseReference client, Locale language);
}
