package org.exitwork.safety.internal.staffsafety.checkin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * Signing out ends this device's check-in: the phone's cookie is cleared with the session, so a device
 * left behind after signing out (a shared or a lost phone) cannot check its holder out of an appointment
 * or extend it. The cookie outlives a session that timed out, on purpose (the page must work in the
 * field); signing out is the person saying they are done here. A copy of the cookie taken before still
 * ends with the check-out or a while after the appointment's end (see {@link CheckInCapabilities}).
 */
@Component
class CheckInAtSignOut implements LogoutHandler {

    private final CheckInCapabilities capabilities;

    CheckInAtSignOut(CheckInCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        response.addHeader(HttpHeaders.SET_COOKIE, capabilities.cleared(request.isSecure()).toString());
    }
}
