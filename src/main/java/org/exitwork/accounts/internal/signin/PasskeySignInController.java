package org.exitwork.accounts.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.passkeys.Passkeys;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Sign in with a passkey": on the sign-in page instead of user name and password, or after the
 * password instead of the code from the app. Both end where the code ends: a full sign-in with a
 * new session id, audited {@code SIGN_IN}. Open to anyone, like the sign-in page itself.
 */
@Controller
class PasskeySignInController {

    /** Far more than any authenticator's answer; a longer one is not read. */
    private static final int MAX_CREDENTIAL = 20_000;

    private final Passkeys passkeys;
    private final PasskeySignIn passkeySignIn;
    private final SignInService signIn;
    private final FullSignIn fullSignIn;

    PasskeySignInController(Passkeys passkeys, PasskeySignIn passkeySignIn, SignInService signIn, FullSignIn fullSignIn) {
        this.passkeys = passkeys;
        this.passkeySignIn = passkeySignIn;
        this.signIn = signIn;
        this.fullSignIn = fullSignIn;
    }

    @PostMapping(value = "/sign-in/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> options(HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(passkeys.requestOptions(passwordVerified(), request));
    }

    @PostMapping("/sign-in/passkey")
    String signIn(@RequestParam(name = "credential", required = false) String credential, HttpServletRequest request,
            HttpServletResponse response) {
        if (credential != null && credential.length() > MAX_CREDENTIAL) {
            // No device answers with this much: refused before anything else, signed in or not.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "passkey answer too long");
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.getPrincipal() instanceof StaffPrincipal && passwordVerified() == null) {
            // Signed in already: nothing to do.
            return "redirect:/";
        }
        StaffPrincipal afterPassword = passwordVerified();
        if (afterPassword != null && signIn.nextStep(afterPassword.id()) != SignInService.NextStep.ENTER_CODE) {
            return "redirect:/sign-in/continue";
        }
        String answer = credential;
        PasskeySignIn.Outcome outcome = passkeySignIn.signIn(passkeys.verify(answer, request), afterPassword);
        if (outcome instanceof PasskeySignIn.Outcome.SignedIn signedIn) {
            fullSignIn.complete(signedIn.who(), request, response);
            return "redirect:/";
        }
        if (outcome instanceof PasskeySignIn.Outcome.MustChangePassword first) {
            fullSignIn.passwordVerified(first.who(), request, response);
            return "redirect:/sign-in/continue";
        }
        return afterPassword == null ? "redirect:/sign-in?passkey-failed" : "redirect:/sign-in/code?passkey-failed";
    }

    /** The person whose password was accepted and who is still at the second factor, if that is who asks. */
    private static StaffPrincipal passwordVerified() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.getPrincipal() instanceof StaffPrincipal who && current.getAuthorities().stream()
                .allMatch(a -> PasswordStep.PASSWORD_VERIFIED.equals(a.getAuthority()))) {
            return who;
        }
        return null;
    }
}
