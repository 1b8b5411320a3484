package org.exitwork.accounts.internal.profiles;

import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.accounts.StaffProfile;
import org.exitwork.accounts.StaffProfile.Background;
import org.exitwork.accounts.StaffProfile.Gender;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every staff member keeps their own profile (R2); there is no page to edit someone else's. */
@Controller
@RequestMapping("/profile")
@PreAuthorize("hasAnyRole('PRACTITIONER', 'MANAGER', 'DATA_PROTECTION_OFFICER', 'ADMIN')")
class ProfileController {

    record ProfileForm(Gender gender, Set<Background> backgrounds, @Size(max = 200) String socialBackground,
            @Size(max = 200) String languages) {
    }

    private final StaffProfiles profiles;

    ProfileController(StaffProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    String show(@AuthenticationPrincipal StaffPrincipal who, Model model) {
        StaffProfile own = profiles.own(who);
        model.addAttribute("form", new ProfileForm(own.gender(), own.backgrounds(), own.socialBackground(),
                own.languages()));
        return page(model);
    }

    @PostMapping
    String save(@AuthenticationPrincipal StaffPrincipal who, @Valid @ModelAttribute("form") ProfileForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return page(model);
        }
        profiles.update(who, new StaffProfile(who.id(), form.gender(), form.backgrounds(), form.socialBackground(),
                form.languages()));
        redirect.addFlashAttribute("notice", "profile.notice.saved");
        return "redirect:/profile";
    }

    private static String page(Model model) {
        model.addAttribute("genders", Gender.values());
        model.addAttribute("backgrounds", Background.values());
        return "accounts/profile";
    }
}
