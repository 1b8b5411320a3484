package org.exitwork.referrals.internal.inbound.api;

import org.exitwork.referrals.internal.inbound.Scope;
import org.exitwork.referrals.internal.inbound.credentials.CredentialStore;
import java.util.List;
import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A partner's system, authenticated by a signed request: who it is and the one thing it may do. */
final class PartnerCaller extends AbstractAuthenticationToken {

    private final UUID credentialId;
    private final UUID organisationId;
    private final UUID partnerId;
    private final Scope scope;
    private final String keyId;

    PartnerCaller(CredentialStore.Active credential) {
        super(List.of(new SimpleGrantedAuthority(credential.scope().authority())));
        this.credentialId = credential.id();
        this.organisationId = credential.organisationId();
        this.partnerId = credential.partnerId();
        this.scope = credential.scope();
        this.keyId = credential.keyId();
        setAuthenticated(true);
    }

    UUID credentialId() {
        return credentialId;
    }

    UUID organisationId() {
        return organisationId;
    }

    UUID partnerId() {
        return partnerId;
    }

    Scope scope() {
        return scope;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return keyId;
    }
}
