package org.exitwork.accounts.internal.passkeys;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.passkeys.PasskeyRepository.Passkey;
import org.exitwork.audit.AuditDetail;
import org.exitwork.audit.AuditEvent;
import org.exitwork.audit.AuditLog;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys of staff: the two WebAuthn ceremonies (registering one, signing in with one), the
 * holder's list, and the organisation's rule that managers and administrators must sign in with one.
 * The challenge of a ceremony lives in the session between its two requests and is used once.
 */
@Service
public class Passkeys {

    private static final org.apache.commons.logging.Log LOG = org.apache.commons.logging.LogFactory.getLog(Passkeys.class);

    static final String CREATION = "exitwork.passkey.creation";
    static final String REQUEST = "exitwork.passkey.request";
    public static final int LABEL_LENGTH = 64;

    /** Who a verified passkey belongs to, and which of theirs it was. */
    public record Verified(UUID staffId, UUID passkeyId) {
    }

    public enum Removal {
        REMOVED, NOT_FOUND, LAST_ONE_REQUIRED
    }

    private final RelyingParty relyingParty;
    private final PasskeyRepository passkeys;
    private final PasskeyUsers users;
    private final PasskeyPolicy policy;
    private final AuditLog audit;
    /** Spring Security's own JSON form of the ceremonies' options and credentials. */
    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

    Passkeys(RelyingParty relyingParty, PasskeyRepository passkeys, PasskeyUsers users, PasskeyPolicy policy,
            AuditLog audit) {
        this.relyingParty = relyingParty;
        this.passkeys = passkeys;
        this.users = users;
        this.policy = policy;
        this.audit = audit;
    }

