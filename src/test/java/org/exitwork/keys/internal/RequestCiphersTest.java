package org.exitwork.keys.internal;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.exitwork.keys.ClientKeys;
import org.exitwork.keys.FieldCipher;
import org.exitwork.keys.FieldRef;
import org.exitwork.keys.UnreadableException;
import org.exitwork.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A web request opens each client's key once (issue 19) and never holds more than the stored keys say:
 * shredding takes the cipher out of every request of the node, a rolled-back transaction takes out what
 * it opened, and outside a request nothing is kept.
 */
@DatabaseTest
class RequestCiphersTest {

    private static final FieldRef REF = FieldRef.of("cas_session_note", UUID.randomUUID(), "body");

    @Autowired
    ClientKeys keys;

    @Autowired
    RequestCiphers filter;

    @Autowired
    PlatformTransactionManager transactions;

    interface Work {
        void run() throws Exception;
    }

    /** {@code work} as a request through the filter, as the servlet container runs one. */
    private void inRequest(Work work) throws Exception {
        RequestAttributes before = RequestContextHolder.getRequestAttributes();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cases");
        try {
            filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
                RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            RequestContextHolder.setRequestAttributes(before);
        }
    }

    private UUID newClient() {
        UUID client = UUID.randomUUID();
        keys.createKey(client, UUID.randomUUID());
        return client;
    }

    @Test
    void oneRequestOpensAClientsKeyOnceAndTheNextRequestAnew() throws Exception {
        UUID client = newClient();
        AtomicReference<FieldCipher> first = new AtomicReference<>();
        AtomicReference<byte[]> sealed = new AtomicReference<>();
        inRequest(() -> {
            first.set(keys.cipherFor(client));
            assertThat(keys.cipherFor(client)).isSameAs(first.get());
            sealed.set(first.get().encrypt(REF, "Sitzung am Dienstag"));
        });
        inRequest(() -> {
            FieldCipher next = keys.cipherFor(client);
            assertThat(next).isNotSameAs(first.get());
            assertThat(next.decrypt(REF, sealed.get())).isEqualTo("Sitzung am Dienstag");
        });
    }

    @Test
    void outsideARequestEveryCallOpensTheKeyAnew() {
        UUID client = newClient();
        assertThat(keys.cipherFor(client)).isNotSameAs(keys.cipherFor(client));
    }

    @Test
    void shreddingInTheRequestTakesTheCipherOutAtOnce() throws Exception {
        UUID client = newClient();
        inRequest(() -> {
            keys.cipherFor(client).encrypt(REF, "to be forgotten");
            keys.shred(client);
            assertThatThrownBy(() -> keys.cipherFor(client)).isInstanceOf(UnreadableException.class);
        });
    }

    @Test
    void shreddingInAnotherRequestTakesTheCipherOutOfThisOne() throws Exception {
        UUID client = newClient();
        inRequest(() -> {
            keys.cipherFor(client).encrypt(REF, "read before the erasure");
            // Another request, on another thread, erases the client and commits while this one is still open.
            CompletableFuture.runAsync(() -> {
                try {
                    inRequest(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> keys.shred(client)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> keys.cipherFor(client)).isInstanceOf(UnreadableException.class);
        });
    }

    @Test
    void aKeyCreatedAndOpenedInATransactionThatRollsBackIsNotKept() throws Exception {
        UUID client = UUID.randomUUID();
        inRequest(() -> {
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                keys.createKey(client, UUID.randomUUID());
                keys.cipherFor(client).encrypt(REF, "never stored");
                tx.setRollbackOnly();
            });
            assertThatThrownBy(() -> keys.cipherFor(client)).isInstanceOf(UnreadableException.class);
        });
    }

    @Test
    void severalKeysAreReadInOneGoAndAShreddedOrUnknownOneIsMissing() throws Exception {
        UUID one = newClient();
        UUID two = newClient();
        UUID shredded = newClient();
        keys.shred(shredded);
        UUID unknown = UUID.randomUUID();
        inRequest(() -> {
            FieldCipher openedBefore = keys.cipherFor(one);
            java.util.Map<UUID, FieldCipher> ciphers = keys.ciphersFor(java.util.List.of(one, two, shredded, unknown));
            assertThat(ciphers).containsOnlyKeys(one, two);
            assertThat(ciphers.get(one)).as("the one this request had opened").isSameAs(openedBefore);
            assertThat(keys.cipherFor(two)).as("kept for the request").isSameAs(ciphers.get(two));
            byte[] sealed = ciphers.get(two).encrypt(REF, "Gruppe Dienstag");
            assertThat(keys.cipherFor(two).decrypt(REF, sealed)).isEqualTo("Gruppe Dienstag");
            assertThatThrownBy(() -> ciphers.get(one).decrypt(REF, sealed)).isInstanceOf(UnreadableException.class);
        });
        assertThat(keys.ciphersFor(java.util.List.of())).isEmpty();
    }

    @Test
    void aCipherOpenedWhileItsKeyIsShreddedServesThatCallAndIsNotKept() throws Exception {
        UUID client = newClient();
        UUID listed = newClient();
        FieldCipher someCipher = keys.cipherFor(newClient());
        java.util.function.Supplier<FieldCipher> shredded = () -> {
            throw new UnreadableException("no data key for this client (shredded?)", null);
        };
        inRequest(() -> {
            // The key is read, then (another request, another thread) shredded and swept, then kept: too late.
            FieldCipher opened = filter.get(client, () -> {
                CompletableFuture.runAsync(() -> filter.forget(client)).join();
                return someCipher;
            });
            assertThat(opened).isSameAs(someCipher);
            assertThatThrownBy(() -> filter.get(client, shredded)).isInstanceOf(UnreadableException.class);

            java.util.Map<UUID, FieldCipher> page = filter.getAll(java.util.List.of(listed), ids -> {
                CompletableFuture.runAsync(() -> filter.forget(listed)).join();
                return java.util.Map.of(listed, someCipher);
            });
            assertThat(page).containsOnlyKeys(listed);
            assertThatThrownBy(() -> filter.get(listed, shredded)).isInstanceOf(UnreadableException.class);
        });
    }

    @Test
    void aShreddingThatRollsBackLeavesTheKeyReadable() throws Exception {
        UUID client = newClient();
        inRequest(() -> {
            byte[] sealed = keys.cipherFor(client).encrypt(REF, "still here");
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                keys.shred(client);
                tx.setRollbackOnly();
            });
            assertThat(keys.cipherFor(client).decrypt(REF, sealed)).isEqualTo("still here");
        });
    }
}
