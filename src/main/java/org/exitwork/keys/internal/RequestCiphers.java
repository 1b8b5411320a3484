package org.exitwork.keys.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.exitwork.keys.FieldCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client ciphers one web request has opened, kept until the request ends (issue 19: the case page
 * read, unwrapped and parsed the same client key three times, once per service call). As a filter it
 * gives every request its own, empty set; outside a request (jobs, commands) nothing is kept and every
 * call opens the key anew.
 * <p>
 * Nothing is kept that the stored keys no longer hold: shredding a client's key takes its cipher out of
 * every request of this node at once and again when the shredding commits (a request may have opened it
 * in between, before the deletion was visible to it); a cipher opened inside a transaction that rolls
 * back is taken out with it (its key may have been created in that transaction), and one opened while a
 * shredding happened on this node is used for that call and not kept. A request that opened the key
 * before the erasure committed, here or on another node, may finish with it, as a page built a moment
 * earlier would have: the next request finds neither the key nor the client's row.
 */
@Component
class RequestCiphers extends OncePerRequestFilter {

    private static final String ATTRIBUTE = RequestCiphers.class.getName();

    /** The sets of the requests this node is serving now. */
    private final Set<Kept> serving = ConcurrentHashMap.newKeySet();

    /**
     * Counts the shreddings begun and committed on this node. A cipher opened while one of them happened
     * (its key read before the sweep, kept after it) serves the call that opened it and is not kept.
     */
    private final AtomicLong shreddings = new AtomicLong();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Kept kept = new Kept();
        serving.add(kept);
        request.setAttribute(ATTRIBUTE, kept);
        try {
            chain.doFilter(request, response);
        } finally {
            request.removeAttribute(ATTRIBUTE);
            serving.remove(kept);
        }
    }

    /** The request's cipher of this client, opened by {@code open} the first time. */
    FieldCipher get(UUID clientId, Supplier<FieldCipher> open) {
        Kept kept = current();
        if (kept == null) {
            return open.get();
        }
        FieldCipher cipher = kept.get(clientId);
        if (cipher != null) {
            return cipher;
        }
        long before = shreddings.get();
        cipher = open.get();
        keep(kept, clientId, cipher, before);
        return cipher;
    }

    /** Ciphers opened together (a list's keys read in one query), kept like those of {@link #get}. */
    Map<UUID, FieldCipher> getAll(java.util.Collection<UUID> clientIds,
            java.util.function.Function<java.util.Collection<UUID>, Map<UUID, FieldCipher>> open) {
        Kept kept = current();
        Map<UUID, FieldCipher> ciphers = new java.util.HashMap<>();
        java.util.Set<UUID> unopened = new java.util.HashSet<>();
        for (UUID id : clientIds) {
            FieldCipher cipher = kept == null ? null : kept.get(id);
            if (cipher != null) {
                ciphers.put(id, cipher);
            } else {
                unopened.add(id);
            }
        }
        if (unopened.isEmpty()) {
            return ciphers;
        }
        long before = shreddings.get();
        Map<UUID, FieldCipher> opened = open.apply(unopened);
        ciphers.putAll(opened);
        if (kept != null) {
            opened.forEach((id, cipher) -> keep(kept, id, cipher, before));
        }
        return ciphers;
    }

    private void keep(Kept kept, UUID clientId, FieldCipher cipher, long shreddingsBefore) {
        kept.put(clientId, cipher);
        if (shreddings.get() != shreddingsBefore) {
            // A key was shredded while this one was opened: perhaps this one, swept before it was kept.
            kept.remove(clientId);
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        kept.remove(clientId);
                    }
                }
            });
        }
    }

    /** The client's key is being shredded: no request of this node holds its cipher, now and after the commit. */
    void forget(UUID clientId) {
        shreddings.incrementAndGet();
        serving.forEach(kept -> kept.remove(clientId));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    shreddings.incrementAndGet();
                    serving.forEach(kept -> kept.remove(clientId));
                }
            });
        }
    }

    private static Kept current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? null : (Kept) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }

    /** A map that says nothing of what it holds when printed (a request's attributes may be logged). */
    private static final class Kept extends ConcurrentHashMap<UUID, FieldCipher> {

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "client ciphers of this request: " + size();
        }
    }
}
