package org.exitwork.cases.internal.identity;

import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.IdentityMentions;
import org.exitwork.cases.IdentityVault;
import org.exitwork.keys.ClientKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link IdentityVault} and {@link IdentityMentions}: decrypts the identity for the disclosure gate. */
@Service
class IdentityVaultService implements IdentityVault, IdentityMentions {

    private final IdentityRepository cases;
    private final ClientKeys keys;

    IdentityVaultService(IdentityRepository cases, ClientKeys keys) {
        this.cases = cases;
        this.keys = keys;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ClientIdentity> identity(UUID organisationId, UUID clientId) {
        if (!cases.belongsTo(organisationId, clientId)) {
            return Optional.empty();
        }
        return cases.identity(clientId).map(row -> row.open(keys.cipherFor(clientId), clientId));
    }

    @Override
    @Transactional(readOnly = true)
    public boolean mentioned(UUID clientId, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return cases.identity(clientId)
                .map(row -> IdentityMatcher.names(row.open(keys.cipherFor(clientId), clientId), text)).orElse(false);
    }
}
