package org.exitwork.network;

import java.util.UUID;

/** A partner as other modules may see it. */
public record Partner(UUID id, UUID organisationId, String name, PartnerKind kind, boolean active) {
}
