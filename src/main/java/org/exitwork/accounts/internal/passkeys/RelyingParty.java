package org.exitwork.accounts.internal.passkeys;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.exitwork.platform.PublicAddress;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * Exitwork as a WebAuthn relying party: Spring Security's operations on webauthn4j, with the site's
 * name and origin taken from {@code exitwork.public-address}. A passkey is bound to that host, so a
 * look-alike site cannot use it. Every passkey is discoverable and every ceremony asks the device to
 * verify its user (PIN, fingerprint, face): then the passkey alone is two factors.
 */
@Component
class RelyingParty {

    static final String NAME = "Exitwork";

    private final PublicAddress address;
    private final PasskeyUsers users;
    private final PasskeyRepository credentials;
    private final Map<Set<String>, Webauthn4JRelyingPartyOperations> byOrigins = new ConcurrentHashMap<>();

    RelyingParty(PublicAddress address, PasskeyUsers users, PasskeyRepository credentials) {
        this.address = address;
        this.users = users;
        this.credentials = credentials;
    }

    Webauthn4JRelyingPartyOperations operations(HttpServletRequest request) {
        return byOrigins.computeIfAbsent(origins(request), this::operations);
    }

    /**
     * The public address's origin. On localhost (the embedded start, tests) also the port the server
     * really listens on, which may differ from the configured one; it is the socket's port, never
     * the request's Host header.
     */
    Set<String> origins(HttpServletRequest request) {
        Set<String> origins = new TreeSet<>();
        origins.add(address.origin());
        if ("localhost".equals(address.host())) {
            origins.add("http://localhost:" + request.getLocalPort());
        }
        return Set.copyOf(origins);
    }

    private Webauthn4JRelyingPartyOperations operations(Set<String> origins) {
        Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(users, credentials,
                PublicKeyCredentialRpEntity.builder().id(address.host()).name(NAME).build(), origins);
        operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(
                AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.REQUIRED)
                        .build()));
        operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }
}
