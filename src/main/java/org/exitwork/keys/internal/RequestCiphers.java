package org.exitwork.keys.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * back is taken out with it (its key may have been created in that transaction). A request on another
 * node that opened the key before may finish with it, as it always could: the erasure's transaction
 * deleted the client's row, so no page of the case answers any more.
 */
@Component
class RequestCiphers extends OncePerRequestFilter {

    private static final String ATTRIBUTE = RequestCiphers.class.getName();

    /** The sets of the requests this node is serving now. */
    private final Set<Kept> serving = ConcurrentHashMap.newKeySet();

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
        cipher = open.get();
        kept.put(clientId, cipher);
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
        return cipher;
    }

    /** The cipher this request has already opened for the client, if any. */
    java.util.Optional<FieldCipher> kept(UUID clientId) {
        Kept kept = current();
        return kept == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(kept.get(clientId));
    }

    /** The client's key is being shredded: no request of this node holds its cipher, now and after the commit. */
    void forget(UUID clientId) {
        serving.forEach(kept -> kept.remove(clientId));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
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
