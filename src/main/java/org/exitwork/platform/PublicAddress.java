package org.exitwork.platform;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address people reach Exitwork at ({@code exitwork.public-address}, usually the TLS-terminating
 * proxy's). Whether it is https decides, not how a request happens to arrive behind the proxy: then
 * every cookie is {@code Secure} and every answer carries HSTS. Redirects never name a host at all:
 * they are relative, so a forged {@code Host} header cannot send anyone elsewhere.
 */
@Component
public class PublicAddress {

    private final URI address;

    PublicAddress(@Value("${exitwork.public-address}") String address) {
        this.address = URI.create(address.strip());
        if (this.address.getScheme() == null || this.address.getHost() == null) {
            throw new IllegalStateException("exitwork.public-address must be an absolute http or https address: " + address);
        }
    }

    /** The host name alone, as a passkey's relying party names the site ({@code exitwork.example.org}). */
    public String host() {
        return address.getHost();
    }

    /** Scheme, host and port as a browser states its origin ({@code https://exitwork.example.org}). */
    public String origin() {
        return address.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + address.getHost()
                + (address.getPort() < 0 ? "" : ":" + address.getPort());
    }

    /** The address is https: cookies go only over TLS and browsers are told to use nothing else. */
    public boolean secure() {
        return "https".equalsIgnoreCase(address.getScheme());
    }
}
