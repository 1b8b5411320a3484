package org.exitwork.audit.internal.keys;

import java.security.GeneralSecurityException;
import org.exitwork.audit.internal.verification.FastEntryCheck;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;

/**
 * The audit log's own keys, kept outside the database: an HMAC-SHA256 key that authenticates every
 * entry, and an Ed25519 key that signs the checkpoints. Not derived from the master key, whose old
 * versions are destroyed after a while: old entries must stay verifiable for ever.
 */
public record AuditKeys(Mac mac, PublicKeySign signer, PublicKeyVerify verifier, byte[] hmacKey) {

    /** Raw 32-byte tags, so that a tag is exactly HMAC-SHA256 and a test vector can pin it. */
    public static final HmacParameters MAC_PARAMETERS;

    static {
        try {
            MacConfig.register();
            SignatureConfig.register();
            MAC_PARAMETERS = HmacParameters.builder()
                    .setKeySizeBytes(32)
                    .setTagSizeBytes(32)
                    .setHashType(HmacParameters.HashType.SHA256)
                    .setVariant(HmacParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink MAC and signatures could not be registered", e);
        }
    }

    public static KeysetHandle newMacKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(MAC_PARAMETERS);
    }

    public static KeysetHandle newSignatureKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
    }

    public static AuditKeys of(KeysetHandle macKeyset, KeysetHandle signatureKeyset) throws GeneralSecurityException {
        return new AuditKeys(macKeyset.getPrimitive(RegistryConfiguration.get(), Mac.class),
                signatureKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class),
                signatureKeyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class),
                hmacKey(macKeyset));
    }

    /**
     * The bytes of the one HMAC-SHA256 key of a keyset as the file holds it (raw 32-byte tags, no prefix),
     * for the verification's fast path ({@link FastEntryCheck}), which computes exactly the tag Tink computes
     * with the JDK's HmacSHA256 and reused buffers; {@code null} for any other keyset, which then verifies
     * through Tink alone.
     */
    private static byte[] hmacKey(KeysetHandle keyset) {
        if (keyset.size() != 1 || !(keyset.getPrimary().getKey() instanceof com.google.crypto.tink.mac.HmacKey key)
                || !MAC_PARAMETERS.equals(key.getParameters())) {
            return null;
        }
        return key.getKeyBytes().toByteArray(com.google.crypto.tink.InsecureSecretKeyAccess.get());
    }
}
