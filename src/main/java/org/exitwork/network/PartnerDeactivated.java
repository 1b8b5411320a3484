package org.exitwork.network;

import java.util.UUID;

/**
 * A partner was deactivated. Published in the deactivating transaction, so that what the partner
 * was given (API credentials, form links) ends with it and does not come back on reactivation.
 */
public record PartnerDeactivated(UUID organisationId, UUID partnerId, UUID deactivatedBy) {
}
