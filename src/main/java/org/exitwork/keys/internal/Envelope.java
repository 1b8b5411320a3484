package org.exitwork.keys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.proto.EncryptedKeyset;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import org.exitwork.keys.UnreadableException;

/** Data keys wrapped by the master key (Tink encrypted keysets), bound to their row by associated data. */
final class Envelope {

    private static final String DATA_KEY_TEMPLATE = "AES256_GCM";

    /** A wrapped data key and the master-key version that wrapped it. */
    record Wrapped(byte[] bytes, long by) {
    }

    private Envelope() {
    }

    static KeysetHandle newDataKey() {
        try {
            return KeysetHandle.generateNew(KeyTemplates.get(DATA_KEY_TEMPLATE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a data key", e);
        }
    }

    /** Raw 32-byte HMAC-SHA256 tags: nothing in them says which key made them, the verifier knows. */
    static KeysetHandle newMacKey() {
        try {
            MacConfig.register();
            return KeysetHandle.generateNew(HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(32)
                    .setHashType(HmacParameters.HashType.SHA256).setVariant(HmacParameters.Variant.NO_PREFIX).build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a MAC key", e);
        }
    }

    static Mac mac(KeysetHandle key) {
        try {
            MacConfig.register();
            return key.getPrimitive(RegistryConfiguration.get(), Mac.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Wrapped wrap(KeysetHandle key, MasterKeyFile.Snapshot master, byte[] ad) {
        try {
            return new Wrapped(TinkProtoKeysetFormat.serializeEncryptedKeyset(key, master.aead(), ad),
                    master.primaryId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not wrap a data key", e);
        }
    }

    static KeysetHandle unwrap(byte[] wrapped, Aead master, byte[] ad) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master, ad);
        } catch (GeneralSecurityException e) {
            throw new UnreadableException("data key cannot be unwrapped with the master key", e);
        }
    }

    /** The same data key, wrapped by the primary master-key version of {@code master}. */
    static Wrapped rewrap(byte[] wrapped, MasterKeyFile.Snapshot master, byte[] ad) {
        return wrap(unwrap(wrapped, master.aead(), ad), master, ad);
    }

    /**
     * The master-key version that wrapped it, read from Tink's output prefix (0x01 and the key id):
     * for rows written before {@code wrapped_by} was recorded. -1 if it has none.
     */
    static long wrappedBy(byte[] wrapped) {
        try {
            byte[] ciphertext = EncryptedKeyset.parseFrom(wrapped, ExtensionRegistryLite.getEmptyRegistry())
                    .getEncryptedKeyset().toByteArray();
            if (ciphertext.length < 5 || ciphertext[0] != 1) {
                return -1;
            }
            return ((ciphertext[1] & 0xFFL) << 24) | ((ciphertext[2] & 0xFFL) << 16) | ((ciphertext[3] & 0xFFL) << 8)
                    | (ciphertext[4] & 0xFFL);
        } catch (InvalidProtocolBufferException e) {
            return -1;
        }
    }

    static Aead primitive(KeysetHandle key) {
        try {
            return key.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] clientAd(UUID clientId) {
        return ("key_client|" + clientId).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] systemAd(String name) {
        return ("key_system|" + name).getBytes(StandardCharsets.UTF_8);
    }
}
