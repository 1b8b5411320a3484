package org.exitwork.keys.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.ErasureJournal;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.KeyRotation;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.keys.UnreadableException;
import org.exitwork.keys.WrappedKeyCheck;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Envelope encryption with Tink: data keys wrapped by the master key, stored in key_* tables. */
@Service
class TinkKeys implements ClientKeys, SystemSecrets, KeyRotation, WrappedKeyCheck {

    private static final String DATA_KEY_TEMPLATE = "AES256_GCM";
    private static final String SYSTEM_KEY = "staff-secrets";

    private final MasterKeyFile master;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ErasureJournal journal;
    private volatile FieldCipher systemCipher;

    TinkKeys(@Value("${exitwork.master-key-file}") Path masterKeyFile, JdbcClient jdbc, TransactionTemplate tx,
            Clock clock, ErasureJournal journal) {
        this.journal = journal;
        this.master = new MasterKeyFile(masterKeyFile);
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void createKey(UUID clientId, UUID organisationId) {
        byte[] wrapped = wrap(newDataKey(), clientAd(clientId));
        jdbc.sql("INSERT INTO key_client (client_id, org_id, wrapped_keyset, created_at) VALUES (?, ?, ?, ?)")
                .params(clientId, organisationId, wrapped, Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    public FieldCipher cipherFor(UUID clientId) {
        byte[] wrapped = jdbc.sql("SELECT wrapped_keyset FROM key_client WHERE client_id = ?")
                .param(clientId)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new UnreadableException("no data key for this client (shredded?)", null));
        return new AeadFieldCipher(primitive(unwrap(wrapped, clientAd(clientId))));
    }

    @Override
    public void shred(UUID clientId) {
        // Journaled first (written just before the commit): a restore must shred it again.
        journal.recordErasure(clientId);
        jdbc.sql("DELETE FROM key_client WHERE client_id = ?").param(clientId).update();
    }

    @Override
    public FieldCipher cipher() {
        FieldCipher cipher = systemCipher;
        if (cipher == null) {
            cipher = new AeadFieldCipher(primitive(systemKey()));
            systemCipher = cipher;
        }
        return cipher;
    }

    /** Reads the system key, creating it on first use; two nodes racing to create it agree on one. */
    private KeysetHandle systemKey() {
        byte[] ad = systemAd(SYSTEM_KEY);
        TransactionTemplate own = new TransactionTemplate(tx.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        for (int attempt = 0; ; attempt++) {
            try {
                return own.execute(status -> jdbc.sql("SELECT wrapped_keyset FROM key_system WHERE name = ?")
                        .param(SYSTEM_KEY).query(byte[].class).optional()
                        .map(wrapped -> unwrap(wrapped, ad))
                        .orElseGet(() -> {
                            KeysetHandle key = newDataKey();
                            jdbc.sql("INSERT INTO key_system (name, wrapped_keyset) VALUES (?, ?)")
                                    .params(SYSTEM_KEY, wrap(key, ad)).update();
                            return key;
                        }));
            } catch (DuplicateKeyException e) {
                if (attempt > 2) {
                    throw e;
                }
            }
        }
    }

    /**
     * Crash-safe rotation: (1) the master keyset gains a new primary key, so both old and new
     * wrapping open; (2) every data key is re-wrapped in one transaction; (3) old master keys are
     * dropped. Stopping at any point leaves every data key readable; running it again finishes.
     */
    @Override
    public Result rotateMasterKey() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(master.handle());
            builder.addEntry(KeysetHandle.generateEntryFromParametersName(MasterKeyFile.KEY_TEMPLATE)
                    .withRandomId().makePrimary());
            master.replace(builder.build());

            int[] counts = tx.execute(status -> new int[] {rewrapClientKeys(), rewrapSystemKeys()});

            KeysetHandle.Builder onlyPrimary = KeysetHandle.newBuilder(master.handle());
            for (int i = onlyPrimary.size() - 1; i >= 0; i--) {
                if (!onlyPrimary.getAt(i).isPrimary()) {
                    onlyPrimary.deleteAt(i);
                }
            }
            KeysetHandle rotated = onlyPrimary.build();
            // Anything wrapped meanwhile by a node still on the old key is re-wrapped before the old key goes.
            tx.executeWithoutResult(status -> {
                rewrapClientKeys();
                rewrapSystemKeys();
            });
            master.replace(rotated);
            systemCipher = null;
            return new Result(counts[0], counts[1], Integer.toUnsignedString(rotated.getPrimary().getId()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key rotation failed", e);
        }
    }

    private int rewrapClientKeys() {
        List<UUID> ids = jdbc.sql("SELECT client_id FROM key_client FOR UPDATE").query(UUID.class).list();
        for (UUID id : ids) {
            byte[] ad = clientAd(id);
            byte[] wrapped = jdbc.sql("SELECT wrapped_keyset FROM key_client WHERE client_id = ?").param(id)
                    .query(byte[].class).single();
            jdbc.sql("UPDATE key_client SET wrapped_keyset = ? WHERE client_id = ?")
                    .params(wrap(unwrap(wrapped, ad), ad), id).update();
        }
        return ids.size();
    }

    private int rewrapSystemKeys() {
        List<String> names = jdbc.sql("SELECT name FROM key_system FOR UPDATE").query(String.class).list();
        for (String name : names) {
            byte[] ad = systemAd(name);
            byte[] wrapped = jdbc.sql("SELECT wrapped_keyset FROM key_system WHERE name = ?").param(name)
                    .query(byte[].class).single();
            jdbc.sql("UPDATE key_system SET wrapped_keyset = ? WHERE name = ?")
                    .params(wrap(unwrap(wrapped, ad), ad), name).update();
        }
        return names.size();
    }

    @Override
    public java.util.Set<String> tables() {
        return java.util.Set.of("key_client", "key_system");
    }

    @Override
    public boolean opens(String table, java.util.Map<String, Object> row) {
        byte[] ad = switch (table) {
            case "key_client" -> clientAd((UUID) row.get("client_id"));
            case "key_system" -> systemAd((String) row.get("name"));
            default -> throw new IllegalArgumentException("not a table of wrapped keys: " + table);
        };
        try {
            unwrap((byte[]) row.get("wrapped_keyset"), ad);
            return true;
        } catch (UnreadableException e) {
            return false;
        }
    }

    private static KeysetHandle newDataKey() {
        try {
            return KeysetHandle.generateNew(KeyTemplates.get(DATA_KEY_TEMPLATE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a data key", e);
        }
    }

    private byte[] wrap(KeysetHandle key, byte[] ad) {
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(key, master.aead(), ad);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not wrap a data key", e);
        }
    }

    private KeysetHandle unwrap(byte[] wrapped, byte[] ad) {
        Aead masterAead = master.aead();
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterAead, ad);
        } catch (GeneralSecurityException e) {
            throw new UnreadableException("data key cannot be unwrapped with master key " + master.path(), e);
        }
    }

    private static Aead primitive(KeysetHandle key) {
        try {
            return key.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] clientAd(UUID clientId) {
        return ("key_client|" + clientId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] systemAd(String name) {
        return ("key_system|" + name).getBytes(StandardCharsets.UTF_8);
    }
}
