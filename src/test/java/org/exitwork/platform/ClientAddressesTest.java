package org.exitwork.platform;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose budget a request spends: the TCP peer, unless a trusted proxy says who is behind it. */
class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay() {
        ClientAddresses addresses = new ClientAddresses(List.of());
        assertThat(addresses.of(request("192.0.2.30", "203.0.113.9"))).isEqualTo("192.0.2.30");
        assertThat(addresses.of(request("192.0.2.30", null))).isEqualTo("192.0.2.30");
    }

    @Test
    void behindATrustedProxyTheFirstUntrustedHopFromTheRightIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", " 192.0.2.1 "));
        assertThat(addresses.of(request("10.1.2.3", "198.51.100.4"))).isEqualTo("198.51.100.4");
        // What the client wrote into the header itself lies further left and is ignored.
        assertThat(addresses.of(request("10.1.2.3", "203.0.113.9, 198.51.100.4"))).isEqualTo("198.51.100.4");
        // Two trusted proxies in a row.
        assertThat(addresses.of(request("192.0.2.1", "198.51.100.4, 10.9.9.9"))).isEqualTo("198.51.100.4");
        // An untrusted peer's header counts for nothing, even naming a trusted proxy.
        assertThat(addresses.of(request("198.51.100.5", "10.1.1.1"))).isEqualTo("198.51.100.5");
        // The proxy sent no header: the proxy itself.
        assertThat(addresses.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
        // Garbage at the right end: the peer; garbage further left: the last good hop before it.
        assertThat(addresses.of(request("10.1.2.3", "evil.example"))).isEqualTo("10.1.2.3");
        assertThat(addresses.of(request("10.1.2.3", "evil.example, 10.2.2.2"))).isEqualTo("10.2.2.2");
        // IPv6.
        assertThat(addresses.of(request("10.1.2.3", "2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sign-in");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
