package org.exitwork.cases.internal.intake;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.exitwork.platform.SetupTask;
import org.springframework.stereotype.Component;

/**
 * Set-up: the organisation has published its own information text in every language Exitwork
 * offers (English and German). The built-in text lets take-on work from the first day, but it
 * cannot name the organisation or how to reach it; clients should be told by the organisation.
 */
@Component
class InformationTextsSetupTask implements SetupTask {

    static final Set<String> LANGUAGES = Set.of("en", "de");

    private final IntakeRepository intake;

    InformationTextsSetupTask(IntakeRepository intake) {
        this.intake = intake;
    }

    @Override
    public String key() {
        return "information-texts";
    }

    @Override
    public String link() {
        return "/cases/information-texts";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean isDone(UUID organisation) {
        Set<String> own = intake.informationTexts(organisation).stream()
                .filter(t -> organisation.equals(t.organisationId()))
                .map(IntakeRepository.InformationText::language).collect(Collectors.toSet());
        return own.containsAll(LANGUAGES);
    }
}
