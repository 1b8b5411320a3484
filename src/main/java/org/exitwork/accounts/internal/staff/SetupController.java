package org.exitwork.accounts.internal.staff;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.internal.account.Passwords;
import org.exitwork.accounts.internal.account.Usernames;
import org.exitwork.keys.KeyFiles;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** First run: creates the first organisation and its administrator. Gone once any account exists. */
@Controller
class SetupController {

    record SetupForm(@NotBlank @Size(max = 200) String organisationName,
            @NotBlank @Size(max = 200) String displayName,
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = Usernames.PATTERN) String username,
            @NotBlank @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
            @NotBlank @Size(max = Passwords.MAX_LENGTH) String repeatPassword) {
    }

    private final AccountService accounts;
    private final String masterKeyFile;

    SetupController(AccountService accounts, KeyFiles keyFiles) {
        this.accounts = accounts;
        this.masterKeyFile = keyFiles.masterKeyFile().toString();
    }

    @GetMapping("/setup")
    String form(Model model) {
        requireFirstRun();
        model.addAttribute("form", new SetupForm("", "", "", "", ""));
        return page(model);
    }

    @PostMapping("/setup")
    String setUp(@Valid @ModelAttribute("form") SetupForm form, BindingResult errors, Model model) {
        requireFirstRun();
        if (!errors.hasFieldErrors("password") && !form.password().equals(form.repeatPassword())) {
            errors.rejectValue("repeatPassword", "password.repeat.differs");
        }
        if (errors.hasErrors()) {
            return page(model);
        }
        try {
            accounts.setUp(form.organisationName().strip(), form.displayName().strip(),
                    Usernames.normalise(form.username()), form.password());
        } catch (AccountService.AlreadySetUpException | org.springframework.dao.DataIntegrityViolationException e) {
            throw new NotFoundException();
        }
        return "redirect:/sign-in?welcome";
    }

    private String page(Model model) {
        model.addAttribute("masterKeyFile", masterKeyFile);
        return "accounts/setup";
    }

    private void requireFirstRun() {
        if (accounts.installationSetUp()) {
            throw new NotFoundException();
        }
    }
}