    /** The options for the browser's {@code navigator.credentials.create}, as JSON; the challenge is kept. */
    @Transactional
    public String creationOptions(StaffPrincipal who, HttpServletRequest request) {
        // Made here rather than by the library, which would show the user name where the device names the person.
        if (users.findByUsername(who.username()) == null) {
            users.save(ImmutablePublicKeyCredentialUserEntity.builder().name(who.username())
                    .displayName(who.displayName()).id(Bytes.random()).build());
        }
        PublicKeyCredentialCreationOptions options = relyingParty.operations(request)
                .createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(
                        UsernamePasswordAuthenticationToken.authenticated(who.username(), null,
                                List.of(new SimpleGrantedAuthority(who.role().authority())))));
        request.getSession().setAttribute(CREATION, options);
        return json.writeValueAsString(options);
    }

    /** @return the new passkey's id, or empty when the browser's answer does not verify */
    @Transactional
    public Optional<UUID> register(StaffPrincipal who, String label, String credential, HttpServletRequest request) {
        PublicKeyCredentialCreationOptions options = take(request, CREATION, PublicKeyCredentialCreationOptions.class);
        if (options == null || credential == null || credential.isBlank()
                || !who.username().equals(options.getUser().getName())) {
            return Optional.empty();
        }
        CredentialRecord record;
        try {
            PublicKeyCredential<AuthenticatorAttestationResponse> created = json.readValue(credential,
                    new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>>() {
                    });
            record = relyingParty.operations(request).registerCredential(new ImmutableRelyingPartyRegistrationRequest(
                    options, new RelyingPartyPublicKey(created, label.strip())));
        } catch (RuntimeException e) {
            // Whatever the browser sent that does not verify (forged, replayed, another site's, not even
            // a credential): no passkey.
            LOG.debug("passkey not registered", e);
            return Optional.empty();
        }
        UUID id = passkeys.byCredentialId(record.getCredentialId()).orElseThrow().id();
        audit.record(event(who, PasskeyActions.PASSKEY_REGISTERED, AuditDetail.of("passkey.id", id)));
        return Optional.of(id);
    }

    /**
     * The options for {@code navigator.credentials.get}. After the password only the person's own
     * passkeys are offered; without it, any passkey of this site on the device (it names its holder).
     */
    @Transactional(readOnly = true)
    public String requestOptions(StaffPrincipal passwordVerified, HttpServletRequest request) {
        PublicKeyCredentialRequestOptions options = relyingParty.operations(request).createCredentialRequestOptions(
                new ImmutablePublicKeyCredentialRequestOptionsRequest(passwordVerified == null ? null
                        : UsernamePasswordAuthenticationToken.authenticated(passwordVerified.username(), null, List.of())));
        request.getSession().setAttribute(REQUEST, options);
        return json.writeValueAsString(options);
    }

    /** Checks the browser's signature against the kept challenge and the stored public key. */
    @Transactional
    public Optional<Verified> verify(String credential, HttpServletRequest request) {
        PublicKeyCredentialRequestOptions options = take(request, REQUEST, PublicKeyCredentialRequestOptions.class);
        if (options == null || credential == null || credential.isBlank()) {
            return Optional.empty();
        }
        try {
            PublicKeyCredential<AuthenticatorAssertionResponse> assertion = json.readValue(credential,
                    new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {
                    });
            PublicKeyCredentialUserEntity user = relyingParty.operations(request)
                    .authenticate(new RelyingPartyAuthenticationRequest(options, assertion));
            Optional<UUID> staff = users.staffOf(user.getId());
            Optional<Passkey> passkey = passkeys.byCredentialId(assertion.getRawId());
            if (staff.isEmpty() || passkey.isEmpty() || !passkey.get().staffId().equals(staff.get())) {
                return Optional.empty();
            }
            return Optional.of(new Verified(staff.get(), passkey.get().id()));
        } catch (RuntimeException e) {
            // A signature that does not verify, a passkey nobody has, a replayed or malformed answer.
            LOG.debug("passkey sign-in not verified", e);
            return Optional.empty();
        }
    }

    @Transactional(readOnly = true)
    public List<Passkey> of(UUID staffId) {
        return passkeys.ofStaff(staffId);
    }

    @Transactional(readOnly = true)
    public boolean has(UUID staffId) {
        return passkeys.count(staffId) > 0;
    }

    /** A holder removes their own passkey; not the last one while the organisation requires one of them. */
    @Transactional
    public Removal remove(StaffPrincipal who, UUID id) {
        if (passkeys.ofStaff(who.id()).stream().noneMatch(p -> p.id().equals(id))) {
            return Removal.NOT_FOUND;
        }
        if (requiredFor(who) && passkeys.count(who.id()) <= 1) {
            return Removal.LAST_ONE_REQUIRED;
        }
        passkeys.remove(who.id(), id);
        audit.record(event(who, PasskeyActions.PASSKEY_REMOVED, AuditDetail.of("passkey.id", id)));
        return Removal.REMOVED;
    }

    /** A second-factor reset takes the passkeys too: the device that held them may be the one lost. */
    @Transactional
    public int removeAllOf(UUID staffId) {
        return passkeys.removeAll(staffId);
    }

    /** Managers and administrators, where the organisation requires it. */
    @Transactional(readOnly = true)
    public boolean requiredFor(StaffPrincipal who) {
        return (who.role() == Role.MANAGER || who.role() == Role.ADMIN) && policy.required(who.organisationId());
    }

    /** Required but none yet: the person registers one before anything else. */
    @Transactional(readOnly = true)
    public boolean mustRegister(StaffPrincipal who) {
        return requiredFor(who) && !has(who.id());
    }

    /** Required and registered: a code from the app no longer completes the sign-in, only a passkey does. */
    @Transactional(readOnly = true)
    public boolean onlyPasskey(StaffPrincipal who) {
        return requiredFor(who) && has(who.id());
    }

    @Transactional(readOnly = true)
    public boolean requiredInOrganisation(UUID organisationId) {
        return policy.required(organisationId);
    }

    @Transactional
    public void setRequired(StaffPrincipal admin, boolean required) {
        if (policy.required(admin.organisationId()) == required) {
            return;
        }
        policy.setRequired(admin.organisationId(), required);
        audit.record(new AuditEvent(admin.organisationId(), admin.id(), admin.username(),
                PasskeyActions.PASSKEYS_REQUIRED_CHANGED, null,
                AuditDetail.of(required ? "passkey.required-on" : "passkey.required-off")));
    }

    private static <T> T take(HttpServletRequest request, String name, Class<T> type) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object kept = session.getAttribute(name);
        // A challenge answers one ceremony only.
        session.removeAttribute(name);
        return type.isInstance(kept) ? type.cast(kept) : null;
    }

    private static AuditEvent event(StaffPrincipal who, String action, String detail) {
        return new AuditEvent(who.organisationId(), who.id(), who.username(), action, who.username(), detail);
    }
}
