package org.exitwork.cases.internal.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.exitwork.audit.AuditDetail;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.ClientIdentity;
import org.exitwork.cases.ParticipationConsent;
import org.exitwork.cases.Tandem;
import org.exitwork.cases.internal.access.AccessRepository;
import org.exitwork.cases.internal.access.CaseAccess;
import org.exitwork.cases.internal.access.CaseRef;
import org.exitwork.cases.internal.access.Stage;
import org.exitwork.cases.internal.identity.IdentityRepository;
import org.exitwork.cases.internal.intake.IntakeService.IntakeRefused;
import org.exitwork.keys.FieldCipher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Taking a prospect on as a client (R1): only with their recorded consent on the current
 * information text, after the manager's safety discussion, with a second practitioner or a reason
 * for working alone. The identity enters the vault here and the stage becomes {@code CLIENT} in the
 * same transaction as the consent.
 */
@Service
public class TakeOn {

    private final CaseAccess access;
    private final AccessRepository tandems;
    private final IdentityRepository identities;
    private final IntakeRepository intake;
    private final InformationTexts texts;
    private final StaffDirectory staff;
    private final Clock clock;

    TakeOn(CaseAccess access, AccessRepository tandems, IdentityRepository identities, IntakeRepository intake,
            InformationTexts texts, StaffDirectory staff, Clock clock) {
        this.access = access;
        this.tandems = tandems;
        this.identities = identities;
        this.intake = intake;
        this.texts = texts;
        this.staff = staff;
        this.clock = clock;
    }

    /** R1: the prospect becomes a client only with their recorded consent, after the safety discussion. */
    @Transactional
    public void takeOn(StaffPrincipal practitioner, UUID clientId, ParticipationConsent consent,
            ClientIdentity identity, Tandem tandem) {
        CaseRef ref = access.forTandem(practitioner, clientId, "take on");
        access.requireStage(ref, Stage.PROSPECT);
        if (!intake.hasDiscussion(ref.id())) {
            throw new IntakeRefused("intake.refused.no-safety-discussion");
        }
        IntakeRepository.InformationText text = intake.informationText(ref.organisationId(), consent.informationText())
                .orElseThrow(() -> new IntakeRefused("intake.refused.unknown-text"));
        if (!text.language().equals(consent.language())) {
            throw new IntakeRefused("intake.refused.text-language");
        }
        if (!texts.current(ref.organisationId(), text.language()).map(IntakeRepository.InformationText::id)
                .orElseThrow().equals(text.id())) {
            throw new IntakeRefused("intake.refused.outdated-text");
        }
        if (consent.givenOn() == null || consent.givenOn().isAfter(LocalDate.now(clock)) || consent.informedHow() == null) {
            throw new IntakeRefused("intake.refused.consent");
        }
        List<UUID> members = tandems.tandem(ref.id());
        UUID second = tandem.secondPractitioner();
        String reason = IntakeService.blankToNull(tandem.singlePractitionerReason());
        if (second != null) {
            staff.find(practitioner.organisationId(), second)
                    .filter(m -> m.active() && m.role() == Role.PRACTITIONER && !m.id().equals(practitioner.id()))
                    .orElseThrow(() -> new IntakeRefused("tandem.invalid"));
            reason = null;
        } else if (reason == null && members.size() < 2) {
            throw new IntakeRefused("intake.refused.single-without-reason");
        }
        FieldCipher cipher = access.cipher(ref);
        identities.insertIdentity(ref.id(), new IdentityRepository.IdentityRow(
                cipher.row("cas_identity", ref.id()).seal("full_name", identity.fullName().strip()),
                cipher.row("cas_identity", ref.id()).seal("date_of_birth",
                        identity.dateOfBirth() == null ? null : identity.dateOfBirth().toString()),
                cipher.row("cas_identity", ref.id()).seal("contact", IntakeService.blankToNull(identity.contact())),
                cipher.row("cas_identity", ref.id()).seal("aliases", IntakeService.blankToNull(identity.aliases()))));
        if (second != null && !members.contains(second)) {
            tandems.insertTandemMember(ref.id(), second, members.size() + 1);
        }
        intake.insertConsent(ref.id(), new IntakeRepository.ConsentRow(consent.givenOn(), consent.informedHow().name(),
                text.id(), consent.language(), practitioner.id()), clock.instant());
        byte[] sealedReason = cipher.row("cas_client", ref.id()).seal("single_practitioner_reason",
                reason);
        if (intake.becomeClient(ref.id(), consent.givenOn(), consent.language(), sealedReason) != 1) {
            throw new CaseAccess.WrongStageException(ref.stage());
        }
        int size = tandems.tandem(ref.id()).size();
        access.record(practitioner, IntakeActions.CLIENT_TAKEN_ON, ref,
                AuditDetail.of("intake.taken-on", consent.givenOn(), text.version(), text.language(), size));
    }
}
