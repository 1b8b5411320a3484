package org.exitwork.disclosure.internal.servicerequest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import org.exitwork.consent.ConsentsToShare.ValidConsent;
import org.exitwork.consent.DataKind;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * A service request for a partner's system (R11) as HL7 FHIR R4, built with HAPI FHIR's R4 structures:
 * a collection {@code Bundle} of a pseudonymous {@code Patient} (an identifier with the pseudonym,
 * nothing else: no name, birth date, address or contact), the {@code Consent} the request went out under
 * (its period, the partner as the actor, the kinds of data as provision classes), the
 * {@code ServiceRequest} (the need, the texts as written for the partner, the redisclosure notice) and its
 * {@code Task} (the status in FHIR's own codes). Before anything is handed out the JSON is parsed back
 * strictly and its XML form validated against the FHIR R4 schema; an export that fails is never served.
 */
@Component
class FhirExport {

    static final String PSEUDONYM_SYSTEM = "urn:exitwork:pseudonym";
    static final String NEED_SYSTEM = "urn:exitwork:need";
    static final String DATA_KIND_SYSTEM = "urn:exitwork:data-kind";
    static final String MEDIA_TYPE = "application/fhir+json";

    /** Building a FHIR context is slow; one for the application, made when first needed. */
    private static final class Holder {
        static final FhirContext R4 = FhirContext.forR4();
    }

    /** The export did not validate; nothing is handed out. */
    static final class Invalid extends IllegalStateException {
        Invalid(String messages) {
            super("the FHIR export does not validate: " + messages);
        }
    }

    String bundle(RequestPayload request, ServiceRequestRepository.Stored stored, ValidConsent consent,
            ZoneId zone) {
        List<Resource> resources = new java.util.ArrayList<>();
        resources.add(patient(request.client()));
        resources.add(consent("consent", consent, request.partner(), zone));
        resources.addAll(requestAndTask("request", "task", "consent", request, stored, zone));
        return json(resources, stored.statusAt());
    }

    /**
     * A consent of the client for its partner, with every service request made under it: the
     * pseudonymous {@code Patient}, the {@code Consent}, and a {@code ServiceRequest} with its {@code Task}
     * per request (numbered in the order they were made).
     */
    String consentBundle(String pseudonym, String partner, ValidConsent consent,
            List<java.util.Map.Entry<RequestPayload, ServiceRequestRepository.Stored>> requests, ZoneId zone,
            java.time.Instant now) {
        List<Resource> resources = new java.util.ArrayList<>();
        resources.add(patient(pseudonym));
        resources.add(consent("consent", consent, partner, zone));
        int n = 0;
        for (java.util.Map.Entry<RequestPayload, ServiceRequestRepository.Stored> r : requests) {
            n++;
            resources.addAll(requestAndTask("request-" + n, "task-" + n, "consent", r.getKey(), r.getValue(), zone));
        }
        return json(resources, now);
    }

    private static Patient patient(String pseudonym) {
        Patient patient = new Patient();
        patient.setId("patient");
        patient.addIdentifier(new Identifier().setSystem(PSEUDONYM_SYSTEM).setValue(pseudonym));
        return patient;
    }

    private static Consent consent(String id, ValidConsent consent, String partner, ZoneId zone) {
        Consent fhirConsent = new Consent();
        fhirConsent.setId(id);
        fhirConsent.setStatus(Consent.ConsentState.ACTIVE);
        fhirConsent.setScope(concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy",
                "Privacy Consent"));
        fhirConsent.addCategory(concept("http://loinc.org", "59284-0", "Patient Consent"));
        fhirConsent.setPatient(new Reference("Patient/patient"));
        fhirConsent.setPolicyRule(concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"));
        Consent.ProvisionComponent provision = fhirConsent.getProvision();
        provision.setType(Consent.ConsentProvisionType.PERMIT);
        provision.setPeriod(new Period().setStart(date(consent.validFrom(), zone))
                .setEnd(date(consent.validUntil(), zone)));
        provision.addActor().setRole(concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
                "information recipient")).setReference(new Reference().setDisplay(partner));
        List<DataKind> purposes = consent.kinds().stream().filter(k -> !k.isData()).sorted().toList();
        if (purposes.isEmpty()) {
            // A consent to share: its way out is a share.
            provision.addPurpose(new Coding("urn:exitwork:purpose", "SHARE", consent.purpose()));
        }
        purposes.forEach(k -> provision.addPurpose(new Coding("urn:exitwork:purpose", k.name(), consent.purpose())));
        consent.kinds().stream().filter(DataKind::isData).sorted()
                .forEach(k -> provision.addClass_(new Coding(DATA_KIND_SYSTEM, k.name(), null)));
        return fhirConsent;
    }

    private static List<Resource> requestAndTask(String requestId, String taskId, String consentId,
            RequestPayload request, ServiceRequestRepository.Stored stored, ZoneId zone) {
        ServiceRequest serviceRequest = new ServiceRequest();
        serviceRequest.setId(requestId);
        serviceRequest.addIdentifier(new Identifier().setSystem("urn:exitwork:service-request")
                .setValue(stored.id().toString()));
        serviceRequest.setStatus(stored.status().terminal()
                ? (stored.status() == TaskStatus.COMPLETED ? ServiceRequest.ServiceRequestStatus.COMPLETED
                        : ServiceRequest.ServiceRequestStatus.REVOKED)
                : ServiceRequest.ServiceRequestStatus.ACTIVE);
        serviceRequest.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        serviceRequest.setCode(new CodeableConcept(new Coding(NEED_SYSTEM, request.need(), request.needLabel()))
                .setText(request.needLabel()));
        serviceRequest.setSubject(new Reference("Patient/patient"));
        serviceRequest.setAuthoredOn(Date.from(stored.requestedAt()));
        serviceRequest.addPerformer(new Reference().setDisplay(request.partner()));
        serviceRequest.setRequester(new Reference().setDisplay(request.from().name()));
        serviceRequest.addSupportingInfo(new Reference("Consent/" + consentId));
        serviceRequest.setOccurrence(new Period().setEnd(date(LocalDate.parse(request.answerBy()), zone)));
        request.kinds().forEach(k -> serviceRequest.addNote(new Annotation().setText(k.label() + ": " + k.text())));
        serviceRequest.addNote(new Annotation().setText(request.notice()));

        Task task = new Task();
        task.setId(taskId);
        task.setStatus(Task.TaskStatus.fromCode(stored.status().fhirCode()));
        task.setIntent(Task.TaskIntent.ORDER);
        task.addBasedOn(new Reference("ServiceRequest/" + requestId));
        task.setFocus(new Reference("ServiceRequest/" + requestId));
        task.setFor(new Reference("Patient/patient"));
        task.setAuthoredOn(Date.from(stored.requestedAt()));
        task.setLastModified(Date.from(stored.statusAt()));
        task.setOwner(new Reference().setDisplay(request.partner()));
        return List.of(serviceRequest, task);
    }

    private static String json(List<Resource> resources, java.time.Instant at) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(at));
        for (Resource resource : resources) {
            bundle.addEntry().setFullUrl("urn:exitwork:" + resource.fhirType() + ":" + resource.getIdElement().getIdPart())
                    .setResource(resource);
        }
        String json = Holder.R4.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
        validate(json);
        return json;
    }

    /** Parses the JSON back strictly and validates it against the FHIR R4 schema; throws {@link Invalid}. */
    static void validate(String json) {
        IParser strict = Holder.R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        Bundle parsed = strict.parseResource(Bundle.class, json);
        FhirValidator validator = Holder.R4.newValidator();
        validator.setValidateAgainstStandardSchema(true);
        validator.setValidateAgainstStandardSchematron(false);
        ValidationResult result = validator.validateWithResult(parsed);
        List<String> problems = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
        if (!problems.isEmpty()) {
            throw new Invalid(problems.stream().collect(Collectors.joining("; ")));
        }
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    private static Date date(LocalDate day, ZoneId zone) {
        return Date.from(day.atStartOfDay(zone).toInstant());
    }
}
