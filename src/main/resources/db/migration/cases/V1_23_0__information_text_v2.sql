-- The built-in information text, version 2 (R19). Version 1 promised that only the tandem can read
-- the record and that nothing goes to courts; neither is true. Version 1 stays: consents given on it
-- refer to it and it must stay readable as it was handed over. The retention periods are the
-- organisation's own, so the text names them without numbers; the 30 days are the erasure horizon
-- (the longest an erased client's data stays readable in backups).
INSERT INTO cas_information_text (id, org_id, version, language, title, body, published_on, published_by) VALUES
('6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0003', NULL, 2, 'en', 'Taking part in exit work: what you should know',
'Taking part is your free choice. You can stop at any time, without giving a reason, and stopping has no consequences for you.

Two of our staff work with you as a tandem. We write down only what the work needs: the dates and topics of our meetings, short notes, and the agreement we make with you about the goals of our work. Everything is stored encrypted.

Who can read what we write down: your tandem. Other colleagues in our organisation can open your record only for a reason they must record: supervision, an emergency, or because someone in your tandem is absent. You can ask us at any time for a report of everything we have recorded about you. It also shows who opened your record, when, and for what reason.

If we learn that someone''s life is in immediate danger, we may warn a named contact person at the police. A second member of our staff must agree first. We pass on only what is needed to prevent the danger, and we tell you that we did it. Apart from this, we do not pass anything on to the police, intelligence services or other authorities of our own accord.

Courts and public prosecutors: in many countries, Germany among them, people who do our work have no right to refuse to give evidence. A court or a public prosecutor can therefore demand what we have written down, and we must hand it over. That is why we write down as little as possible.

We share information with other services (for example youth services or a job centre) only if you agree. Your agreement is voluntary. It is for one purpose that you know, it covers only what you agreed to, and you can take it back at any time. We share under a made-up name (a pseudonym), not under your name.

How long we keep things: if you do not take part after the first contacts, we erase what we wrote down when our organisation''s retention period after the last contact has passed. When our work together has ended, we keep the records for our organisation''s retention period and then erase them. If you end the work yourself, you can ask us to erase everything at once. Erased data can no longer be read in our system from that moment on. All other copies, our backups included, become unreadable within 30 days at the latest.',
DATE '2026-12-02', NULL),
('6a0c6a3e-3a55-4f39-9a55-0d1f6c3b0004', NULL, 2, 'de', 'Teilnahme an der Ausstiegsarbeit: was Sie wissen sollten',
'Die Teilnahme ist freiwillig. Sie können jederzeit aufhören, ohne einen Grund zu nennen, und das hat für Sie keine Folgen.

Zwei unserer Mitarbeitenden begleiten Sie als Tandem. Wir schreiben nur auf, was die Arbeit braucht: Datum und Themen unserer Treffen, kurze Notizen und die Vereinbarung, die wir mit Ihnen über die Ziele der Arbeit treffen. Alles wird verschlüsselt gespeichert.

Wer lesen kann, was wir aufschreiben: Ihr Tandem. Andere Kolleginnen und Kollegen unserer Organisation können Ihre Unterlagen nur aus einem Grund öffnen, den sie festhalten müssen: Supervision, ein Notfall oder weil jemand aus Ihrem Tandem abwesend ist. Sie können jederzeit einen Bericht über alles verlangen, was wir über Sie festgehalten haben. Darin steht auch, wer Ihre Unterlagen wann und aus welchem Grund geöffnet hat.

Wenn wir erfahren, dass das Leben eines Menschen unmittelbar in Gefahr ist, können wir eine namentlich bekannte Ansprechperson bei der Polizei warnen. Vorher muss eine zweite Person aus unserem Team zustimmen. Wir geben nur weiter, was nötig ist, um die Gefahr abzuwenden, und wir sagen Ihnen, dass wir es getan haben. Davon abgesehen geben wir von uns aus nichts an Polizei, Nachrichtendienste oder andere Behörden weiter.

Gerichte und Staatsanwaltschaften: In vielen Ländern, auch in Deutschland, haben Menschen, die unsere Arbeit machen, kein Zeugnisverweigerungsrecht. Ein Gericht oder eine Staatsanwaltschaft kann deshalb verlangen, was wir aufgeschrieben haben, und wir müssen es herausgeben. Darum schreiben wir so wenig wie möglich auf.

Mit anderen Stellen (zum Beispiel dem Jugendamt oder dem Jobcenter) teilen wir Informationen nur, wenn Sie zustimmen. Ihre Zustimmung ist freiwillig. Sie gilt für einen Zweck, den Sie kennen, nur für das, dem Sie zugestimmt haben, und Sie können sie jederzeit zurücknehmen. Wir teilen unter einem ausgedachten Namen (einem Pseudonym), nicht unter Ihrem Namen.

Wie lange wir etwas aufbewahren: Wenn Sie nach den ersten Kontakten nicht teilnehmen, löschen wir, was wir aufgeschrieben haben, sobald die Aufbewahrungsfrist unserer Organisation nach dem letzten Kontakt abgelaufen ist. Wenn unsere gemeinsame Arbeit beendet ist, bewahren wir die Unterlagen für die Aufbewahrungsfrist unserer Organisation auf und löschen sie dann. Wenn Sie die Arbeit selbst beenden, können Sie verlangen, dass wir sofort alles löschen. Gelöschte Daten sind in unserem System von diesem Moment an nicht mehr lesbar. Alle anderen Kopien, auch unsere Sicherungskopien, werden spätestens nach 30 Tagen unlesbar.',
DATE '2026-12-02', NULL);
