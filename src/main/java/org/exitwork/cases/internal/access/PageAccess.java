package org.exitwork.cases.internal.access;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the access rules found for a page, kept while the page is built (issue 19: the case page asked
 * them ten times, once per part, two or three queries each). Only for a request that changes nothing
 * (GET, HEAD): there the case's row, its tandem and the glass broken for it cannot change by the
 * request's own doing. Another request's change (a handover, an erasure, the end of a broken glass) that
 * commits while a page is being built is seen by the next page: the page finishes as it began, as one
 * built a moment earlier would have (before, each part of the page asked anew and could fail halfway).
 * A request that changes something asks the rules every time, and outside a request (jobs, commands)
 * nothing is kept.
 */
final class PageAccess {

    private static final String ATTRIBUTE = PageAccess.class.getName();

    private PageAccess() {
    }

    /** The case of this organisation, looked up once per page. */
    static Optional<CaseRef> caseOf(UUID organisationId, UUID clientId, Supplier<Optional<CaseRef>> lookUp) {
        Map<Object, Object> kept = kept();
        if (kept == null) {
            return lookUp.get();
        }
        CaseKey key = new CaseKey(organisationId, clientId);
        @SuppressWarnings("unchecked")
        Optional<CaseRef> ref = (Optional<CaseRef>) kept.get(key);
        if (ref == null) {
            ref = lookUp.get();
            kept.put(key, ref);
        }
        return ref;
    }

    /** This staff member's access to the case, decided once per page. */
    static Access accessOf(UUID staffId, UUID clientId, Supplier<Access> decide) {
        Map<Object, Object> kept = kept();
        if (kept == null) {
            return decide.get();
        }
        AccessKey key = new AccessKey(staffId, clientId);
        Access access = (Access) kept.get(key);
        if (access == null) {
            access = decide.get();
            kept.put(key, access);
        }
        return access;
    }

    private record CaseKey(UUID organisationId, UUID clientId) {
    }

    private record AccessKey(UUID staffId, UUID clientId) {
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> kept() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
            return null;
        }
        String method = request.getRequest().getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return null;
        }
        Object kept = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (kept == null) {
            kept = new Kept();
            request.setAttribute(ATTRIBUTE, kept, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<Object, Object>) kept;
    }

    /** Says nothing of what it holds when printed (a request's attributes may be logged). */
    private static final class Kept extends ConcurrentHashMap<Object, Object> {

        @Override
        public String toString() {
            return "access decisions of this page: " + size();
        }
    }
}
