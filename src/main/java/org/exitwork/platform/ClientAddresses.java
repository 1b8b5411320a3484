package org.exitwork.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, for limits per client address. By default the TCP peer: a header
 * anyone can write never chooses whose budget a request spends. Only when the peer is one of
 * {@code exitwork.trusted-proxies} (addresses or CIDR ranges of the reverse proxies) does
 * {@code X-Forwarded-For} count, read from the right: the first hop that is not a trusted proxy is the
 * client, so whatever a client wrote into the header itself, further left, is ignored.
 */
@Component
public class ClientAddresses {

    private final List<IpAddressMatcher> trusted;

    ClientAddresses(@Value("${exitwork.trusted-proxies:}") List<String> proxies) {
        this.trusted = proxies.stream().map(String::strip).filter(p -> !p.isEmpty()).map(IpAddressMatcher::new)
                .toList();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isAddress(hop)) {
                // Garbage in the chain: what lies beyond it cannot be trusted, the last good hop is the client.
                return i == hops.length - 1 ? peer : hops[i + 1].strip();
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops[0].strip();
    }

    private boolean isTrusted(String address) {
        if (address == null || !isAddress(address)) {
            return false;
        }
        for (IpAddressMatcher proxy : trusted) {
            if (proxy.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4 or IPv6 literal; never a host name (a name would be looked up in DNS). */
    private static boolean isAddress(String value) {
        return !value.isEmpty() && value.length() <= 45 && value.matches("[0-9A-Fa-f:.]+") && value.indexOf("..") < 0;
    }
}
