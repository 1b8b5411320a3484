package org.exitwork.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A passkey device in plain Java for MockMvc tests: answers the server's WebAuthn options as a
 * browser with a platform authenticator would ("none" attestation, ES256), for the public address
 * the tests run under. The browser test uses Chromium's own virtual authenticator instead.
 */
public final class SoftwareAuthenticator {

    /** The origin the test application accepts (its {@code exitwork.public-address}). */
    public static final String ORIGIN = "http://localhost:8080";
    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;

    private final JsonMapper json = JsonMapper.builder().build();
    private final ObjectConverter converter = new ObjectConverter();
    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private byte[] userHandle;
    private long counter;
    /** A device that cannot verify its user (no PIN, no fingerprint): only user presence. */
    private boolean verifiesUser = true;

    private final String origin;

    public SoftwareAuthenticator() {
        this(ORIGIN);
    }

    /** @param origin the page's origin as the browser would report it */
    public SoftwareAuthenticator(String origin) {
        this.origin = origin;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            new java.security.SecureRandom().nextBytes(credentialId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public SoftwareAuthenticator withoutUserVerification() {
        return verifiesUser(false);
    }

    public SoftwareAuthenticator verifiesUser(boolean verifies) {
        verifiesUser = verifies;
        return this;
    }

    /** The browser's answer to {@code navigator.credentials.create} with these options, as passkeys.js sends it. */
    public String register(String creationOptions) {
        JsonNode options = json.readTree(creationOptions);
        userHandle = Base64.getUrlDecoder().decode(options.get("user").get("id").asString());
        String rpId = options.get("rp").get("id").asString();
        byte[] clientData = clientData("webauthn.create", options.get("challenge").asString());
        AuthenticatorData<?> authenticatorData = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                (byte) (UP | (verifiesUser ? UV : 0) | AT), counter,
                new AttestedCredentialData(new AAGUID(new byte[16]), credentialId,
                        EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256)));
        @SuppressWarnings("unchecked")
        AttestationObject attestation = new AttestationObject((AuthenticatorData) authenticatorData,
                new NoneAttestationStatement());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("attestationObject", base64(new AttestationObjectConverter(converter).convertToBytes(attestation)));
        response.put("clientDataJSON", base64(clientData));
        response.put("transports", List.of("internal"));
        return credential(response);
    }

    /** The answer to {@code navigator.credentials.get}: a signature over the server's challenge. */
    public String signIn(String requestOptions) {
        JsonNode options = json.readTree(requestOptions);
        byte[] clientData = clientData("webauthn.get", options.get("challenge").asString());
        byte[] authenticatorData = new AuthenticatorDataConverter(converter).convert(new AuthenticatorData<>(
                sha256(options.get("rpId").asString().getBytes(StandardCharsets.UTF_8)),
                (byte) (UP | (verifiesUser ? UV : 0)), ++counter));
        byte[] signed = new byte[authenticatorData.length + 32];
        System.arraycopy(authenticatorData, 0, signed, 0, authenticatorData.length);
        System.arraycopy(sha256(clientData), 0, signed, authenticatorData.length, 32);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("authenticatorData", base64(authenticatorData));
        response.put("clientDataJSON", base64(clientData));
        response.put("signature", base64(sign(signed)));
        response.put("userHandle", base64(userHandle));
        return credential(response);
    }

    private String credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", base64(credentialId));
        credential.put("rawId", base64(credentialId));
        credential.put("response", response);
        credential.put("type", "public-key");
        credential.put("clientExtensionResults", Map.of());
        credential.put("authenticatorAttachment", "platform");
        return json.writeValueAsString(credential);
    }

    private byte[] clientData(String type, String challenge) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return json.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
