package org.exitwork.cases.internal.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.IdentityFlag;
import org.exitwork.cases.IdentityMentions;
import org.exitwork.cases.IdentityVault;
import org.exitwork.cases.internal.context.ContextRepository;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link IdentityVault} and {@link IdentityMentions}: decrypts the identity for the disclosure gate. */
@Service
class IdentityVaultService implements IdentityVault, IdentityMentions {

    private final IdentityRepository cases;
    private final ClientKeys keys;
    private final ContextRepository context;

    IdentityVaultService(IdentityRepository cases, ClientKeys keys, ContextRepository context) {
        this.cases = cases;
        this.keys = keys;
        this.context = context;
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

    @Override
    @Transactional(readOnly = true)
    public List<IdentityFlag> flags(UUID clientId, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        FieldCipher cipher = keys.cipherFor(clientId);
        ClientIdentity identity = cases.identity(clientId).map(row -> row.open(cipher, clientId)).orElse(null);
        List<String> persons = context.persons(clientId).stream()
                .map(p -> cipher.row("cas_context_person", p.id()).open("name", p.name())).toList();
        List<String> institutions = context.stays(clientId).stream()
                .map(s -> cipher.row("cas_institution_stay", s.id()).open("name", s.name())).toList();
        return IdentityFlags.find(new IdentityFlags.Known(cases.pseudonym(clientId).orElse(null), identity, persons, institutions), text);
    }
}
