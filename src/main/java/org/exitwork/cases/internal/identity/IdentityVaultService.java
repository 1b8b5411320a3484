package org.exitwork.cases.internal.identity;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.IdentityMentions;
import org.exitwork.cases.IdentityVault;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
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
        return cases.identity(clientId).map(row -> {
            FieldCipher cipher = keys.cipherFor(clientId);
            String dob = cipher.decrypt(ref(clientId, "date_of_birth"), row.dateOfBirth());
            return new ClientIdentity(cipher.decrypt(ref(clientId, "full_name"), row.fullName()),
                    dob == null ? null : LocalDate.parse(dob), cipher.decrypt(ref(clientId, "contact"), row.contact()),
                    cipher.decrypt(ref(clientId, "aliases"), row.aliases()));
        });
    }

    @Override
    @Transactional(readOnly = true)
    public boolean mentioned(UUID clientId, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return cases.identity(clientId).map(row -> {
            FieldCipher cipher = keys.cipherFor(clientId);
            String dob = cipher.decrypt(ref(clientId, "date_of_birth"), row.dateOfBirth());
            return IdentityMatcher.names(new ClientIdentity(cipher.decrypt(ref(clientId, "full_name"), row.fullName()),
                    dob == null ? null : LocalDate.parse(dob), cipher.decrypt(ref(clientId, "contact"), row.contact()),
                    cipher.decrypt(ref(clientId, "aliases"), row.aliases())), text);
        }).orElse(false);
    }

    private static FieldRef ref(UUID clientId, String field) {
        return FieldRef.of("cas_identity", clientId, field);
    }
}
