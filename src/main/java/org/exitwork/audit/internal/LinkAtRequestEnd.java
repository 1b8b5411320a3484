package org.exitwork.audit.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Links the audit entries a web request committed once, when it ends, instead of after each of its
 * transactions (a page runs several): one short writer transaction per page. First of the filters, so
 * that the sign-in and the security filters' entries are linked with the rest, and before the
 * response's last byte leaves: a client that has the whole answer finds its entries in the chain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LinkAtRequestEnd extends OncePerRequestFilter {

    private final ChainWriter writer;

    LinkAtRequestEnd(ChainWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!writer.requestBegins()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            writer.requestEnded();
        }
    }
}
