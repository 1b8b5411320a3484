package org.exitwork.referrals.internal.inbound;

import java.util.Base64;
import java.util.UUID;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark harness only: a partner credential created through the real service
 * ({@link CredentialAdministration#create}), as a manager does at /referrals/credentials. The
 * secret is returned decoded (the 32 bytes the HMAC is keyed with), as a partner would decode it.
 */
public final class BenchCredentials {

    /** A key id and its decoded secret. */
    public record Credential(String keyId, byte[] secret) {
    }

    private BenchCredentials() {
    }

    public static Credential create(ApplicationContext context, StaffPrincipal manager, UUID partnerId, Scope scope) {
        CredentialAdministration.Issued issued = context.getBean(CredentialAdministration.class)
                .create(manager, partnerId, scope);
        return new Credential(issued.keyId(), Base64.getUrlDecoder().decode(issued.secret()));
    }
}
