-- The path through a case (R1, R2, R20): prospect -> client (with consent) -> closed -> erased.
-- Plaintext columns hold only what queries need; anything describing the person is BYTEA,
-- encrypted with the client's key. Tables below cascade from cas_client, so erasing a client is
-- deleting one row (after the older tables of V1_4_0, which the erasure deletes explicitly).

-- The language the client reads their documents in (consent text, work agreement PDF).
ALTER TABLE cas_client ADD COLUMN language VARCHAR(8) DEFAULT 'en' NOT NULL;
-- How the person came to us (self-referral, family, school, prison, youth service, partner).
ALTER TABLE cas_client ADD COLUMN pathway VARCHAR(32) DEFAULT 'OTHER' NOT NULL;
-- A context case: the client is a relative or caretaker; the person at risk is described, encrypted (R12).
ALTER TABLE cas_client ADD COLUMN context_case BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE cas_client ADD COLUMN person_at_risk BYTEA;
-- Why the case runs with one practitioner (R2), encrypted.
ALTER TABLE cas_client ADD COLUMN single_practitioner_reason BYTEA;
ALTER TABLE cas_client ADD COLUMN became_client_on DATE;
-- Closing: COMPLETED (with aftercare) or CLIENTS_CHOICE (no reason asked, no mark).
ALTER TABLE cas_client ADD COLUMN closed_on DATE;
ALTER TABLE cas_client ADD COLUMN closure VARCHAR(16);
ALTER TABLE cas_client ADD COLUMN aftercare_plan BYTEA;
CREATE INDEX cas_client_stage ON cas_client (org_id, stage);

-- Phenomenon areas (R18): several may apply.
CREATE TABLE cas_phenomenon (
    client_id UUID        NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    area      VARCHAR(32) NOT NULL,
    PRIMARY KEY (client_id, area)
);

-- Contact attempts and motivational conversations with a prospect (and later contacts).
CREATE TABLE cas_contact (
    id           UUID                     PRIMARY KEY,
    client_id    UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    contacted_on DATE                     NOT NULL,
    kind         VARCHAR(32)              NOT NULL,
    reached      BOOLEAN                  NOT NULL,
    note         BYTEA,
    recorded_by  UUID                     NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cas_contact_client ON cas_contact (client_id, contacted_on);

-- The manager's safety discussion before a client is taken on (R2, R14).
CREATE TABLE cas_safety_discussion (
    id          UUID                     PRIMARY KEY,
    client_id   UUID                     NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    held_on     DATE                     NOT NULL,
    risks       BYTEA                    NOT NULL,
    recorded_by UUID                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX cas_safety_discussion_client ON cas_safety_discussion (client_id);
CREATE TABLE cas_safety_discussion_participant (
    discussion_id UUID NOT NULL REFERENCES cas_safety_discussion (id) ON DELETE CASCADE,
    staff_id      UUID NOT NULL,
    PRIMARY KEY (discussion_id, staff_id)
);

-- The information texts a person reads before consenting (R1), versioned, one row per language.
-- org_id NULL: the text that comes with Exitwork; organisations publish their own versions.
CREATE TABLE cas_information_text (
    id           UUID         PRIMARY KEY,
    org_id       UUID,
    version      INT          NOT NULL,
    language     VARCHAR(8)   NOT NULL,
    title        VARCHAR(200) NOT NULL,
    body         VARCHAR(20000) NOT NULL,
    published_on DATE         NOT NULL,
    published_by UUID
);
CREATE INDEX cas_information_text_org ON cas_information_text (org_id, version);

-- Consent to participate (R1): without this row there is no client.
CREATE TABLE cas_participation_consent (
    client_id    UUID                     PRIMARY KEY REFERENCES cas_client (id) ON DELETE CASCADE,
    given_on     DATE                     NOT NULL,
    informed_how VARCHAR(32)              NOT NULL,
    text_id      UUID                     NOT NULL REFERENCES cas_information_text (id),
    language     VARCHAR(8)               NOT NULL,
    recorded_by  UUID                     NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Follow-up dates of the aftercare after a completed case.
CREATE TABLE cas_follow_up (
    id        UUID PRIMARY KEY,
    client_id UUID NOT NULL REFERENCES cas_client (id) ON DELETE CASCADE,
    due_on    DATE NOT NULL,
    done_on   DATE
);
CREATE INDEX cas_follow_up_client ON cas_follow_up (client_id, due_on);

-- Retention per organisation (R20); without a row the installation's defaults apply.
CREATE TABLE cas_retention (
    org_id        UUID                     PRIMARY KEY,
    prospect_days INT                      NOT NULL,
    closed_days   INT                      NOT NULL,
    changed_by    UUID                     NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO cas_information_text (id, org_id, version, language, title, body, published_on, published_by) VALUES
('6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0001', NULL, 1, 'en', 'Taking part in exit work: what you should know',
'Taking part is your free choice. You can stop at any time, without giving a reason, and stopping has no consequences for you.

Two of our staff work with you as a tandem. What you tell us stays with us: we do not pass it on to the police, intelligence services, courts or other authorities. There is one exception: if we learn of an imminent danger to the life or health of a person, we must act to avert it; we will tell you about it whenever we can.

We share information with other services (for example youth services or a job centre) only if you agree to it in writing, for a purpose you know, and only for as long as you want. You can withdraw such an agreement at any time.

We record only what the work needs: the dates and topics of our meetings, short notes, and the agreement we make with you about the goals of our work. Everything is stored encrypted and only your tandem can read it. You can ask us at any time what we have recorded about you and who has looked at it.

When our work ends, we keep the records only for the period our organisation has set and then erase them completely. If you end the work yourself, you can ask us to erase everything at once.',
DATE '2026-11-01', NULL),
('6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0002', NULL, 1, 'de', 'Teilnahme an der Ausstiegsarbeit: was Sie wissen sollten',
'Die Teilnahme ist freiwillig. Sie können jederzeit aufhören, ohne einen Grund zu nennen, und das hat für Sie keine Folgen.

Zwei unserer Mitarbeitenden begleiten Sie als Tandem. Was Sie uns erzählen, bleibt bei uns: Wir geben es nicht an Polizei, Nachrichtendienste, Gerichte oder andere Behörden weiter. Es gibt eine Ausnahme: Wenn wir von einer unmittelbaren Gefahr für Leben oder Gesundheit eines Menschen erfahren, müssen wir handeln, um sie abzuwenden; wann immer es möglich ist, sagen wir Ihnen das.

Mit anderen Stellen (zum Beispiel dem Jugendamt oder dem Jobcenter) teilen wir Informationen nur, wenn Sie schriftlich zustimmen, für einen Zweck, den Sie kennen, und nur so lange Sie möchten. Sie können eine solche Zustimmung jederzeit widerrufen.

Wir halten nur fest, was die Arbeit braucht: Datum und Themen unserer Treffen, kurze Notizen und die Vereinbarung, die wir mit Ihnen über die Ziele der Arbeit treffen. Alles wird verschlüsselt gespeichert, und nur Ihr Tandem kann es lesen. Sie können uns jederzeit fragen, was wir über Sie festgehalten haben und wer es eingesehen hat.

Wenn unsere Arbeit endet, bewahren wir die Unterlagen nur so lange auf, wie unsere Organisation es festgelegt hat, und löschen sie dann vollständig. Wenn Sie die Arbeit selbst beenden, können Sie verlangen, dass wir sofort alles löschen.',
DATE '2026-11-01', NULL);
