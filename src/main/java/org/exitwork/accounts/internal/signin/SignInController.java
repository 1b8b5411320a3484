package org.exitwork.accounts.internal.signin;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.internal.account.Passwords;
import org.exitwork.accounts.internal.passkeys.Passkeys;
import org.exitwork.accounts.internal.staff.AccountService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class SignInController {

    record CodeForm(@NotBlank @Size(max = 64) String code) {
    }

    record NewPasswordForm(@NotBlank @Size(max = Passwords.MAX_LENGTH) String currentPassword,
            @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String newPassword,
            @NotBlank @Size(max = Passwords.MAX_LENGTH) String repeatPassword) {
    }

    private final SignInService signIn;
    private final AccountService accounts;
    private final FullSignIn fullSignIn;
    private final Passkeys passkeys;
    private final SignInLimits limits;

    SignInController(SignInService signIn, AccountService accounts, FullSignIn fullSignIn, Passkeys passkeys,
            SignInLimits limits) {
        this.signIn = signIn;
        this.limits = limits;
        this.accounts = accounts;
        this.fullSignIn = fullSignIn;
        this.passkeys = passkeys;
    }

    @GetMapping("/sign-in")
    String signIn() {
        if (!accounts.installationSetUp()) {
            return "redirect:/setup";
        }
        return "accounts/sign-in";
    }

    @GetMapping("/sign-in/continue")
    String next(@AuthenticationPrincipal StaffPrincipal who) {
        return switch (signIn.nextStep(who.id())) {
            case CHANGE_PASSWORD -> "redirect:/sign-in/new-password";
            case ENROL_SECOND_FACTOR -> "redirect:/sign-in/enrol";
            case ENTER_CODE -> "redirect:/sign-in/code";
        };
    }

    @GetMapping("/sign-in/new-password")
    String newPasswordForm(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        if (signIn.nextStep(who.id()) != SignInService.NextStep.CHANGE_PASSWORD) {
            return "redirect:/sign-in/continue";
        }
        model.addAttribute("form", new NewPasswordForm("", "", ""));
        return "accounts/new-password";
    }

    @PostMapping("/sign-in/new-password")
    String newPassword(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") NewPasswordForm form,
            BindingResult errors) {
        if (signIn.nextStep(who.id()) != SignInService.NextStep.CHANGE_PASSWORD) {
            return "redirect:/sign-in/continue";
        }
        if (!errors.hasFieldErrors("currentPassword") && !signIn.passwordMatches(who.id(), form.currentPassword())) {
            errors.rejectValue("currentPassword", "password.current.wrong");
        }
        if (!errors.hasFieldErrors("newPassword") && !form.newPassword().equals(form.repeatPassword())) {
            errors.rejectValue("repeatPassword", "password.repeat.differs");
        }
        if (!errors.hasFieldErrors("newPassword") && form.newPassword().equals(form.currentPassword())) {
            errors.rejectValue("newPassword", "password.new.same");
        }
        if (errors.hasErrors()) {
            return "accounts/new-password";
        }
        signIn.changePassword(who, form.newPassword());
        return "redirect:/sign-in/continue";
    }

    @GetMapping("/sign-in/enrol")
    String enrolForm(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        if (signIn.nextStep(who.id()) != SignInService.NextStep.ENROL_SECOND_FACTOR) {
            return "redirect:/sign-in/continue";
        }
        model.addAttribute("form", new CodeForm(""));
        return enrolPage(who, model);
    }

    @PostMapping("/sign-in/enrol")
    String enrol(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") CodeForm form,
            BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (signIn.nextStep(who.id()) != SignInService.NextStep.ENROL_SECOND_FACTOR) {
            return "redirect:/sign-in/continue";
        }
        if (errors.hasErrors()) {
            return enrolPage(who, model);
        }
        Optional<List<String>> codes;
        try {
            codes = signIn.confirmEnrolment(who, form.code());
        } catch (SignInService.LockedOutException e) {
            fullSignIn.abandon(request);
            return "redirect:/sign-in?failed";
        }
        if (codes.isEmpty()) {
            limits.hold(signIn.delayFor(who.id()));
            errors.rejectValue("code", "code.wrong");
            return enrolPage(who, model);
        }
        fullSignIn.complete(who, request, response);
        // Shown once, in this response only: never stored in plain text, never put in the session.
        model.addAttribute("recoveryCodes", codes.get());
        return "accounts/recovery-codes";
    }

    private String enrolPage(StaffPrincipal who, Model model) {
        String secret = signIn.startEnrolment(who);
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("qrCode", signIn.qrCode(secret, who, "Exitwork"));
        return "accounts/enrol";
    }

    @GetMapping("/sign-in/code")
    String codeForm(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        if (signIn.nextStep(who.id()) != SignInService.NextStep.ENTER_CODE) {
            return "redirect:/sign-in/continue";
        }
        model.addAttribute("form", new CodeForm(""));
        return codePage(who, model);
    }

    /** A passkey may stand in for the code; where the organisation requires one, only it does. */
    private String codePage(StaffPrincipal who, Model model) {
        model.addAttribute("hasPasskey", passkeys.has(who.id()));
        model.addAttribute("onlyPasskey", passkeys.onlyPasskey(who));
        return "accounts/code";
    }

    @PostMapping("/sign-in/code")
    String code(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") CodeForm form,
            BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (signIn.nextStep(who.id()) != SignInService.NextStep.ENTER_CODE) {
            return "redirect:/sign-in/continue";
        }
        // The code is not even checked, so it is neither used up nor counted as a failure.
        if (passkeys.onlyPasskey(who)) {
            errors.rejectValue("code", "code.passkey-required");
            return codePage(who, model);
        }
        if (errors.hasErrors()) {
            return codePage(who, model);
        }
        boolean ok;
        try {
            ok = signIn.verifyCode(who, form.code());
        } catch (SignInService.LockedOutException e) {
            fullSignIn.abandon(request);
            return "redirect:/sign-in?failed";
        }
        if (!ok) {
            limits.hold(signIn.delayFor(who.id()));
            errors.rejectValue("code", "code.wrong");
            return codePage(who, model);
        }
        fullSignIn.complete(who, request, response);
        return "redirect:/";
    }
}
