package org.exitwork.network;

import java.util.UUID;

/** A named contact person at a partner, decrypted; role, phone and e-mail may be null. */
public record PartnerContact(UUID id, String name, String role, String phone, String email) {
}
