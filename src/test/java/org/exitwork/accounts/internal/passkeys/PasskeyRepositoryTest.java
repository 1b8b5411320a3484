package org.exitwork.accounts.internal.passkeys;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's two repositories on this module's tables ({@code acc_passkey_user},
 * {@code acc_passkey}), on H2 and on PostgreSQL: what the library saves, it finds again unchanged.
 */
@DatabaseTest
class PasskeyRepositoryTest {

    @Autowired
    PasskeyUsers users;

    @Autowired
    PasskeyRepository passkeys;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Test
    void aUserHandleStandsForItsStaffMember() {
        StaffPrincipal staff = fixtures.staff(fixtures.organisation(), Role.PRACTITIONER);
        Bytes handle = Bytes.random();
        assertThat(users.findByUsername(staff.username())).isNull();

        users.save(ImmutablePublicKeyCredentialUserEntity.builder().name(staff.username()).displayName("ignored")
                .id(handle).build());

        PublicKeyCredentialUserEntity found = users.findById(handle);
        assertThat(found.getName()).isEqualTo(staff.username());
        // The staff member's own display name, whatever the library proposed.
        assertThat(found.getDisplayName()).isEqualTo(staff.displayName());
        assertThat(users.findByUsername(staff.username()).getId()).isEqualTo(handle);
        assertThat(users.staffOf(handle)).contains(staff.id());
        users.delete(handle);
        assertThat(users.findById(handle)).isNull();
        assertThat(users.staffOf(handle)).isEmpty();
    }

    @Test
    void aCredentialComesBackAsSavedAndEachUseMovesItsCounterAndTime() {
        StaffPrincipal staff = fixtures.staff(fixtures.organisation(), Role.MANAGER);
        Bytes handle = Bytes.random();
        users.save(ImmutablePublicKeyCredentialUserEntity.builder().name(staff.username()).displayName("x").id(handle)
                .build());
        Bytes credentialId = Bytes.random();
        byte[] publicKey = {1, 2, 3, 4, 5};
        Instant registeredAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        passkeys.save(ImmutableCredentialRecord.builder().credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                .credentialId(credentialId).userEntityUserId(handle).publicKey(new ImmutablePublicKeyCose(publicKey))
                .signatureCount(0).uvInitialized(true)
                .transports(Set.of(AuthenticatorTransport.INTERNAL, AuthenticatorTransport.HYBRID))
                .backupEligible(true).backupState(false).attestationObject(new Bytes(new byte[] {9, 8}))
                .attestationClientDataJSON(new Bytes(new byte[] {7})).label("work laptop")
                .created(Instant.EPOCH).lastUsed(Instant.EPOCH).build());

        CredentialRecord found = passkeys.findByCredentialId(credentialId);
        assertThat(found.getCredentialId()).isEqualTo(credentialId);
        assertThat(found.getUserEntityUserId()).isEqualTo(handle);
        assertThat(found.getPublicKey().getBytes()).containsExactly(publicKey);
        assertThat(found.getSignatureCount()).isZero();
        assertThat(found.isUvInitialized()).isTrue();
        assertThat(found.getTransports()).containsExactlyInAnyOrder(AuthenticatorTransport.INTERNAL,
                AuthenticatorTransport.HYBRID);
        assertThat(found.isBackupEligible()).isTrue();
        assertThat(found.isBackupState()).isFalse();
        assertThat(found.getAttestationObject().getBytes()).containsExactly(9, 8);
        assertThat(found.getAttestationClientDataJSON().getBytes()).containsExactly(7);
        assertThat(found.getLabel()).isEqualTo("work laptop");
        // The application's clock, not the library's; never used yet.
        assertThat(found.getCreated()).isEqualTo(registeredAt);
        assertThat(found.getLastUsed()).isNull();
        assertThat(passkeys.findByUserId(handle)).extracting(CredentialRecord::getCredentialId).containsExactly(credentialId);
        assertThat(passkeys.ofStaff(staff.id())).singleElement().satisfies(p -> {
            assertThat(p.label()).isEqualTo("work laptop");
            assertThat(p.created()).isEqualTo(registeredAt);
        });

        clock.advance(Duration.ofMinutes(5));
        passkeys.save(ImmutableCredentialRecord.fromCredentialRecord(found).signatureCount(7).backupState(true)
                .lastUsed(Instant.EPOCH).build());
        CredentialRecord used = passkeys.findByCredentialId(credentialId);
        assertThat(used.getSignatureCount()).isEqualTo(7);
        assertThat(used.isBackupState()).isTrue();
        assertThat(used.getLastUsed()).isEqualTo(registeredAt.plus(Duration.ofMinutes(5)));
        assertThat(used.getLabel()).isEqualTo("work laptop");
        assertThat(passkeys.count(staff.id())).isEqualTo(1);

        passkeys.delete(credentialId);
        assertThat(passkeys.findByCredentialId(credentialId)).isNull();
        assertThat(passkeys.findByUserId(handle)).isEmpty();
    }
}
