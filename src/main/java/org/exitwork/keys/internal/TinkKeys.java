package org.exitwork.keys.internal;

import java.time.Clock;
import java.util.UUID;

import com.google.crypto.tink.KeysetHandle;
import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.ErasureJournal;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.SystemMac;
import org.exitwork.keys.SystemSecrets;
import org.exitwork.keys.UnreadableException;
import org.exitwork.keys.WrappedKeyCheck;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Envelope encryption with Tink: data keys wrapped by the primary master-key version, stored in key_*
 * tables with the version that wrapped them ({@code wrapped_by}); the SQL is in {@link KeyRepository}.
 */
@Service
class TinkKeys implements ClientKeys, SystemSecrets, WrappedKeyCheck {

    static final String SYSTEM_KEY = "staff-secrets";
    static final String MAC_KEY = "system-mac";

    private final MasterKeyFile master;
    private final KeyRepository keys;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ErasureJournal journal;
    private final RequestCiphers requestCiphers;
    private volatile FieldCipher systemCipher;
    private volatile SystemMac systemMac;

    TinkKeys(MasterKeyFile master, KeyRepository keys, TransactionTemplate tx, Clock clock, ErasureJournal journal,
            RequestCiphers requestCiphers) {
        this.master = master;
        this.requestCiphers = requestCiphers;
        this.journal = journal;
        this.keys = keys;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void createKey(UUID clientId, UUID organisationId) {
        Envelope.Wrapped wrapped = Envelope.wrap(Envelope.newDataKey(), master.current(), Envelope.clientAd(clientId));
        keys.insertClientKey(clientId, organisationId, wrapped.bytes(), wrapped.by(), clock.instant());
    }

    @Override
    public FieldCipher cipherFor(UUID clientId) {
        return requestCiphers.get(clientId, () -> open(clientId));
    }

    @Override
    public java.util.Map<UUID, FieldCipher> ciphersFor(java.util.Collection<UUID> clientIds) {
        return requestCiphers.getAll(clientIds, unopened -> {
            java.util.Map<UUID, FieldCipher> opened = new java.util.HashMap<>();
            keys.clientKeys(unopened).forEach((id, wrapped) -> opened.put(id, open(id, wrapped)));
            return opened;
        });
    }

    private FieldCipher open(UUID clientId) {
        byte[] wrapped = keys.clientKey(clientId)
                .orElseThrow(() -> new UnreadableException("no data key for this client (shredded?)", null));
        return open(clientId, wrapped);
    }

    private FieldCipher open(UUID clientId, byte[] wrapped) {
        return new AeadFieldCipher(Envelope.primitive(
                Envelope.unwrap(wrapped, master.aead(), Envelope.clientAd(clientId))));
    }

    @Override
    public void shred(UUID clientId) {
        // Journaled first (written just before the commit): a restore must shred it again.
        journal.recordErasure(clientId);
        requestCiphers.forget(clientId);
        keys.deleteClientKey(clientId);
    }

    @Override
    public FieldCipher cipher() {
        FieldCipher cipher = systemCipher;
        if (cipher == null) {
            // The data key itself never changes; a rotation only re-wraps it, so the cache stays right.
            cipher = new AeadFieldCipher(Envelope.primitive(systemKey(SYSTEM_KEY, Envelope::newDataKey)));
            systemCipher = cipher;
        }
        return cipher;
    }

    @Override
    public SystemMac mac() {
        SystemMac mac = systemMac;
        if (mac == null) {
            mac = new TinkSystemMac(Envelope.mac(systemKey(MAC_KEY, Envelope::newMacKey)));
            systemMac = mac;
        }
        return mac;
    }

    /** Reads a system key, creating it on first use; two nodes racing to create it agree on one. */
    private KeysetHandle systemKey(String name, java.util.function.Supplier<KeysetHandle> fresh) {
        byte[] ad = Envelope.systemAd(name);
        TransactionTemplate own = new TransactionTemplate(tx.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        for (int attempt = 0; ; attempt++) {
            try {
                return own.execute(status -> keys.systemKey(name)
                        .map(wrapped -> Envelope.unwrap(wrapped, master.aead(), ad))
                        .orElseGet(() -> {
                            KeysetHandle key = fresh.get();
                            Envelope.Wrapped wrapped = Envelope.wrap(key, master.current(), ad);
                            keys.insertSystemKey(name, wrapped.bytes(), wrapped.by());
                            return key;
                        }));
            } catch (DuplicateKeyException e) {
                if (attempt > 2) {
                    throw e;
                }
            }
        }
    }

    @Override
    public java.util.Set<String> tables() {
        return java.util.Set.of("key_client", "key_system");
    }

    @Override
    public boolean opens(String table, java.util.Map<String, Object> row) {
        byte[] ad = switch (table) {
            case "key_client" -> Envelope.clientAd((UUID) row.get("client_id"));
            case "key_system" -> Envelope.systemAd((String) row.get("name"));
            default -> throw new IllegalArgumentException("not a table of wrapped keys: " + table);
        };
        try {
            Envelope.unwrap((byte[]) row.get("wrapped_keyset"), master.aead(), ad);
            return true;
        } catch (UnreadableException e) {
            return false;
        }
    }
}
