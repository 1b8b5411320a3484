package org.exitwork.cases.internal.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.platform.ForbiddenException;
import org.exitwork.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The information texts a client is told before consenting to take part (R1): versioned, in English
 * and German, published by managers; take-on offers only the newest of each language.
 */
@Service
public class InformationTexts {

    private final CaseAccess access;
    private final IntakeRepository intake;
    private final Clock clock;

    InformationTexts(CaseAccess access, IntakeRepository intake, Clock clock) {
        this.access = access;
        this.intake = intake;
        this.clock = clock;
    }

    public record TextVersion(int version, LocalDate publishedOn, boolean builtIn,
            Map<String, IntakeRepository.InformationText> byLanguage) {
    }

    @Transactional(readOnly = true)
    public List<TextVersion> informationTexts(StaffPrincipal who) {
        CaseAccess.requireCaseRole(who);
        // Keyed by version and origin: a built-in version may carry the number of one the organisation
        // published itself before it came out.
        Map<String, Map<String, IntakeRepository.InformationText>> versions = new LinkedHashMap<>();
        for (IntakeRepository.InformationText t : intake.informationTexts(who.organisationId())) {
            versions.computeIfAbsent(t.version() + "/" + (t.organisationId() == null), v -> new LinkedHashMap<>())
                    .put(t.language(), t);
        }
        List<TextVersion> out = new ArrayList<>();
        versions.values().forEach(texts -> {
            IntakeRepository.InformationText any = texts.values().iterator().next();
            out.add(new TextVersion(any.version(), any.publishedOn(), any.organisationId() == null, texts));
        });
        out.sort(Comparator.comparingInt(TextVersion::version).thenComparing(TextVersion::publishedOn).reversed());
        return out;
    }

    /**
     * What take-on offers: the current text in each language and nothing older. An older version may
     * promise what is no longer true (version 1 promised that only the tandem reads the record); it
     * stays readable for the consents given on it.
     */
    @Transactional(readOnly = true)
    public List<TextVersion> offeredTexts(StaffPrincipal who) {
        CaseAccess.requireCaseRole(who);
        Map<String, IntakeRepository.InformationText> current = new LinkedHashMap<>();
        for (String language : List.of("en", "de")) {
            current(who.organisationId(), language).ifPresent(t -> current.put(language, t));
        }
        if (current.isEmpty()) {
            return List.of();
        }
        IntakeRepository.InformationText any = current.values().iterator().next();
        return List.of(new TextVersion(any.version(), any.publishedOn(), any.organisationId() == null, current));
    }

    @Transactional(readOnly = true)
    public IntakeRepository.InformationText informationText(StaffPrincipal who, UUID id) {
        CaseAccess.requireCaseRole(who);
        return intake.informationText(who.organisationId(), id).orElseThrow(NotFoundException::new);
    }

    @Transactional(readOnly = true)
    public UUID currentInformationText(UUID organisationId, String language) {
        return current(organisationId, language).map(IntakeRepository.InformationText::id)
                .orElseThrow(NotFoundException::new);
    }

    /** The newest version in {@code language}; of two with the same number, the one published later. */
    Optional<IntakeRepository.InformationText> current(UUID organisationId, String language) {
        return intake.informationTexts(organisationId).stream().filter(t -> t.language().equals(language))
                .max(Comparator.comparingInt(IntakeRepository.InformationText::version)
                        .thenComparing(IntakeRepository.InformationText::publishedOn));
    }

    /** A manager publishes a new version, in English and German together, so both stay the same text. */
    @Transactional
    public int publishInformationText(StaffPrincipal manager, String titleEn, String bodyEn, String titleDe,
            String bodyDe) {
        if (!manager.is(Role.MANAGER)) {
            throw new ForbiddenException();
        }
        int version = intake.informationTexts(manager.organisationId()).stream()
                .mapToInt(IntakeRepository.InformationText::version).max().orElse(0) + 1;
        LocalDate today = LocalDate.now(clock);
        intake.insertInformationText(new IntakeRepository.InformationText(UUID.randomUUID(), manager.organisationId(),
                version, "en", titleEn.strip(), bodyEn.strip(), today), manager.id());
        intake.insertInformationText(new IntakeRepository.InformationText(UUID.randomUUID(), manager.organisationId(),
                version, "de", titleDe.strip(), bodyDe.strip(), today), manager.id());
        access.recordOrganisation(manager, IntakeActions.INFORMATION_TEXT_PUBLISHED, AuditDetail.of("version", version));
        return version;
    }
}
