package org.exitwork.accounts.internal.account;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.exitwork.platform.StaticFiles;

/**
 * A filter placed right after the session store's that sees every session the request asks for, in the
 * request that makes it, and every change of a session's id; so what a new session must hold from its first
 * moment is written before anything else runs with it. Every dispatch (an error page may make a session too),
 * never for a static file (which never touches the session).
 */
public abstract class SessionsAsMade implements Filter {

    @Override
    public final void doFilter(ServletRequest req, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(req instanceof HttpServletRequest request) || StaticFiles.isStatic(request)) {
            chain.doFilter(req, response);
            return;
        }
        before(request);
        ServletResponse answer = response instanceof HttpServletResponse http ? response(request, http) : response;
        try {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public HttpSession getSession(boolean create) {
                    return seen(super.getSession(create));
                }

                @Override
                public HttpSession getSession() {
                    return seen(super.getSession());
                }

                @Override
                public String changeSessionId() {
                    String id = super.changeSessionId();
                    idChanged(super.getSession(), id);
                    return id;
                }
            }, answer);
        } finally {
            after(request);
        }
    }

    private HttpSession seen(HttpSession session) {
        if (session != null && session.isNew()) {
            made(session);
        }
        return session;
    }

    /** Before the rest of the chain, with the request as it came (its session, if any, not made here). */
    protected void before(HttpServletRequest request) {
    }

    /** A session made in this request, each time it is asked for (so check before writing). */
    protected abstract void made(HttpSession session);

    /** The session's id changed (signing in). */
    protected void idChanged(HttpSession session, String newId) {
    }

    /**
     * The response the rest of the chain writes to: a filter that must change the session before the session store
     * saves it as the answer is committed (a redirect, an error, a flushed page) wraps it here.
     */
    protected HttpServletResponse response(HttpServletRequest request, HttpServletResponse response) {
        return response;
    }

    /** When the rest of the chain has answered (or failed), before the session store saves the session. */
    protected void after(HttpServletRequest request) {
    }
}
