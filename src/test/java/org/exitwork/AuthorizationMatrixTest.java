package org.exitwork;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;

import org.exitwork.accounts.AccountAdministration;
import org.exitwork.accounts.Role;
import org.exitwork.accounts.StaffDirectory;
import org.exitwork.accounts.StaffPrincipal;
import org.exitwork.cases.RegisteredClient;
import org.exitwork.programme.internal.design.Design;
import org.exitwork.programme.internal.design.Programmes;
import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.DatabaseVisits;
import org.exitwork.referrals.internal.InboundReferral;
import org.exitwork.referrals.internal.Inbox;
import org.exitwork.referrals.internal.ReferralMatcher;
import org.exitwork.testing.Fixtures;
import org.exitwork.testing.GroupFixtures;
import org.exitwork.testing.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.exitwork.testing.Fixtures.passwordOnly;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Who may reach what: every endpoint for every kind of visitor. The table below is the single
 * statement of the authorization rules; {@link #everyHandlerMethodHasAnExpectation()} fails as soon
 * as a controller method appears that the table does not mention, so no endpoint can ship without a
 * deliberate decision about who may use it.
 */
@DatabaseTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    /** The kinds of visitor. Every non-tandem role is represented by someone outside the tandem. */
    enum Who {
        ANONYMOUS,
        /** Password verified, second factor still missing. */
        PASSWORD_ONLY,
        /** Practitioner A, who carries the client together with practitioner B. */
        PRACTITIONER_IN_TANDEM,
        /** A third practitioner of the same organisation, not in the tandem. */
        PRACTITIONER,
        MANAGER,
        DATA_PROTECTION_OFFICER,
        ADMIN,
        /**
         * A practitioner of another organisation, invited as a peer and a member of {@link World#peerGroup}.
         * Reaches only the peer groups: every row that does not name PEER expects the refusal of anyone not
         * allowed (403), so a row added later refuses a peer without saying so.
         */
        PEER
    }

    static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
    static final Set<Who> SIGNED_IN = EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER,
            Who.DATA_PROTECTION_OFFICER, Who.ADMIN);
    static final Set<Who> CASE_ROLES = EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER,
            Who.DATA_PROTECTION_OFFICER);
    static final Set<Who> PRACTITIONERS = EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER);
    static final Set<Who> TANDEM = EnumSet.of(Who.PRACTITIONER_IN_TANDEM);
    static final Set<Who> HALF_SIGNED_IN = EnumSet.of(Who.PASSWORD_ONLY);
    static final Set<Who> ADMINS = EnumSet.of(Who.ADMIN);
    static final Set<Who> DPOS = EnumSet.of(Who.DATA_PROTECTION_OFFICER);
    static final Set<Who> MANAGERS = EnumSet.of(Who.MANAGER);
    static final Set<Who> MANAGERS_AND_DPO = EnumSet.of(Who.MANAGER, Who.DATA_PROTECTION_OFFICER);
    /** Everyone signed in, peers of other organisations too. */
    static final Set<Who> SIGNED_IN_AND_PEERS = EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER,
            Who.DATA_PROTECTION_OFFICER, Who.ADMIN, Who.PEER);
    /** Who may open the peer groups: practitioners, managers and peers (members see theirs). */
    static final Set<Who> PEER_GROUP_READERS = EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER,
            Who.PEER);
    static final Set<Who> STAFF_SAFETY_ROLES = EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER);
    /** The partner API: no staff member, signed in or not; every request without a signature answers 401. */
    static final Set<Who> SIGNED_REQUESTS_ONLY = EnumSet.noneOf(Who.class);

    /** The people and records the requests are made with. */
    static final class World {
        Fixtures.Organisation org;
        StaffPrincipal tandemA;
        StaffPrincipal tandemB;
        StaffPrincipal otherPractitioner;
        StaffPrincipal manager;
        StaffPrincipal dpo;
        StaffPrincipal admin;
        /** An account the administrator's actions are tried on. */
        StaffPrincipal adminTarget;
        /** Password verified, must still replace the temporary password. */
        StaffPrincipal mustChangePassword;
        /** Password verified, second factor not yet enrolled. */
        StaffPrincipal mustEnrol;
        /** Password verified, second factor enrolled: must enter a code. */
        StaffPrincipal mustEnterCode;
        RegisteredClient client;
        /** A second client of the same tandem, on which the break-the-glass POST is tried. */
        RegisteredClient glassClient;
        String clientName;
        String noteText;
        /** A prospect of practitioner A, without safety discussion. */
        RegisteredClient prospect;
        /** A prospect of practitioner A whose safety discussion is recorded: ready to be taken on. */
        RegisteredClient readyProspect;
        UUID englishText;
        RegisteredClient toComplete;
        RegisteredClient toEnd;
        /** A completed case with one follow-up. */
        RegisteredClient closed;
        UUID followUp;
        /** A group led by practitioner A (the TANDEM row of the group endpoints), with one participant. */
        UUID group;
        UUID participant;
        /** A second participant of {@link #group}, for whom a case is opened. */
        UUID participantForCase;
        /** Sessions and context of {@link #client}: a session with next steps, two context persons. */
        UUID sessionWithNextSteps;
        /** Sessions of {@link #client} the matrix corrects and cancels, and one corrected before, with history. */
        UUID sessionToCorrect;
        UUID sessionToCancel;
        UUID contextPerson;
        UUID removableContextPerson;
        /** Care for the team: two induction topics of the organisation, an emergency contact of practitioner A. */
        UUID inductionTopic;
        UUID removableTopic;
        UUID emergencyContact;
        /** A passkey of practitioner A. */
        UUID passkey;
        /** Care records of practitioner A (a supervision session with A and B, a training, a check-up), and per
         *  visitor allowed to correct one a record of their own: the first correction would make the others stale. */
        UUID supervision;
        UUID training;
        UUID checkUp;
        final Map<Who, UUID> supervisionsToCorrect = new java.util.EnumMap<>(Who.class);
        final Map<Who, UUID> trainingsToCorrect = new java.util.EnumMap<>(Who.class);
        final Map<Who, UUID> checkUpsToCorrect = new java.util.EnumMap<>(Who.class);
        /** Client safety: an entry of {@link #client}'s threat logbook; a request by the third practitioner,
         *  who broke the glass, to read {@link #shieldedClient}'s compartment. */
        UUID threatEntry;
        RegisteredClient shieldedClient;
        UUID compartmentRequest;
        /** Staff safety: practitioner A's appointment today, and B's call for help about {@link #client}. */
        UUID safetyAppointment;
        UUID safetyAlert;
        /** Practitioner A's appointments tomorrow: one the matrix corrects, one it cancels. */
        UUID appointmentToCorrect;
        UUID appointmentToCancel;
        /** Practitioner A's appointment tomorrow, checked in to: the phone's check-in cookie and its page's token. */
        UUID checkInAppointment;
        Cookie checkInCookie;
        String checkInToken;
        /** Consents to share: a housing partner of the organisation and a consent of {@link #client} naming it. */
        UUID consentPartner;
        UUID consent;
        /** Network: a partner of the organisation (a youth office). */
        UUID partner;
        /** Referrals from {@link #partner}, matched: one the manager reads, one assigned, one declined; the
         *  prospect of practitioner A that a fourth one opened. */
        UUID referral;
        UUID referralToAssign;
        UUID referralToDecline;
        RegisteredClient referredProspect;
        /** Shares: a share of {@link #client} to the consent partner, and its link's token. */
        UUID share;
        String shareToken;
        /** Referrals in: a credential of {@link #partner} to revoke, a one-time link to withdraw, one to use. */
        UUID referralCredential;
        UUID referralLinkToWithdraw;
        /** Case conferences: one planned for {@link #client} with the consented partner. */
        UUID conference;
        /** Danger alerts: a police partner with one contact; an alert by B awaiting approval, one by B that went out. */
        UUID securityPartner;
        UUID securityContact;
        UUID awaitingAlert;
        UUID sentAlert;
        /** Per allowed visitor an alert of their own to decide or review: the first decision would end the others'. */
        final Map<Who, UUID> alertsToApprove = new java.util.EnumMap<>(Who.class);
        final Map<Who, UUID> alertsToReject = new java.util.EnumMap<>(Who.class);
        final Map<Who, UUID> alertsToReview = new java.util.EnumMap<>(Who.class);
        /** Per visitor a one-time referral link of their own: the first filled-in form uses a link up. */
        final Map<Who, String> referralFormTokens = new java.util.EnumMap<>(Who.class);
        /** Service requests: a consent of {@link #client} allowing them to {@link #partner}, one request and its
         *  link, one the matrix cancels, and per visitor a request of their own to answer (the first answer would
         *  make the others stale). */
        UUID serviceConsent;
        UUID serviceRequest;
        String serviceRequestToken;
        UUID serviceRequestToCancel;
        final Map<Who, String> serviceRequestTokens = new java.util.EnumMap<>(Who.class);
        /** A second consent of {@link #client}, the one the matrix revokes (the first stays valid for shares). */
        UUID consentToRevoke;
        /** A second share of {@link #client}, the one the matrix withdraws (the first one's link stays live). */
        UUID shareToWithdraw;
        /** Handover: per allowed visitor a client of A and B whose B they replace by {@link #successor}; a client
         *  the tandem marks high-risk. */
        final Map<Who, UUID> handoverClients = new java.util.EnumMap<>(Who.class);
        StaffPrincipal successor;
        RegisteredClient riskClient;
        /** Programmes: one with an outcome, and a client of A and B that belongs to it. */
        UUID programme;
        String programmeName;
        UUID outcome;
        UUID funder;
        UUID agreement;
        UUID agreementToChange;
        UUID funderReport;
        String funderToken;
        RegisteredClient programmeClient;
        /** Peer groups: a peer of another organisation; a group of practitioner A, the peer and {@link #peerGroupLeaver}
         *  (whom the matrix removes), which the third practitioner is not a member of. */
        StaffPrincipal peer;
        UUID peerGroup;
        StaffPrincipal peerGroupLeaver;
        /** The DPO's verification of the audit log, started in the background. */
        UUID auditVerification;
        /** Vignettes of {@link #client} by practitioner A for {@link #peerGroup}: a draft the matrix changes, one it
         *  submits, one awaiting review, one released (read, answered and printed) and one released that it
         *  withdraws; per reviewer one to release and one to send back (the first decision ends the others'). */
        UUID vignetteDraft;
        UUID vignetteToSubmit;
        UUID vignetteInReview;
        UUID vignetteReleased;
        UUID vignetteToWithdraw;
        /** The peer's feedback on {@link #vignetteReleased}. */
        UUID peersFeedback;
        final Map<Who, UUID> vignettesToRelease = new java.util.EnumMap<>(Who.class);
        final Map<Who, UUID> vignettesToSendBack = new java.util.EnumMap<>(Who.class);
        /** Who the request being made is made by. */
        Who visitor;
        /** Account resets (R6), asked for by the administrator: a second-factor reset the manager approves, a
         *  password reset the manager refuses, and a password reset the manager approved whose one look is open. */
        UUID resetToApprove;
        UUID resetToRefuse;
        UUID resetApproved;

        /** The visitor's own record of a kind, or the common one for visitors without their own. */
        UUID own(Map<Who, UUID> records, UUID common) {
            return records.getOrDefault(visitor, common);
        }

        StaffPrincipal principal(Who who) {
            return switch (who) {
                case ANONYMOUS -> null;
                case PASSWORD_ONLY, PRACTITIONER_IN_TANDEM -> tandemA;
                case PRACTITIONER -> otherPractitioner;
                case MANAGER -> manager;
                case DATA_PROTECTION_OFFICER -> dpo;
                case ADMIN -> admin;
                case PEER -> peer;
            };
        }
    }

    /**
     * One endpoint: method and path pattern exactly as the handler mapping reports them, who may use
     * it, and how to make a meaningful request to it (real ids, a plausible form).
     */
    record Endpoint(String method, String pattern, boolean mvc, Set<Who> allowed,
            Function<World, Object[]> uriVariables, BiConsumer<MockHttpServletRequestBuilder, World> form,
            Function<World, StaffPrincipal> halfSignedIn, Map<Who, Answer> answers) {

        String key() {
            return method + " " + pattern;
        }

        Endpoint vars(Function<World, Object[]> vars) {
            return new Endpoint(method, pattern, mvc, allowed, vars, form, halfSignedIn, answers);
        }

        Endpoint form(BiConsumer<MockHttpServletRequestBuilder, World> form) {
            return new Endpoint(method, pattern, mvc, allowed, uriVariables, form, halfSignedIn, answers);
        }

        /** Whose password-only sign-in is used: the sign-in steps need someone at that very step. */
        Endpoint halfSignedInAs(Function<World, StaffPrincipal> who) {
            return new Endpoint(method, pattern, mvc, allowed, uriVariables, form, who, answers);
        }

        /** What every allowed visitor gets (unless {@link #answers(Who, Answer)} says otherwise for one). */
        Endpoint answers(Answer answer) {
            Map<Who, Answer> all = new java.util.EnumMap<>(Who.class);
            allowed.forEach(who -> all.put(who, answer));
            all.putAll(answers);
            return new Endpoint(method, pattern, mvc, allowed, uriVariables, form, halfSignedIn, all);
        }

        /** What this allowed visitor gets. */
        Endpoint answers(Who who, Answer answer) {
            assertThat(allowed).as(key() + ": an answer for a visitor who is not allowed").contains(who);
            Map<Who, Answer> all = new java.util.EnumMap<>(Who.class);
            all.putAll(answers);
            all.put(who, answer);
            return new Endpoint(method, pattern, mvc, allowed, uriVariables, form, halfSignedIn, all);
        }

        /** The HTTP method a request is made with; {@code *} (any method) is tried with GET. */
        HttpMethod httpMethod() {
            return "*".equals(method) ? HttpMethod.GET : HttpMethod.valueOf(method);
        }
    }

    static Endpoint mvc(String key, Set<Who> allowed) {
        return endpoint(key, true, allowed);
    }

    /** Not a controller method: filters, static resources, actuator. */
    static Endpoint other(String key, Set<Who> allowed) {
        return endpoint(key, false, allowed);
    }

    private static Endpoint endpoint(String key, boolean mvc, Set<Who> allowed) {
        String[] parts = key.split(" ", 2);
        return new Endpoint(parts[0], parts[1], mvc, allowed, w -> new Object[0], (r, w) -> {
        }, w -> w.tandemA, Map.of());
    }

    /**
     * The exact answer an allowed visitor gets: a status and, for a redirect, where to. The target is
     * written like the endpoint's pattern: its own variables ({@code {id}}) stand for the ids the request
     * was made with, {@code {self}} for the visitor's own id, {@code {new}} for an id the request created.
     */
    record Answer(int status, String location) {

        boolean matches(MockHttpServletResponse response, Endpoint endpoint, Object[] vars, StaffPrincipal visitor) {
            if (response.getStatus() != status) {
                return false;
            }
            if (location == null) {
                return response.getHeader("Location") == null;
            }
            return response.getHeader("Location") != null
                    && response.getHeader("Location").matches(expected(endpoint, vars, visitor));
        }

        /** The redirect target as a regular expression: the variables filled in, {@code {new}} any id. */
        String expected(Endpoint endpoint, Object[] vars, StaffPrincipal visitor) {
            List<String> names = new org.springframework.web.util.UriTemplate(endpoint.pattern()).getVariableNames();
            String target = location;
            for (int i = 0; i < names.size(); i++) {
                target = target.replace("{" + names.get(i) + "}", String.valueOf(vars[i]));
            }
            if (visitor != null) {
                target = target.replace("{self}", visitor.id().toString());
            }
            return Pattern.quote(target).replace("{new}", "\\E[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\\Q");
        }

        @Override
        public String toString() {
            return status + (location == null ? "" : " -> " + location);
        }
    }

    static Answer ok() {
        return new Answer(200, null);
    }

    static Answer redirect(String location) {
        return new Answer(302, location);
    }

    static Answer forbidden() {
        return new Answer(403, null);
    }

    static Answer badRequest() {
        return new Answer(400, null);
    }

    static Answer notFound() {
        return new Answer(404, null);
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            // Home: sends each role on to its work.
            mvc("GET /", SIGNED_IN_AND_PEERS)
                    .answers(redirect("/start"))
                    .answers(Who.PEER, redirect("/peer-groups"))
                    .answers(Who.MANAGER, redirect("/manage/overview"))
                    .answers(Who.DATA_PROTECTION_OFFICER, redirect("/audit"))
                    .answers(Who.ADMIN, redirect("/admin/staff")),

            // Public: sign-in page and first run (which answers 404 once set up).
            mvc("GET /sign-in", EVERYONE).answers(ok()),
            mvc("GET /setup", EVERYONE).answers(notFound()),
            mvc("POST /setup", EVERYONE).form((r, w) -> r.param("organisationName", "Intruder org")
                    .param("displayName", "Intruder").param("username", Fixtures.unique("intruder"))
                    .param("password", "a long enough password").param("repeatPassword", "a long enough password"))
                    .answers(notFound()),
            mvc("* /error", EVERYONE).answers(notFound()),

            // The rest of the sign-in: only for someone whose password was verified, and no-one else.
            mvc("GET /sign-in/continue", HALF_SIGNED_IN).answers(redirect("/sign-in/enrol")),
            mvc("GET /sign-in/new-password", HALF_SIGNED_IN).halfSignedInAs(w -> w.mustChangePassword)
                    .answers(ok()),
            mvc("POST /sign-in/new-password", HALF_SIGNED_IN).halfSignedInAs(w -> w.mustChangePassword)
                    .answers(badRequest()),
            mvc("GET /sign-in/enrol", HALF_SIGNED_IN).halfSignedInAs(w -> w.mustEnrol).answers(ok()),
            mvc("POST /sign-in/enrol", HALF_SIGNED_IN).halfSignedInAs(w -> w.mustEnrol)
                    .answers(badRequest()),
            mvc("GET /sign-in/code", HALF_SIGNED_IN).halfSignedInAs(w -> w.mustEnterCode)
                    .answers(ok()),
            mvc("POST /sign-in/code", HALF_SIGNED_IN).halfSignedInAs(w -> w.mustEnterCode)
                    .answers(badRequest()),
            // A passkey signs in by itself or after the password (its answer is checked by PasskeysTest; without
            // one it fails): open to everyone like the sign-in page; someone signed in already is sent home.
            mvc("POST /sign-in/passkey/options", EVERYONE).halfSignedInAs(w -> w.mustEnterCode).answers(ok()),
            mvc("POST /sign-in/passkey", EVERYONE).halfSignedInAs(w -> w.mustEnterCode)
                    .answers(redirect("/"))
                    .answers(Who.ANONYMOUS, redirect("/sign-in?passkey-failed"))
                    .answers(Who.PASSWORD_ONLY, redirect("/sign-in/code?passkey-failed")),

            // Staff administration: administrators only.
            // The accounts page and narrow to a role: the same answer for every role.
            mvc("GET /admin/staff", ADMINS).form((r, w) -> r.param("role", "PRACTITIONER")
                    .param("after", w.tandemA.id().toString())).answers(ok()),
            mvc("POST /admin/staff", ADMINS).form((r, w) -> r.param("username", "").param("displayName", "")
                    .param("role", "PRACTITIONER")).answers(badRequest()),
            mvc("POST /admin/staff/{id}/reset-password", ADMINS).vars(w -> ids(w.adminTarget.id()))
                    .answers(redirect("/admin/staff")),
            mvc("POST /admin/staff/{id}/reset-second-factor", ADMINS).vars(w -> ids(w.adminTarget.id()))
                    .answers(redirect("/admin/staff")),
            mvc("POST /admin/staff/{id}/unlock", ADMINS).vars(w -> ids(w.adminTarget.id()))
                    .answers(redirect("/admin/staff")),
            mvc("POST /admin/staff/{id}/active", ADMINS).vars(w -> ids(w.adminTarget.id()))
                    .form((r, w) -> r.param("active", "true")).answers(redirect("/admin/staff")),
            // Resets take two people (R6): the administrator only asks; a manager decides and alone sees the
            // temporary password, once. The holder acknowledges the notice; without one it sends them home.
            mvc("GET /manage/account-resets", MANAGERS).answers(ok()),
            mvc("POST /manage/account-resets/{id}/approve", MANAGERS).vars(w -> ids(w.resetToApprove))
                    .answers(redirect("/manage/account-resets")),
            mvc("POST /manage/account-resets/{id}/refuse", MANAGERS).vars(w -> ids(w.resetToRefuse))
                    .answers(redirect("/manage/account-resets")),
            mvc("GET /manage/account-resets/{id}/password", MANAGERS).vars(w -> ids(w.resetApproved))
                    .answers(ok()),
            mvc("GET /account/reset-notice", SIGNED_IN_AND_PEERS).answers(redirect("/")),
            mvc("POST /account/reset-notice", SIGNED_IN_AND_PEERS).answers(redirect("/")),

            // Cases: never the administrator; registering only practitioners; reading only the tandem.
            mvc("GET /cases", CASE_ROLES).answers(ok()),
            mvc("GET /cases/new", PRACTITIONERS).answers(ok()),
            mvc("POST /cases", PRACTITIONERS).form((r, w) -> r.param("pathway", "SELF_REFERRAL")
                    .param("areas", "UNCLEAR")).answers(redirect("/cases/{new}/intake")),
            // Outside the tandem this is the 403 "break the glass" page: denied for reading.
            mvc("GET /cases/{id}", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/identity", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            // Colleagues outside the tandem may break the glass (recorded, time-limited); tried on a
            // second client so that reading the first one stays denied for them.
            mvc("POST /cases/{id}/break-glass", CASE_ROLES).vars(w -> ids(w.glassClient.id()))
                    .form((r, w) -> r.param("reason", "SUPERVISION")
                            .param("explanation", "Supervision of the case work this week"))
                    .answers(redirect("/cases/{id}")),

            // --- intake: prospects, safety discussion, consent to participate ---
            // A prospect is carried by practitioner A alone; the manager records the safety discussion.
            mvc("GET /cases/{id}/intake", TANDEM).vars(w -> ids(w.prospect.id())).answers(ok()),
            mvc("POST /cases/{id}/contacts", TANDEM).vars(w -> ids(w.prospect.id()))
                    .form((r, w) -> r.param("contactedOn", LocalDate.now().minusDays(1).toString())
                            .param("kind", "ATTEMPT").param("reached", "false").param("note", ""))
                    .answers(redirect("/cases/{id}/intake#contacts")),
            mvc("POST /cases/{id}/description", TANDEM).vars(w -> ids(w.prospect.id()))
                    .form((r, w) -> r.param("areas", "UNCLEAR", "GANGS").param("contextCase", "false"))
                    .answers(redirect("/cases/{id}/intake")),
            mvc("GET /cases/{id}/safety-discussion", MANAGERS).vars(w -> ids(w.prospect.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/safety-discussion", MANAGERS).vars(w -> ids(w.prospect.id()))
                    .form((r, w) -> r.param("heldOn", LocalDate.now().minusDays(1).toString())
                            .param("risks", "Meet in the office only"))
                    .answers(redirect("/manage/overview")),
            mvc("GET /cases/{id}/take-on", TANDEM).vars(w -> ids(w.readyProspect.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/take-on", TANDEM).vars(w -> ids(w.readyProspect.id()))
                    .form((r, w) -> r.param("givenOn", LocalDate.now().minusDays(1).toString())
                            .param("informedHow", "TALK_AND_TEXT_HANDED_OVER")
                            .param("informationText", w.englishText.toString()).param("language", "en")
                            .param("fullName", "Taken On In The Matrix").param("dateOfBirth", "")
                            .param("contact", "").param("aliases", "")
                            .param("secondPractitioner", w.tandemB.id().toString())
                            .param("singlePractitionerReason", "")).answers(redirect("/cases/{id}")),
            mvc("GET /cases/information-texts", CASE_ROLES).answers(ok()),
            mvc("GET /cases/information-texts/{textId}", CASE_ROLES).vars(w -> ids(w.englishText))
                    .answers(ok()),
            mvc("POST /cases/information-texts", MANAGERS).form((r, w) -> r.param("titleEn", "Title")
                    .param("bodyEn", "Text").param("titleDe", "Titel").param("bodyDe", "Text"))
                    .answers(redirect("/cases/information-texts")),

            // --- sessions, search, context persons, institutions ---
            // Session notes moved from the case page to the sessions page (POST /cases/{id}/notes is gone).
            mvc("GET /cases/{id}/sessions", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/sessions", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("sessionDate", LocalDate.now().minusDays(1).toString())
                            .param("setting", "ONE_ON_ONE").param("clientPresent", "true")
                            .param("staff", w.tandemA.id().toString())
                            .param("text", "A session recorded in the authorization test"))
                    .answers(redirect("/cases/{id}/sessions")),
            // One question per page: each step answers with the next question (200) and writes nothing; the
            // check page posts to POST /cases/{id}/sessions above.
            mvc("GET /cases/{id}/sessions/steps", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/sessions/steps/{step}", TANDEM)
                    .vars(w -> new Object[] {w.client.id(), "when"})
                    .form((r, w) -> r.param("sessionDate", LocalDate.now().minusDays(1).toString())
                            .param("setting", "ONE_ON_ONE"))
                    .answers(ok()),
            mvc("POST /cases/{id}/sessions/steps/{step}/change", TANDEM)
                    .vars(w -> new Object[] {w.client.id(), "what"})
                    .form((r, w) -> r.param("setting", "ONE_ON_ONE").param("checking", "true"))
                    .answers(ok()),
            mvc("POST /cases/{id}/sessions/{sessionId}/next-steps-done", TANDEM)
                    .vars(w -> ids(w.client.id(), w.sessionWithNextSteps))
                    .answers(redirect("/cases/{id}/sessions#session-{sessionId}")),
            // The new-session form's participants for a setting (htmx), corrections with history, cancellation.
            mvc("GET /cases/{id}/sessions/participants", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("setting", "CONTEXT_ONLY")).answers(ok()),
            mvc("GET /cases/{id}/sessions/{sessionId}/correct", TANDEM)
                    .vars(w -> ids(w.client.id(), w.sessionToCorrect)).answers(ok()),
            mvc("POST /cases/{id}/sessions/{sessionId}/correct", TANDEM)
                    .vars(w -> ids(w.client.id(), w.sessionToCorrect))
                    .form((r, w) -> r.param("sessionDate", LocalDate.now().minusDays(3).toString())
                            .param("setting", "ONE_ON_ONE").param("clientPresent", "true")
                            .param("staff", w.tandemA.id().toString())
                            .param("text", "A session corrected in the authorization test")
                            .param("basedOn", "2").param("reason", "Corrected in the matrix"))
                    .answers(redirect("/cases/{id}/sessions#session-{sessionId}")),
            mvc("GET /cases/{id}/sessions/{sessionId}/history", TANDEM)
                    .vars(w -> ids(w.client.id(), w.sessionToCorrect)).answers(ok()),
            mvc("GET /cases/{id}/sessions/{sessionId}/cancel", TANDEM)
                    .vars(w -> ids(w.client.id(), w.sessionToCancel)).answers(ok()),
            mvc("POST /cases/{id}/sessions/{sessionId}/cancel", TANDEM)
                    .vars(w -> ids(w.client.id(), w.sessionToCancel))
                    .form((r, w) -> r.param("basedOn", "1").param("reason", "Recorded in error in the matrix"))
                    .answers(redirect("/cases/{id}/sessions#session-{sessionId}")),
            // Searches only the searcher's own tandem cases; managers and DPOs carry none.
            mvc("GET /cases/search", PRACTITIONERS).form((r, w) -> r.param("q", "note"))
                    .answers(ok()),
            mvc("GET /cases/{id}/context", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/context/persons", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("relation", "FRIEND").param("name", "Added In The Matrix")
                            .param("note", "")).answers(redirect("/cases/{id}/context#persons")),
            mvc("POST /cases/{id}/context/persons/{personId}", TANDEM)
                    .vars(w -> ids(w.client.id(), w.contextPerson))
                    .form((r, w) -> r.param("relation", "SIBLING").param("name", "Changed In The Matrix")
                            .param("note", "").param("version", "0")).answers(redirect("/cases/{id}/context#persons")),
            mvc("POST /cases/{id}/context/persons/{personId}/remove", TANDEM)
                    .vars(w -> ids(w.client.id(), w.removableContextPerson))
                    .answers(redirect("/cases/{id}/context#persons")),
            mvc("POST /cases/{id}/context/institutions", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("kind", "SCHOOL").param("institutionName", "Matrix School")
                            .param("since", LocalDate.now().toString()))
                    .answers(redirect("/cases/{id}/context#institutions")),

            // --- work agreement and progress ---
            // The tandem only; colleagues are refused (audited) unless they broke the glass, which the matrix
            // does not do. In this order: the tandem's POST makes version 1, which the rows after it use.
            mvc("GET /cases/{id}/agreement", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/agreement/new", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/agreement", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("objective", "Objective written in the authorization test")
                            .param("changes[0].wording", "A change written in the authorization test")
                            .param("nextSteps", "Next steps written in the authorization test")
                            .param("language", "en").param("basedOn", "0"))
                    .answers(redirect("/cases/{id}/agreement#draft")),
            // Printing for the client is handing it out: the tandem's only, even after breaking the glass
            // (theWorkAgreementForTheClientIsTheTandemsEvenAfterBreakingTheGlass).
            mvc("GET /cases/{id}/agreement/{version}/pdf", TANDEM).vars(w -> new Object[] {w.client.id(), 1})
                    .answers(ok()),
            mvc("POST /cases/{id}/agreement/{version}/client-agreement", TANDEM)
                    .vars(w -> new Object[] {w.client.id(), 1})
                    .form((r, w) -> r.param("agreedOn", LocalDate.now().toString()).param("how", "ORALLY"))
                    .answers(redirect("/cases/{id}/agreement")),
            mvc("POST /cases/{id}/agreement/ratings", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("ratedOn", LocalDate.now().toString())
                            .param("entries[0].thread", UUID.randomUUID().toString()).param("entries[0].score", "3"))
                    .answers(badRequest()),

            // --- resources and safety assessment ---
            mvc("GET /cases/{id}/assessment", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/assessment", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("assessedOn", LocalDate.now().minusDays(1).toString())
                            .param("resources", "Assessed in the authorization test").param("dangerToSelf", "LOW")
                            .param("dangerToOthers", "NONE_SEEN"))
                    .answers(redirect("/cases/{id}/assessment")),

            // --- staff profiles and groups ---
            // Everyone keeps their own profile; there is no way to reach another's.
            mvc("GET /profile", SIGNED_IN).answers(ok()),
            mvc("POST /profile", SIGNED_IN).form((r, w) -> r.param("gender", "PREFER_NOT_TO_SAY")
                    .param("backgrounds", "OTHER").param("socialBackground", "").param("languages", ""))
                    .answers(redirect("/profile")),
            // Groups: colleagues see the list (name and leaders); only practitioners start one; only the
            // leaders (here practitioner A, the TANDEM row) read and write it; the administrator nothing.
            // The list pages and narrows to a setting and the groups one leads: the same answer for every role.
            mvc("GET /groups", CASE_ROLES).form((r, w) -> r.param("setting", "SCHOOL").param("mine", "true")
                    .param("after", w.group.toString())).answers(ok()),
            mvc("GET /groups/new", PRACTITIONERS).answers(ok()),
            mvc("POST /groups", PRACTITIONERS).form((r, w) -> r.param("name", "Matrix group")
                    .param("setting", "YOUTH_WORK").param("institution", "Youth centre"))
                    .answers(redirect("/groups/{new}")),
            // Outside the leaders this is the 403 page with the group's name and leaders.
            mvc("GET /groups/{id}", TANDEM).vars(w -> ids(w.group)).answers(ok()),
            mvc("GET /groups/{id}/edit", TANDEM).vars(w -> ids(w.group)).answers(ok()),
            mvc("POST /groups/{id}", TANDEM).vars(w -> ids(w.group))
                    .form((r, w) -> r.param("name", "Matrix group").param("setting", "SCHOOL")
                            .param("institution", "A school").param("leaders", w.tandemA.id().toString()))
                    .answers(redirect("/groups/{id}")),
            mvc("POST /groups/{id}/participants", TANDEM).vars(w -> ids(w.group))
                    .answers(redirect("/groups/{id}#participants")),
            mvc("GET /groups/{id}/sessions/new", TANDEM).vars(w -> ids(w.group)).answers(ok()),
            mvc("POST /groups/{id}/sessions", TANDEM).vars(w -> ids(w.group))
                    .form((r, w) -> r.param("heldOn", LocalDate.now().minusDays(1).toString()).param("minutes", "90")
                            .param("themes", "ANGER").param("note", "").param("present", w.participant.toString()))
                    .answers(redirect("/groups/{id}#sessions")),
            // Linking needs a leader of the group who is in the case's tandem (A is both).
            mvc("POST /groups/{id}/participants/{participantId}/link", TANDEM).vars(w -> ids(w.group, w.participant))
                    .form((r, w) -> r.param("clientId", w.client.id().toString()))
                    .answers(redirect("/groups/{id}#participants")),
            mvc("POST /groups/{id}/participants/{participantId}/unlink", TANDEM)
                    .vars(w -> ids(w.group, w.participant))
                    .answers(redirect("/groups/{id}#participants")),
            // A participant's private label: the leaders only (A); everyone else the group pages' 403.
            mvc("GET /groups/{id}/participants/{participantId}/label", TANDEM).vars(w -> ids(w.group, w.participant))
                    .answers(ok()),
            mvc("POST /groups/{id}/participants/{participantId}/label", TANDEM)
                    .vars(w -> ids(w.group, w.participant)).form((r, w) -> r.param("label", "Matrix label"))
                    .answers(redirect("/groups/{id}#participants")),
            mvc("POST /groups/{id}/participants/{participantId}/label/remove", TANDEM)
                    .vars(w -> ids(w.group, w.participant))
                    .answers(redirect("/groups/{id}#participants")),
            // Opening a case for a participant: a leader, who carries the new prospect; a participant of its own,
            // so that the link endpoint above cannot have taken it first.
            mvc("GET /groups/{id}/participants/{participantId}/case", TANDEM)
                    .vars(w -> ids(w.group, w.participantForCase)).answers(ok()),
            mvc("POST /groups/{id}/participants/{participantId}/case", TANDEM)
                    .vars(w -> ids(w.group, w.participantForCase))
                    .form((r, w) -> r.param("pathway", "SCHOOL").param("areas", "GANGS"))
                    .answers(redirect("/cases/{new}/intake")),

            // --- ending, erasure, retention, overviews ---
            mvc("GET /cases/{id}/ending", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/ending/completed", TANDEM).vars(w -> ids(w.toComplete.id()))
                    .form((r, w) -> r.param("closedOn", LocalDate.now().toString())
                            .param("aftercarePlan", "Call in a month").param("followUp1", LocalDate.now().plusDays(30)
                                    .toString())).answers(redirect("/cases/{id}/ending")),
            mvc("POST /cases/{id}/ending/clients-choice", TANDEM).vars(w -> ids(w.toEnd.id()))
                    .form((r, w) -> r.param("endedOn", LocalDate.now().toString()).param("eraseNow", "false"))
                    .answers(redirect("/cases/{id}/ending")),
            mvc("POST /cases/{id}/follow-ups/{followUpId}/done", TANDEM).vars(w -> ids(w.closed.id(), w.followUp))
                    .answers(redirect("/cases/{id}/ending")),
            // Unconfirmed, so that the tandem's allowed request (400) erases nothing the others are tried on.
            mvc("POST /cases/{id}/erasure", TANDEM).vars(w -> ids(w.closed.id())).form((r, w) -> r.param("confirmed",
                    "false")).answers(badRequest()),
            mvc("GET /manage/retention", MANAGERS).answers(ok()),
            mvc("POST /manage/retention", MANAGERS).form((r, w) -> r.param("prospectDays", "90")
                    .param("closedDays", "365").param("groupDays", "365").param("appointmentDays", "30"))
                    .answers(redirect("/manage/retention")),
            mvc("GET /start", PRACTITIONERS).answers(ok()),
            mvc("GET /manage/overview", MANAGERS).answers(ok()),
            mvc("GET /manage/mail", MANAGERS).answers(ok()),

            // --- a case changes hands (R2) and the high-risk mark (R14) ---
            // The tandem or a programme manager changes the tandem (the manager without reading the case); each
            // allowed visitor replaces practitioner B on a client of their own, so the second change is not stale.
            // Everyone else is refused with 403 and changes nothing (aCaseChangesHands... in HandoverTest).
            mvc("GET /cases/{id}/tandem", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/tandem", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.own(w.handoverClients, w.client.id())))
                    .form((r, w) -> r.param("leaving", w.tandemB.id().toString())
                            .param("joining", w.successor.id().toString()).param("reason", "ABSENCE").param("note", ""))
                    .answers(redirect("/cases/{id}/tandem")),
            mvc("GET /manage/handovers/{staffId}", MANAGERS).vars(w -> ids(w.tandemB.id())).answers(ok()),
            mvc("GET /cases/{id}/high-risk", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/high-risk", TANDEM).vars(w -> ids(w.riskClient.id()))
                    .form((r, w) -> r.param("highRisk", "true").param("reason", "THREATS").param("note", ""))
                    .answers(redirect("/cases/{id}")),

            // --- staff safety: whereabouts, check-in, escalation ---
            // Practitioners plan and check in; practitioners and managers see the board, duty and alerts.
            // The appointment is practitioner A's (the TANDEM row); the alert is practitioner B's call for
            // help about the shared client, which reached A (tandem partner) and the managers. A
            // acknowledges first and owns it, so the manager's acknowledgement is a "too late" notice and
            // only A may resolve it. Neither the DPO nor the administrator sees anything of it.
            // The own appointments page and narrow to days: the same answer for every role.
            mvc("GET /safety/appointments", PRACTITIONERS).form((r, w) -> r.param("from", LocalDate.now().toString())
                    .param("until", LocalDate.now().plusDays(30).toString()).param("after", UUID.randomUUID().toString()))
                    .answers(ok()),
            mvc("POST /safety/appointments", PRACTITIONERS).form((r, w) -> r
                    .param("startsAt", LocalDate.now().plusDays(1).atTime(10, 0).toString())
                    .param("endsAt", LocalDate.now().plusDays(1).atTime(11, 0).toString())
                    .param("placeKind", "OFFICE").param("place", ""))
                    .answers(redirect("/safety/appointments")),
            mvc("GET /safety/check-in", PRACTITIONERS).answers(ok()),
            // Corrections and cancellations: the appointment's practitioner only (A's, the TANDEM row); another
            // practitioner is refused (403), as is everyone else.
            mvc("GET /safety/appointments/{id}", TANDEM).vars(w -> ids(w.appointmentToCorrect)).answers(ok()),
            mvc("POST /safety/appointments/{id}", TANDEM).vars(w -> ids(w.appointmentToCorrect))
                    .form((r, w) -> r.param("version", "0")
                            .param("startsAt", LocalDate.now().plusDays(1).atTime(14, 0).toString())
                            .param("endsAt", LocalDate.now().plusDays(1).atTime(15, 0).toString())
                            .param("placeKind", "OFFICE").param("place", ""))
                    .answers(redirect("/safety/appointments/{id}")),
            mvc("POST /safety/appointments/{id}/cancel", TANDEM).vars(w -> ids(w.appointmentToCancel))
                    .form((r, w) -> r.param("version", "0").param("reason", "Matrix"))
                    .answers(redirect("/safety/appointments/{id}")),
            mvc("POST /safety/appointments/{id}/arrived", TANDEM).vars(w -> ids(w.safetyAppointment))
                    .answers(redirect("/safety/help/{id}?done=arrived")),
            mvc("POST /safety/appointments/{id}/extend", TANDEM).vars(w -> ids(w.safetyAppointment))
                    .form((r, w) -> r.param("minutes", "15")).answers(redirect("/safety/check-in")),
            mvc("POST /safety/appointments/{id}/help", TANDEM).vars(w -> ids(w.safetyAppointment))
                    .answers(redirect("/safety/check-in")),
            mvc("POST /safety/appointments/{id}/left", TANDEM).vars(w -> ids(w.safetyAppointment))
                    .answers(redirect("/safety/check-in")),
            // The phone's check-in: only its cookie counts, no session and no role (a signed-in person without the
            // cookie gets the same refusal); with the cookie, see theCheckInCookieOpensItsFourActionsAndNothingElse.
            mvc("GET /safety/help/{id}", EVERYONE).vars(w -> ids(w.checkInAppointment)).answers(forbidden()),
            mvc("POST /safety/help/{id}/arrived", EVERYONE).vars(w -> ids(w.checkInAppointment)).answers(forbidden()),
            mvc("POST /safety/help/{id}/extend", EVERYONE).vars(w -> ids(w.checkInAppointment))
                    .form((r, w) -> r.param("minutes", "15")).answers(forbidden()),
            mvc("POST /safety/help/{id}/now", EVERYONE).vars(w -> ids(w.checkInAppointment)).answers(forbidden()),
            mvc("POST /safety/help/{id}/left", EVERYONE).vars(w -> ids(w.checkInAppointment)).answers(forbidden()),
            mvc("GET /safety/today", STAFF_SAFETY_ROLES).answers(ok()),
            mvc("POST /safety/duty", STAFF_SAFETY_ROLES).form((r, w) -> r.param("onDuty", "true"))
                    .answers(redirect("/safety/today")),
            mvc("GET /safety/alerts", STAFF_SAFETY_ROLES).answers(ok()),
            mvc("GET /safety/alerts/banner", STAFF_SAFETY_ROLES).answers(ok()),
            mvc("POST /safety/alerts/{id}/acknowledge", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.safetyAlert)).answers(redirect("/safety/alerts")),
            mvc("POST /safety/alerts/{id}/resolve", TANDEM).vars(w -> ids(w.safetyAlert))
                    .answers(redirect("/safety/alerts")),
            mvc("GET /safety/settings", STAFF_SAFETY_ROLES).answers(ok()),
            mvc("POST /safety/settings", STAFF_SAFETY_ROLES).form((r, w) -> r.param("workEmail", ""))
                    .answers(redirect("/safety/settings")),

            // --- client safety: threat logbook, shield plan, emergency plan ---
            mvc("GET /safety/compartment-requests", MANAGERS).answers(ok()),
            // The tandem reads and writes (colleagues only after breaking the glass, which the matrix does not do
            // on this client); the compartment's requests are decided by managers, never by the requester.
            mvc("GET /cases/{id}/safety/threats", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/safety/threats", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("occurredOn", LocalDate.now().minusDays(1).toString())
                            .param("kind", "FOLLOWED").param("fromWhom", "Matrix group")
                            .param("whatHappened", "Followed in the authorization test").param("whatDone", ""))
                    .answers(redirect("/cases/{id}/safety/threats")),
            mvc("POST /cases/{id}/safety/threats/{entryId}/corrections", TANDEM)
                    .vars(w -> ids(w.client.id(), w.threatEntry))
                    .form((r, w) -> r.param("note", "Corrected in the authorization test"))
                    .answers(redirect("/cases/{id}/safety/threats")),
            mvc("GET /cases/{id}/safety/shield", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/safety/shield", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("involved", "Matrix group").param("measures[0].kind", "SECURE_PHONE")
                            .param("measures[0].description", "Matrix phone").param("measures[0].owner", "client")
                            .param("measures[0].status", "PLANNED").param("version", "0"))
                    .answers(redirect("/cases/{id}/safety/shield")),
            mvc("GET /cases/{id}/safety/compartment", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/safety/compartment", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("newPlace", "Matrix town").param("newName", "").param("newNumbers", ""))
                    .answers(redirect("/cases/{id}/safety/compartment")),
            // Only someone who broke the glass may ask (the tandem is sent back to the page it reads anyway).
            mvc("POST /cases/{id}/safety/compartment/requests", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("reason", "Asked in the authorization test"))
                    .answers(redirect("/cases/{id}/safety/compartment")),
            mvc("GET /cases/{id}/safety/compartment/requests", MANAGERS).vars(w -> ids(w.client.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/safety/compartment/requests/{requestId}/approve", MANAGERS)
                    .vars(w -> ids(w.shieldedClient.id(), w.compartmentRequest))
                    .answers(redirect("/cases/{id}/safety/compartment/requests")),
            mvc("GET /cases/{id}/safety/emergency", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/safety/emergency", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("instructions", "Matrix instructions").param("contacts[0].who", "Tandem")
                            .param("contacts[0].number", "0301234567").param("contacts[0].when", "first")
                            .param("version", "0"))
                    .answers(redirect("/cases/{id}/safety/emergency")),
            mvc("GET /cases/{id}/safety/emergency/print", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),

            // --- care for the team, staff emergency contacts ---
            // Practitioners see and record their own (the TANDEM row is practitioner A's own page), managers
            // the organisation's; the DPO and the administrator have no business here.
            mvc("GET /team", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER))
                    .answers(redirect("/team/staff/{self}"))
                    .answers(Who.MANAGER, ok()),
            mvc("GET /team/staff/{id}", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.tandemA.id())).answers(ok()),
            mvc("POST /team/staff/{id}/checkups", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.tandemA.id())).form((r, w) -> r.param("doneOn", LocalDate.now().toString()))
                    .answers(redirect("/team/staff/{id}")),
            mvc("POST /team/staff/{id}/checkup-due", MANAGERS).vars(w -> ids(w.tandemA.id()))
                    .form((r, w) -> r.param("dueOn", LocalDate.now().plusDays(10).toString()))
                    .answers(redirect("/team/staff/{id}")),
            mvc("POST /team/staff/{id}/trainings", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.tandemA.id())).form((r, w) -> r.param("takenOn", LocalDate.now().toString())
                            .param("title", "Matrix training").param("provider", "").param("topicId", ""))
                    .answers(redirect("/team/staff/{id}")),
            // The sessions page and narrow to a kind: the same answer for every role.
            mvc("GET /team/supervision", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER))
                    .form((r, w) -> r.param("kind", "SUPERVISION").param("before", UUID.randomUUID().toString()))
                    .answers(ok()),
            mvc("GET /team/supervision/new", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER))
                    .answers(ok()),
            // The other practitioner is not among the participants: allowed, but answered 400.
            mvc("POST /team/supervision", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.PRACTITIONER, Who.MANAGER))
                    .form((r, w) -> r.param("heldOn", LocalDate.now().toString()).param("kind", "INTERVISION")
                            .param("participants", w.tandemA.id().toString(), w.tandemB.id().toString()))
                    .answers(redirect("/team/supervision"))
                    .answers(Who.PRACTITIONER, badRequest()),
            // Corrections of care records: whoever may read the record today (a session's participants, here A,
            // and the managers; a staff member's own training and check-ups, and the managers); the earlier
            // version stays on the same page.
            mvc("GET /team/supervision/{id}", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.supervision)).answers(ok()),
            mvc("POST /team/supervision/{id}", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.own(w.supervisionsToCorrect, w.supervision)))
                    .form((r, w) -> r.param("version", "0").param("heldOn", LocalDate.now().minusDays(2).toString())
                            .param("kind", "INTERVISION").param("participants", w.tandemA.id().toString()))
                    .answers(redirect("/team/supervision/{id}")),
            mvc("GET /team/staff/{id}/trainings/{trainingId}", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.tandemA.id(), w.training)).answers(ok()),
            mvc("POST /team/staff/{id}/trainings/{trainingId}", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.tandemA.id(), w.own(w.trainingsToCorrect, w.training)))
                    .form((r, w) -> r.param("version", "0").param("takenOn", LocalDate.now().minusDays(3).toString())
                            .param("title", "Matrix training, corrected").param("provider", "").param("topicId", ""))
                    .answers(redirect("/team/staff/{id}/trainings/{trainingId}")),
            mvc("GET /team/staff/{id}/checkups/{checkUpId}", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.tandemA.id(), w.checkUp)).answers(ok()),
            mvc("POST /team/staff/{id}/checkups/{checkUpId}", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.tandemA.id(), w.own(w.checkUpsToCorrect, w.checkUp)))
                    .form((r, w) -> r.param("version", "0").param("doneOn", LocalDate.now().minusDays(4).toString()))
                    .answers(redirect("/team/staff/{id}/checkups/{checkUpId}")),
            mvc("GET /team/induction", MANAGERS).answers(ok()),
            mvc("POST /team/induction", MANAGERS).form((r, w) -> r.param("title", "Matrix topic"))
                    .answers(redirect("/team/induction")),
            mvc("POST /team/induction/{id}/remove", MANAGERS).vars(w -> ids(w.removableTopic))
                    .answers(redirect("/team/induction")),
            mvc("POST /team/induction/{id}/up", MANAGERS).vars(w -> ids(w.inductionTopic))
                    .answers(redirect("/team/induction")),
            // Everyone keeps their own emergency contacts (practitioner A's contact answers 404 to the others);
            // only managers read the organisation's.
            mvc("GET /profile/emergency-contacts", SIGNED_IN).answers(ok()),
            mvc("POST /profile/emergency-contacts", SIGNED_IN).form((r, w) -> r.param("name", "Matrix Contact")
                    .param("relation", "Sister").param("phone", "+49 30 1234567"))
                    .answers(redirect("/profile/emergency-contacts")),
            mvc("POST /profile/emergency-contacts/{id}/remove", SIGNED_IN).vars(w -> ids(w.emergencyContact))
                    .answers(notFound())
                    .answers(Who.PRACTITIONER_IN_TANDEM, redirect("/profile/emergency-contacts")),
            mvc("GET /manage/emergency-contacts", MANAGERS).answers(ok()),
            // Everyone keeps their own passkeys (practitioner A's answers 404 to the others); without the device's
            // answer the form comes back (400); only the administrator decides whether managers and
            // administrators must use them.
            mvc("GET /profile/passkeys", SIGNED_IN).answers(ok()),
            mvc("POST /profile/passkeys/options", SIGNED_IN).answers(ok()),
            mvc("POST /profile/passkeys", SIGNED_IN).form((r, w) -> r.param("name", "Matrix key")
                    .param("credential", "")).answers(badRequest()),
            mvc("POST /profile/passkeys/{id}/remove", SIGNED_IN).vars(w -> ids(w.passkey))
                    .answers(notFound())
                    .answers(Who.PRACTITIONER_IN_TANDEM, redirect("/profile/passkeys")),
            mvc("POST /organisation/passkeys", ADMINS).form((r, w) -> r.param("required", "false"))
                    .answers(redirect("/organisation")),
            // The organisation's contact, named as the sender on every document that leaves: the administrator
            // and the managers keep it.
            mvc("GET /organisation", EnumSet.of(Who.MANAGER, Who.ADMIN)).answers(ok()),
            mvc("POST /organisation", EnumSet.of(Who.MANAGER, Who.ADMIN)).form((r, w) -> r
                    .param("name", "Matrix Organisation").param("address", "Hauptstr. 1\n10115 Berlin")
                    .param("email", "info@matrix.example").param("telephone", "+49 30 1234567")
                    .param("dataProtection", "dpo@matrix.example").param("version", "0"))
                    // The second allowed visitor sends the same contact on the same version: nothing to lose, saved.
                    .answers(redirect("/organisation")),

            // --- programmes ---
            // A programme is the organisation's design: managers and the administrator write it (as they keep the
            // organisation's other settings), every role of the organisation reads it; its figures are the managers'
            // alone. A case's programme is chosen by the tandem or a manager; its outcomes are rated by the tandem.
            mvc("GET /programmes", SIGNED_IN).answers(ok()),
            mvc("GET /programmes/new", EnumSet.of(Who.MANAGER, Who.ADMIN)).answers(ok()),
            mvc("POST /programmes", EnumSet.of(Who.MANAGER, Who.ADMIN)).form((r, w) -> r
                    .param("name", Fixtures.unique("Matrix programme ")).param("goal", "Leaving the scene")
                    .param("targetGroups", "Young people").param("areas", "UNCLEAR").param("pathways", "SCHOOL"))
                    .answers(redirect("/programmes/{new}")),
            mvc("GET /programmes/{id}", SIGNED_IN).vars(w -> ids(w.programme)).answers(ok()),
            mvc("GET /programmes/{id}/edit", EnumSet.of(Who.MANAGER, Who.ADMIN)).vars(w -> ids(w.programme))
                    .answers(ok()),
            mvc("POST /programmes/{id}", EnumSet.of(Who.MANAGER, Who.ADMIN)).vars(w -> ids(w.programme))
                    .form((r, w) -> r.param("name", w.programmeName).param("goal", "Leaving the scene")
                            .param("targetGroups", "Young people").param("staff", w.tandemA.id().toString()))
                    .answers(redirect("/programmes/{id}")),
            mvc("GET /programmes/{id}/outcomes/new", EnumSet.of(Who.MANAGER, Who.ADMIN)).vars(w -> ids(w.programme))
                    .answers(ok()),
            mvc("POST /programmes/{id}/outcomes", EnumSet.of(Who.MANAGER, Who.ADMIN)).vars(w -> ids(w.programme))
                    .form((r, w) -> outcomeForm(r))
                    .answers(redirect("/programmes/{id}")),
            mvc("GET /programmes/{id}/outcomes/{outcomeId}", EnumSet.of(Who.MANAGER, Who.ADMIN))
                    .vars(w -> ids(w.programme, w.outcome)).answers(ok()),
            mvc("POST /programmes/{id}/outcomes/{outcomeId}", EnumSet.of(Who.MANAGER, Who.ADMIN))
                    .vars(w -> ids(w.programme, w.outcome)).form((r, w) -> outcomeForm(r))
                    .answers(redirect("/programmes/{id}")),
            mvc("GET /programmes/{id}/dashboard", MANAGERS).vars(w -> ids(w.programme)).answers(ok()),
            mvc("GET /programmes/{id}/dashboard/{figure}.csv", MANAGERS)
                    .vars(w -> new Object[] { w.programme, "stages" }).answers(ok()),
            mvc("GET /cases/{id}/programme", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.programmeClient.id())).answers(ok()),
            mvc("POST /cases/{id}/programme", EnumSet.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER))
                    .vars(w -> ids(w.programmeClient.id()))
                    .form((r, w) -> r.param("programme", w.programme.toString()))
                    .answers(redirect("/cases/{id}/programme")),
            mvc("GET /cases/{id}/outcomes", TANDEM).vars(w -> ids(w.programmeClient.id())).answers(ok()),
            mvc("POST /cases/{id}/outcomes", TANDEM).vars(w -> ids(w.programmeClient.id()))
                    .form((r, w) -> r.param("ratedOn", LocalDate.now().minusDays(1).toString())
                            .param("entries[0].outcome", w.outcome.toString()).param("entries[0].score", "3"))
                    .answers(redirect("/cases/{id}/outcomes")),

            // --- funder reports ---
            // Managers agree with funders and release reports; the DPO reads the agreements and what went out;
            // nobody else sees any of it. The funder's link opens its one report for whoever holds it.
            mvc("GET /programmes/{id}/agreements", MANAGERS_AND_DPO).vars(w -> ids(w.programme)).answers(ok()),
            mvc("GET /programmes/{id}/agreements/new", MANAGERS).vars(w -> ids(w.programme)).answers(ok()),
            mvc("POST /programmes/{id}/agreements", MANAGERS).vars(w -> ids(w.programme))
                    .form((r, w) -> agreementForm(r, w))
                    .answers(redirect("/programmes/{id}/agreements/{new}")),
            mvc("GET /programmes/{id}/agreements/{agreementId}", MANAGERS_AND_DPO)
                    .vars(w -> ids(w.programme, w.agreement)).answers(ok()),
            mvc("GET /programmes/{id}/agreements/{agreementId}/edit", MANAGERS)
                    .vars(w -> ids(w.programme, w.agreement)).answers(ok()),
            mvc("POST /programmes/{id}/agreements/{agreementId}", MANAGERS)
                    .vars(w -> ids(w.programme, w.agreementToChange))
                    .form((r, w) -> agreementForm(r, w).param("version", "1"))
                    .answers(redirect("/programmes/{id}/agreements/{agreementId}")),
            mvc("POST /programmes/{id}/threshold", MANAGERS).vars(w -> ids(w.programme))
                    .form((r, w) -> r.param("threshold", "10"))
                    .answers(redirect("/programmes/{id}/agreements")),
            mvc("GET /programmes/{id}/agreements/{agreementId}/reports", MANAGERS_AND_DPO)
                    .vars(w -> ids(w.programme, w.agreement)).answers(ok()),
            mvc("GET /programmes/{id}/agreements/{agreementId}/reports/{start}", MANAGERS)
                    .vars(w -> new Object[] { w.programme, w.agreement, "2021-01-01" }).answers(ok()),
            mvc("POST /programmes/{id}/agreements/{agreementId}/reports/{start}", MANAGERS)
                    .vars(w -> new Object[] { w.programme, w.agreement, "2021-01-01" })
                    .answers(ok()),
            mvc("GET /funder-reports", MANAGERS_AND_DPO).answers(ok()),
            mvc("GET /funder-reports/{reportId}", MANAGERS_AND_DPO).vars(w -> ids(w.funderReport)).answers(ok()),
            mvc("GET /funder-reports/{reportId}/report.pdf", MANAGERS_AND_DPO).vars(w -> ids(w.funderReport))
                    .answers(ok()),
            mvc("GET /funder-reports/{reportId}/report.csv", MANAGERS_AND_DPO).vars(w -> ids(w.funderReport))
                    .answers(ok()),
            mvc("GET /funded/{token}", EVERYONE).vars(w -> new Object[] { w.funderToken }).answers(ok()),
            mvc("POST /funded/{token}/open", EVERYONE).vars(w -> new Object[] { w.funderToken }).answers(ok()),
            mvc("GET /funded/{token}/report.pdf", EVERYONE).vars(w -> new Object[] { w.funderToken }).answers(ok()),
            mvc("GET /funded/{token}/report.csv", EVERYONE).vars(w -> new Object[] { w.funderToken }).answers(ok()),

            // --- network: partners ---
            // Managers register and change partners; practitioners (who need the contact persons) and the DPO
            // read; the administrator nothing. Another organisation's partner answers 404 (PartnerRegistryTest).
            // The registry pages and narrows to a group of kinds: the same answer for every role.
            mvc("GET /network/partners", CASE_ROLES).form((r, w) -> r.param("group", "SOCIAL_SERVICE")
                    .param("after", w.partner.toString())).answers(ok()),
            mvc("GET /network/partners/new", MANAGERS).answers(ok()),
            mvc("POST /network/partners", MANAGERS).form((r, w) -> r.param("name", Fixtures.unique("Matrix partner "))
                    .param("kind", "HOUSING").param("mandate", "Finds flats").param("agreement", "INFORMAL"))
                    .answers(redirect("/network/partners/{new}")),
            mvc("GET /network/partners/{id}", CASE_ROLES).vars(w -> ids(w.partner)).answers(ok()),
            mvc("POST /network/partners/{id}", MANAGERS).vars(w -> ids(w.partner))
                    .form((r, w) -> r.param("name", "Matrix youth office").param("kind", "YOUTH_AND_FAMILY")
                            .param("mandate", "Supports families").param("agreement", "INFORMAL"))
                    .answers(redirect("/network/partners/{id}")),
            mvc("POST /network/partners/{id}/services", MANAGERS).vars(w -> ids(w.partner))
                    .form((r, w) -> r.param("needs", "FAMILY", "EDUCATION").param("howToReach", "Intake desk")
                            .param("language", "German").param("responseDays", "7"))
                    .answers(redirect("/network/partners/{id}")),
            mvc("POST /network/partners/{id}/active", MANAGERS).vars(w -> ids(w.partner))
                    .form((r, w) -> r.param("active", "true"))
                    .answers(redirect("/network/partners/{id}")),

            // --- consents to share ---
            // The tandem records and revokes; colleagues read only after breaking the glass (not done here).
            mvc("GET /cases/{id}/consents", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/consents/new", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/consents", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("partnerId", w.consentPartner.toString()).param("purpose", "Matrix purpose")
                            .param("kinds", "CONTACT_DETAILS").param("validFrom", LocalDate.now().toString())
                            .param("validUntil", LocalDate.now().plusMonths(3).toString())
                            .param("informedHow", "FORM_READ_TOGETHER"))
                    .answers(redirect("/cases/{id}/consents")),
            mvc("GET /cases/{id}/consents/{consentId}/revoke", TANDEM).vars(w -> ids(w.client.id(), w.consentToRevoke))
                    .answers(ok()),
            mvc("POST /cases/{id}/consents/{consentId}/revoke", TANDEM).vars(w -> ids(w.client.id(), w.consentToRevoke))
                    .form((r, w) -> r.param("revokedOn", LocalDate.now().minusDays(1).toString()))
                    .answers(redirect("/cases/{id}/consents")),

            // --- referrals ---
            // Managers decide about referrals awaiting a practitioner (another organisation's: 404); the tandem
            // reads the referral in the case (colleagues only after breaking the glass, not done here).
            // The inbox pages and narrows to one partner: the filter and a cursor answer the same for every role.
            mvc("GET /referrals", MANAGERS).form((r, w) -> r.param("partner", w.partner.toString())
                    .param("after", w.referral.toString())).answers(ok()),
            mvc("GET /referrals/{id}", MANAGERS).vars(w -> ids(w.referral)).answers(ok()),
            mvc("POST /referrals/{id}/assign", MANAGERS).vars(w -> ids(w.referralToAssign))
                    .form((r, w) -> r.param("practitionerId", w.tandemB.id().toString()))
                    .answers(redirect("/referrals")),
            mvc("POST /referrals/{id}/decline", MANAGERS).vars(w -> ids(w.referralToDecline))
                    .answers(redirect("/referrals")),
            mvc("GET /cases/{id}/referrals", TANDEM).vars(w -> ids(w.referredProspect.id()))
                    .answers(ok()),
            // Referrals in (R7): managers give partners access; the one-time-link form is public (an unknown,
            // used or expired token answers 404); the partner API answers 401 to everyone without a signature.
            mvc("GET /referrals/credentials", MANAGERS).answers(ok()),
            mvc("POST /referrals/credentials", MANAGERS).form((r, w) -> r.param("partnerId", w.partner.toString())
                    .param("scope", "SUBMIT_REFERRAL")).answers(ok()),
            mvc("POST /referrals/credentials/{id}/revoke", MANAGERS).vars(w -> ids(w.referralCredential))
                    .answers(redirect("/referrals/credentials")),
            // The links page and narrow to those that still work: the same answer for every role.
            mvc("GET /referrals/links", MANAGERS).form((r, w) -> r.param("open", "true")
                    .param("after", UUID.randomUUID().toString())).answers(ok()),
            mvc("POST /referrals/links", MANAGERS).form((r, w) -> r.param("partnerId", w.partner.toString()))
                    .answers(ok()),
            mvc("POST /referrals/links/{id}/withdraw", MANAGERS).vars(w -> ids(w.referralLinkToWithdraw))
                    .answers(redirect("/referrals/links")),
            mvc("GET /referral-form/{token}", EVERYONE).vars(w -> new Object[] {w.referralFormTokens.get(w.visitor)})
                    .answers(ok()),
            mvc("POST /referral-form/{token}", EVERYONE).vars(w -> new Object[] {w.referralFormTokens.get(w.visitor)})
                    .form((r, w) -> r.param("partnerReference", "Matrix 1").param("concern", "From the matrix"))
                    .answers(ok()),
            mvc("POST /api/v1/referrals", SIGNED_REQUESTS_ONLY).form((r, w) -> r
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .content("{\"partnerReference\":\"Matrix 2\"}")),
            mvc("POST /api/v1/referrals/{partnerReference}/information", SIGNED_REQUESTS_ONLY)
                    .vars(w -> new Object[] {"Matrix 2"}).form((r, w) -> r
                            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                            .content("{\"information\":\"From the matrix\"}")),
            mvc("GET /api/openapi.json", EVERYONE).answers(ok()),
            // springdoc also maps a YAML variant; it is not opened, so the API chain refuses it like any unsigned call.
            mvc("GET /api/openapi.json.yaml", SIGNED_REQUESTS_ONLY),

            // --- shares ---
            // The tandem shares, downloads and withdraws; colleagues read only after breaking the glass (not
            // done here). The matrix revokes and withdraws second records of their own, so the share POST meets
            // a valid consent and the partner's link stays live. The link is public; the token is the
            // credential (a dead one answers 404, SharesTest).
            mvc("GET /cases/{id}/shares", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/shares/new", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            // One question per page: each step answers with the next question (200) and shares nothing; the
            // check page posts to POST /cases/{id}/shares below.
            mvc("GET /cases/{id}/shares/steps", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/shares/steps/{step}", TANDEM).vars(w -> new Object[] {w.client.id(), "partner"})
                    .form((r, w) -> r.param("partnerId", w.consentPartner.toString()))
                    .answers(ok()),
            mvc("POST /cases/{id}/shares/steps/{step}/change", TANDEM)
                    .vars(w -> new Object[] {w.client.id(), "kinds"})
                    .form((r, w) -> r.param("partnerId", w.consentPartner.toString()).param("checking", "true"))
                    .answers(ok()),
            mvc("POST /cases/{id}/shares", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("partnerId", w.consentPartner.toString())
                            .param("consentId", w.consent.toString()).param("kinds", "ATTENDANCE")
                            .param("texts[4]", "Came every week").param("form", "PDF").param("language", "en"))
                    .answers(ok()),
            mvc("GET /cases/{id}/shares/{shareId}/document", TANDEM).vars(w -> ids(w.client.id(), w.share))
                    .answers(ok()),
            mvc("POST /cases/{id}/shares/{shareId}/withdraw", TANDEM).vars(w -> ids(w.client.id(), w.shareToWithdraw))
                    .answers(redirect("/cases/{id}/shares")),
            mvc("GET /shared/{token}", EVERYONE).vars(w -> new Object[] {w.shareToken})
                    .answers(ok()),
            mvc("POST /shared/{token}", EVERYONE).vars(w -> new Object[] {w.shareToken})
                    .answers(ok()),

            // --- service requests ---
            // The tandem asks partners, cancels, prints and notes follow-ups; colleagues read only after breaking
            // the glass (ServiceRequestsTest). The partner's link is public; the token is the credential (a dead
            // one answers like a closed share link, ServiceRequestsTest).
            mvc("GET /cases/{id}/service-requests", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/service-requests/new", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/service-requests", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("partnerId", w.partner.toString())
                            .param("consentId", w.serviceConsent.toString()).param("need", "FAMILY")
                            .param("texts[1]", "Family counselling wanted").param("language", "en"))
                    .answers(ok()),
            mvc("POST /cases/{id}/service-requests/{requestId}/cancel", TANDEM)
                    .vars(w -> ids(w.client.id(), w.serviceRequestToCancel)).form((r, w) -> r.param("version", "0"))
                    .answers(redirect("/cases/{id}/service-requests")),
            mvc("POST /cases/{id}/service-requests/{requestId}/follow-up", TANDEM)
                    .vars(w -> ids(w.client.id(), w.serviceRequest))
                    .form((r, w) -> r.param("followUpOn", LocalDate.now().plusDays(30).toString()))
                    .answers(redirect("/cases/{id}/service-requests")),
            mvc("GET /cases/{id}/service-requests/{requestId}/document", TANDEM)
                    .vars(w -> ids(w.client.id(), w.serviceRequest)).answers(ok()),
            mvc("GET /cases/{id}/service-requests/{requestId}/fhir", TANDEM)
                    .vars(w -> ids(w.client.id(), w.serviceRequest)).answers(ok()),
            mvc("GET /cases/{id}/consents/{consentId}/fhir", TANDEM)
                    .vars(w -> ids(w.client.id(), w.consent)).answers(ok()),
            // The quality of the network: the organisation's figures per partner, for its managers only.
            mvc("GET /service-requests/quality", MANAGERS).answers(ok()),
            mvc("GET /service-request/{token}", EVERYONE).vars(w -> new Object[] {w.serviceRequestToken})
                    .answers(ok()),
            mvc("POST /service-request/{token}/open", EVERYONE).vars(w -> new Object[] {w.serviceRequestToken})
                    .answers(ok()),
            mvc("POST /service-request/{token}/pdf", EVERYONE).vars(w -> new Object[] {w.serviceRequestToken})
                    .answers(ok()),
            mvc("POST /service-request/{token}", EVERYONE)
                    .vars(w -> new Object[] {w.serviceRequestTokens.get(w.visitor)})
                    .form((r, w) -> r.param("status", "RECEIVED").param("version", "0").param("name", "Matrix partner"))
                    .answers(redirect("/service-request/{token}?answered=true")),

            // --- case conferences ---
            // The tandem plans, records minutes and sends them; colleagues read only after breaking the glass.
            mvc("GET /cases/{id}/conferences", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/conferences/new", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/conferences", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("heldOn", LocalDate.now().toString()).param("purpose", "Matrix conference")
                            .param("invitees[0].partnerId", w.consentPartner.toString())
                            .param("invitees[0].chosen", "true"))
                    .answers(redirect("/cases/{id}/conferences")),
            mvc("GET /cases/{id}/conferences/{conferenceId}", TANDEM).vars(w -> ids(w.client.id(), w.conference))
                    .answers(ok()),
            mvc("POST /cases/{id}/conferences/{conferenceId}/minutes", TANDEM)
                    .vars(w -> ids(w.client.id(), w.conference)).form((r, w) -> r.param("minutes", "Matrix minutes"))
                    .answers(redirect("/cases/{id}/conferences/{conferenceId}")),
            mvc("POST /cases/{id}/conferences/{conferenceId}/send", TANDEM).vars(w -> ids(w.client.id(), w.conference))
                    .answers(redirect("/cases/{id}/conferences/{conferenceId}")),
            mvc("GET /cases/{id}/conferences/{conferenceId}/print", TANDEM).vars(w -> ids(w.client.id(), w.conference))
                    .answers(ok()),

            // --- danger alerts ---
            // The tandem raises and records whether the client was told; practitioners and managers of the
            // organisation approve, reject or review (never the raiser: DangerAlertsTest) and open them (audited).
            mvc("GET /cases/{id}/danger-alerts", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/danger-alerts/new", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),
            mvc("POST /cases/{id}/danger-alerts", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("partnerId", w.securityPartner.toString())
                            .param("contactId", w.securityContact.toString()).param("kind", "OTHER")
                            .param("danger", "Matrix danger").param("atRisk", "Matrix person").param("howSoon", "Today"))
                    .answers(redirect("/cases/{id}/danger-alerts")),
            mvc("POST /cases/{id}/danger-alerts/{alertId}/told", TANDEM).vars(w -> ids(w.client.id(), w.sentAlert))
                    .form((r, w) -> r.param("told", "false"))
                    .answers(redirect("/cases/{id}/danger-alerts")),
            mvc("GET /danger-alerts", STAFF_SAFETY_ROLES).answers(ok()),
            // The banner of the others' waiting alerts, polled by every page of practitioners and managers.
            mvc("GET /danger-alerts/banner", STAFF_SAFETY_ROLES).answers(ok()),
            mvc("GET /danger-alerts/{id}", STAFF_SAFETY_ROLES).vars(w -> ids(w.awaitingAlert))
                    .answers(ok()),
            mvc("GET /danger-alerts/{id}/print", TANDEM).vars(w -> ids(w.sentAlert)).answers(ok()),
            mvc("POST /danger-alerts/{id}/approve", STAFF_SAFETY_ROLES)
                    .vars(w -> ids(w.own(w.alertsToApprove, w.awaitingAlert)))
                    .answers(redirect("/danger-alerts/{id}")),
            mvc("POST /danger-alerts/{id}/reject", STAFF_SAFETY_ROLES)
                    .vars(w -> ids(w.own(w.alertsToReject, w.awaitingAlert)))
                    .form((r, w) -> r.param("note", "Matrix reason"))
                    .answers(redirect("/danger-alerts")),
            mvc("POST /danger-alerts/{id}/review", STAFF_SAFETY_ROLES)
                    .vars(w -> ids(w.own(w.alertsToReview, w.sentAlert)))
                    .form((r, w) -> r.param("outcome", "JUSTIFIED").param("note", "Matrix review"))
                    .answers(redirect("/danger-alerts")),

            // --- client report and export ---
            // The tandem only, not even a colleague who broke the glass (R19); each download is a recorded disclosure.
            mvc("GET /cases/{id}/client-report", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/client-report/report", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),
            mvc("GET /cases/{id}/client-report/export", TANDEM).vars(w -> ids(w.client.id()))
                    .answers(ok()),

            // Audit log: the data protection officer only.
            mvc("GET /audit", DPOS).answers(ok()),
            // The verification runs in the background; pressing again while it runs shows the running one.
            // From the last signed checkpoint by default, every entry when asked (an unknown extent is 400,
            // VerificationJobsTest and EveryInputTest).
            mvc("POST /audit/verify", DPOS).form((r, w) -> r.param("extent", "FULL"))
                    .answers(redirect("/audit/verifications/{new}")),
            mvc("GET /audit/verifications/{id}", DPOS).vars(w -> ids(w.auditVerification)).answers(ok()),

            // Not controller methods, but endpoints all the same.
            // --- peer groups (quality among peers): members read their groups, managers keep them and invite
            // peers; a practitioner outside a group finds no such group; a peer reaches nothing else at all.
            mvc("GET /peer-groups", PEER_GROUP_READERS).answers(ok()),
            mvc("POST /peer-groups", MANAGERS).form((r, w) -> r.param("name", "Matrix group made in the matrix"))
                    .answers(redirect("/peer-groups/{new}")),
            mvc("GET /peer-groups/{id}", PEER_GROUP_READERS).vars(w -> ids(w.peerGroup)).answers(ok())
                    .answers(Who.PRACTITIONER, notFound()),
            mvc("POST /peer-groups/{id}/members", MANAGERS).vars(w -> ids(w.peerGroup))
                    .form((r, w) -> r.param("staffId", w.tandemB.id().toString()))
                    .answers(redirect("/peer-groups/{id}")),
            mvc("POST /peer-groups/{id}/members/{staffId}/remove", MANAGERS)
                    .vars(w -> ids(w.peerGroup, w.peerGroupLeaver.id())).answers(redirect("/peer-groups/{id}")),
            mvc("POST /peer-groups/{id}/meetings", MANAGERS).vars(w -> ids(w.peerGroup))
                    .form((r, w) -> r.param("heldOn", LocalDate.now().toString()))
                    .answers(redirect("/peer-groups/{id}")),
            // --- case vignettes: the tandem writes, a colleague who is no author reviews, the group's members
            // (here A and the peer; the third practitioner and the manager are none) read and answer.
            mvc("GET /cases/{id}/vignettes", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("GET /cases/{id}/vignettes/new", TANDEM).vars(w -> ids(w.client.id())).answers(ok()),
            mvc("POST /cases/{id}/vignettes", TANDEM).vars(w -> ids(w.client.id()))
                    .form((r, w) -> r.param("groupId", w.peerGroup.toString()).param("title", "A vignette for the group")
                            .param("narrative", "Our slow work together."))
                    .answers(redirect("/cases/{id}/vignettes/{new}")),
            mvc("GET /cases/{id}/vignettes/{vignetteId}", TANDEM).vars(w -> ids(w.client.id(), w.vignetteDraft))
                    .answers(ok()),
            mvc("POST /cases/{id}/vignettes/{vignetteId}", TANDEM).vars(w -> ids(w.client.id(), w.vignetteDraft))
                    .form((r, w) -> r.param("title", "A vignette for the group, changed")
                            .param("narrative", "Our slow work together, changed.").param("version", "0"))
                    .answers(redirect("/cases/{id}/vignettes/{vignetteId}")),
            mvc("POST /cases/{id}/vignettes/{vignetteId}/submit", TANDEM)
                    .vars(w -> ids(w.client.id(), w.vignetteToSubmit)).form((r, w) -> r.param("version", "0"))
                    .answers(redirect("/cases/{id}/vignettes/{vignetteId}")),
            mvc("POST /cases/{id}/vignettes/{vignetteId}/withdraw", TANDEM)
                    .vars(w -> ids(w.client.id(), w.vignetteToWithdraw))
                    .answers(redirect("/cases/{id}/vignettes/{vignetteId}")),
            mvc("GET /cases/{id}/vignettes/{vignetteId}/print", TANDEM)
                    .vars(w -> ids(w.client.id(), w.vignetteReleased)).answers(ok()),
            mvc("GET /vignettes/review", STAFF_SAFETY_ROLES).answers(ok()),
            mvc("GET /vignettes/review/{vignetteId}", EnumSet.of(Who.PRACTITIONER, Who.MANAGER))
                    .vars(w -> ids(w.vignetteInReview)).answers(ok()),
            mvc("POST /vignettes/review/{vignetteId}/release", EnumSet.of(Who.PRACTITIONER, Who.MANAGER))
                    .vars(w -> ids(w.own(w.vignettesToRelease, w.vignetteInReview)))
                    .form((r, w) -> r.param("version", "1")).answers(redirect("/vignettes/review")),
            mvc("POST /vignettes/review/{vignetteId}/send-back", EnumSet.of(Who.PRACTITIONER, Who.MANAGER))
                    .vars(w -> ids(w.own(w.vignettesToSendBack, w.vignetteInReview)))
                    .form((r, w) -> r.param("version", "1")).answers(redirect("/vignettes/review")),
            mvc("GET /peer-groups/{groupId}/vignettes", PEER_GROUP_READERS).vars(w -> ids(w.peerGroup)).answers(ok())
                    .answers(Who.PRACTITIONER, notFound()).answers(Who.MANAGER, notFound()),
            mvc("GET /peer-groups/{groupId}/vignettes/{vignetteId}", PEER_GROUP_READERS)
                    .vars(w -> ids(w.peerGroup, w.vignetteReleased)).answers(ok())
                    .answers(Who.PRACTITIONER, notFound()).answers(Who.MANAGER, notFound()),
            mvc("POST /peer-groups/{groupId}/vignettes/{vignetteId}/feedback", PEER_GROUP_READERS)
                    .vars(w -> ids(w.peerGroup, w.vignetteReleased))
                    .form((r, w) -> r.param("principles", "TANDEM").param("text", "Feedback of a member"))
                    .answers(redirect("/peer-groups/{groupId}/vignettes/{vignetteId}#feedback"))
                    .answers(Who.PRACTITIONER, notFound()).answers(Who.MANAGER, notFound()),
            // Only the member who gave a feedback corrects it: the peer's; the other member (A) finds nothing.
            mvc("GET /peer-groups/{groupId}/vignettes/{vignetteId}/feedback/{feedbackId}", PEER_GROUP_READERS)
                    .vars(w -> ids(w.peerGroup, w.vignetteReleased, w.peersFeedback)).answers(notFound())
                    .answers(Who.PEER, ok()),
            mvc("POST /peer-groups/{groupId}/vignettes/{vignetteId}/feedback/{feedbackId}", PEER_GROUP_READERS)
                    .vars(w -> ids(w.peerGroup, w.vignetteReleased, w.peersFeedback))
                    .form((r, w) -> r.param("principles", "TRUST").param("text", "Feedback of the peer, corrected"))
                    .answers(notFound())
                    .answers(Who.PEER, redirect("/peer-groups/{groupId}/vignettes/{vignetteId}#feedback")),
            mvc("GET /peer-groups/peers", MANAGERS).answers(ok()),
            mvc("POST /peer-groups/peers", MANAGERS).form((r, w) -> r.param("displayName", "Invited In The Matrix")
                    .param("username", Fixtures.unique("matrixpeer")).param("homeOrganisation", "Another NGO"))
                    .answers(ok()),

            other("GET /actuator/health", EVERYONE).answers(ok()),
            other("GET /css/exitwork.css", EVERYONE).answers(ok()),
            other("GET /webjars/htmx.org/2.0.8/dist/htmx.min.js", EVERYONE).answers(ok()),
            // The check-in as an installable web app: manifest, icons, service worker and scripts are public.
            other("GET /manifest.webmanifest", EVERYONE).answers(ok()),
            other("GET /icons/check-in-192.png", EVERYONE).answers(ok()),
            other("GET /check-in-sw.js", EVERYONE).answers(ok()),
            other("GET /js/check-in.js", EVERYONE).answers(ok()),
            other("GET /js/signed-out.js", EVERYONE).answers(ok()),
            // Form login and logout are filters; a failed sign-in goes to /sign-in?failed.
            other("POST /sign-in", EVERYONE).form((r, w) -> r.param("username", Fixtures.unique("nobody"))
                    .param("password", "not the password")).answers(redirect("/sign-in?failed")),
            other("POST /sign-out", EVERYONE).answers(redirect("/sign-in?signed-out")));

    /** An outcome with one indicator, as the outcome form sends it. */
    private static MockHttpServletRequestBuilder outcomeForm(MockHttpServletRequestBuilder r) {
        return r.param("name", "Feels safe outside the scene").param("scaleMax", "5").param("lowEn", "not at all")
                .param("lowDe", "gar nicht").param("highEn", "completely").param("highDe", "völlig")
                .param("indicators[0].name", "Contacts to the scene").param("indicators[0].direction", "DECREASE")
                .param("indicators[0].baseline", "weekly").param("indicators[0].frequency", "MONTHLY");
    }

    private UUID madeAgreement(World w) throws Exception {
        MockHttpServletResponse made = mvc.perform(agreementForm(post("/programmes/{id}/agreements", w.programme), w)
                .with(as(w.manager)).with(csrf())).andReturn().getResponse();
        assertThat(made.getStatus()).as("reporting agreement made").isEqualTo(302);
        return UUID.fromString(made.getRedirectedUrl().substring(made.getRedirectedUrl().lastIndexOf('/') + 1));
    }

    private static MockHttpServletRequestBuilder agreementForm(MockHttpServletRequestBuilder r, World w) {
        return r.param("funder", w.funder.toString()).param("measures", "CLIENTS_WORKED_WITH", "SESSIONS_HELD")
                .param("breakdowns", "PHENOMENON_AREA").param("periodMonths", "12").param("firstPeriodStart", "2020-01-01")
                .param("language", "de").param("agreedOn", "2019-12-01").param("reference", "Matrix grant");
    }

    private static Object[] ids(UUID... ids) {
        return ids;
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountAdministration accounts;

    @Autowired
    StaffDirectory staff;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    Inbox referralInbox;

    @Autowired
    ReferralMatcher referralMatcher;

    @Autowired
    Programmes programmes;

    final World world = new World();

    @BeforeAll
    void createTheWorld() throws Exception {
        World w = world;
        w.org = fixtures.organisation();
        w.admin = w.org.admin();
        w.tandemA = fixtures.staff(w.org, Role.PRACTITIONER);
        w.tandemB = fixtures.staff(w.org, Role.PRACTITIONER);
        w.otherPractitioner = fixtures.staff(w.org, Role.PRACTITIONER);
        w.manager = fixtures.staff(w.org, Role.MANAGER);
        w.dpo = fixtures.staff(w.org, Role.DATA_PROTECTION_OFFICER);
        w.adminTarget = fixtures.staff(w.org, Role.PRACTITIONER);
        w.mustChangePassword = Fixtures.principal(accounts.createStaff(w.org.id(), Fixtures.unique("temp"),
                "Temporary Password", Role.PRACTITIONER, true).member());
        w.mustEnrol = fixtures.staff(w.org, Role.MANAGER);
        w.mustEnterCode = enrolledStaff(w.org);

        w.clientName = Fixtures.unique("Confidential Client ");
        w.noteText = Fixtures.unique("confidential-note-");
        w.client = fixtures.client(w.tandemA, w.tandemB, w.clientName);
        fixtures.note(w.tandemA, w.client.id(), w.noteText);
        w.glassClient = fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("Other Client "));
        w.successor = fixtures.staff(w.org, Role.PRACTITIONER);
        for (Who who : List.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER)) {
            w.handoverClients.put(who, fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("Handover Client ")).id());
        }
        w.riskClient = fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("Risk Client "));
        w.programmeName = Fixtures.unique("Matrix programme ");
        w.programme = programmes.create(w.manager, new Design.Draft(w.programmeName, "Leaving the scene",
                "Young people", java.util.EnumSet.of(org.exitwork.cases.PhenomenonArea.UNCLEAR),
                java.util.EnumSet.noneOf(org.exitwork.cases.Pathway.class), Set.of()));
        w.outcome = programmes.addOutcome(w.manager, w.programme, new Design.OutcomeDraft("Feels safe", 5,
                "not at all", "gar nicht", "completely", "völlig", List.of()));
        w.programmeClient = fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("Programme Client "));
        assertThat(mvc.perform(post("/cases/{id}/programme", w.programmeClient.id()).with(as(w.tandemA)).with(csrf())
                .param("programme", w.programme.toString())).andReturn().getResponse().getStatus())
                .as("the programme client belongs to the programme").isEqualTo(302);
        MockHttpServletResponse funder = mvc.perform(post("/network/partners").with(as(w.manager)).with(csrf())
                .param("name", Fixtures.unique("Matrix funder ")).param("kind", "FUNDER").param("mandate", "Funds")
                .param("agreement", "INFORMAL")).andReturn().getResponse();
        assertThat(funder.getStatus()).as("funder registered").isEqualTo(302);
        w.funder = UUID.fromString(funder.getRedirectedUrl().substring("/network/partners/".length()));
        w.agreement = madeAgreement(w);
        w.agreementToChange = madeAgreement(w);
        MockHttpServletResponse released = mvc.perform(post(
                "/programmes/{id}/agreements/{a}/reports/{s}", w.programme, w.agreement, "2020-01-01")
                .with(as(w.manager)).with(csrf())).andReturn().getResponse();
        assertThat(released.getStatus()).as("funder report released").isEqualTo(200);
        w.funderReport = org.exitwork.disclosure.FunderReportTest.reportOf(released);
        String link = org.exitwork.disclosure.FunderReportTest.linkOf(released);
        w.funderToken = link.substring(link.lastIndexOf('/') + 1);

        w.prospect = fixtures.prospect(w.tandemA);
        w.readyProspect = fixtures.prospect(w.tandemA);
        fixtures.safetyDiscussion(w.readyProspect.id(), w.tandemA);
        w.englishText = fixtures.consent(w.org.id(), "en").informationText();
        w.toComplete = fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("To Complete "));
        w.toEnd = fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("To End "));
        w.closed = fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("Closed "));
        mvc.perform(post("/cases/{id}/ending/completed", w.closed.id()).with(as(w.tandemA)).with(csrf())
                .param("closedOn", LocalDate.now().toString()).param("aftercarePlan", "Aftercare")
                .param("followUp1", LocalDate.now().plusDays(20).toString()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        w.followUp = jdbc.sql("SELECT id FROM cas_follow_up WHERE client_id = ?").param(w.closed.id())
                .query(UUID.class).single();
        w.group = GroupFixtures.group(mvc, w.tandemA, Fixtures.unique("Group "), "A school");
        w.participant = GroupFixtures.participant(mvc, w.tandemA, w.group).id();
        w.participantForCase = GroupFixtures.participant(mvc, w.tandemA, w.group).id();
        w.sessionWithNextSteps = recorded(w, post("/cases/{id}/sessions", w.client.id())
                .param("sessionDate", LocalDate.now().minusDays(2).toString()).param("setting", "TANDEM")
                .param("text", "Session with next steps").param("nextSteps", "Call the school"),
                "SELECT id FROM cas_session_note WHERE client_id = ? AND next_steps IS NOT NULL");
        w.sessionToCorrect = recorded(w, post("/cases/{id}/sessions", w.client.id())
                .param("sessionDate", LocalDate.now().minusDays(3).toString()).param("setting", "ONE_ON_ONE")
                .param("text", "Session to correct"),
                "SELECT id FROM cas_session_note WHERE client_id = ? AND setting = 'ONE_ON_ONE'");
        mvc.perform(post("/cases/{id}/sessions/{s}/correct", w.client.id(), w.sessionToCorrect).with(as(w.tandemA))
                .with(csrf()).param("sessionDate", LocalDate.now().minusDays(3).toString())
                .param("setting", "ONE_ON_ONE").param("text", "Session corrected once").param("basedOn", "1")
                .param("reason", "A first correction, so that there is history"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        w.sessionToCancel = recorded(w, post("/cases/{id}/sessions", w.client.id())
                .param("sessionDate", LocalDate.now().minusDays(4).toString()).param("setting", "OUTREACH")
                .param("text", "Session to cancel"),
                "SELECT id FROM cas_session_note WHERE client_id = ? AND setting = 'OUTREACH'");
        w.contextPerson = recorded(w, post("/cases/{id}/context/persons", w.client.id())
                .param("relation", "PARENT").param("name", "Matrix Parent"),
                "SELECT id FROM cas_context_person WHERE client_id = ? AND relation_kind = 'PARENT'");
        w.removableContextPerson = recorded(w, post("/cases/{id}/context/persons", w.client.id())
                .param("relation", "PEER").param("name", "Matrix Peer"),
                "SELECT id FROM cas_context_person WHERE client_id = ? AND relation_kind = 'PEER'");
        for (String topic : List.of("Safe-space rules", "De-escalation")) {
            mvc.perform(post("/team/induction").with(as(w.manager)).with(csrf()).param("title", topic))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        }
        List<UUID> topics = jdbc.sql("SELECT id FROM qua_induction_topic WHERE org_id = ? ORDER BY position")
                .param(w.org.id()).query(UUID.class).list();
        w.removableTopic = topics.get(0);
        w.inductionTopic = topics.get(1);
        mvc.perform(post("/profile/emergency-contacts").with(as(w.tandemA)).with(csrf()).param("name", "Matrix Kin")
                .param("relation", "Brother").param("phone", "+49 40 7654321"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        w.emergencyContact = jdbc.sql("SELECT id FROM acc_emergency_contact WHERE staff_id = ?").param(w.tandemA.id())
                .query(UUID.class).single();
        // A stored passkey of practitioner A (how one is made through the ceremony: PasskeysTest).
        w.passkey = UUID.randomUUID();
        jdbc.sql("INSERT INTO acc_passkey_user (staff_id, user_handle) VALUES (?, ?)").params(w.tandemA.id(),
                // Random: EveryInputTest builds this world a second time in the same database.
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes()))
                .update();
        jdbc.sql("INSERT INTO acc_passkey (id, staff_id, credential_id, label, public_key, signature_count, uv_initialized, "
                + "transports, backup_eligible, backup_state, created_at) VALUES (?, ?, ?, 'Matrix key', ?, 0, "
                + "TRUE, 'internal', FALSE, FALSE, ?)").params(w.passkey, w.tandemA.id(),
                "matrix-" + w.passkey, new byte[] {1}, java.sql.Timestamp.from(clock.instant())).update();
        w.supervision = careRecord(w, post("/team/supervision").param("heldOn", LocalDate.now().minusDays(1).toString())
                .param("kind", "SUPERVISION").param("participants", w.tandemA.id().toString(), w.tandemB.id().toString()),
                "SELECT id FROM qua_supervision WHERE org_id = ?", w.org.id());
        w.training = careRecord(w, post("/team/staff/{id}/trainings", w.tandemA.id())
                .param("takenOn", LocalDate.now().minusDays(1).toString()).param("title", "Matrix training"),
                "SELECT id FROM qua_training WHERE staff_id = ?", w.tandemA.id());
        w.checkUp = careRecord(w, post("/team/staff/{id}/checkups", w.tandemA.id())
                .param("doneOn", LocalDate.now().minusDays(1).toString()),
                "SELECT id FROM qua_checkup WHERE staff_id = ?", w.tandemA.id());
        for (Who who : List.of(Who.PRACTITIONER_IN_TANDEM, Who.MANAGER)) {
            w.supervisionsToCorrect.put(who, careRecord(w, post("/team/supervision")
                    .param("heldOn", LocalDate.now().minusDays(1).toString()).param("kind", "SUPERVISION")
                    .param("participants", w.tandemA.id().toString()),
                    "SELECT id FROM qua_supervision WHERE org_id = ?", w.org.id()));
            w.trainingsToCorrect.put(who, careRecord(w, post("/team/staff/{id}/trainings", w.tandemA.id())
                    .param("takenOn", LocalDate.now().minusDays(1).toString()).param("title", "Matrix training"),
                    "SELECT id FROM qua_training WHERE staff_id = ?", w.tandemA.id()));
            w.checkUpsToCorrect.put(who, careRecord(w, post("/team/staff/{id}/checkups", w.tandemA.id())
                    .param("doneOn", LocalDate.now().minusDays(1).toString()),
                    "SELECT id FROM qua_checkup WHERE staff_id = ?", w.tandemA.id()));
        }
        w.threatEntry = recorded(w, post("/cases/{id}/safety/threats", w.client.id())
                .param("occurredOn", LocalDate.now().minusDays(3).toString()).param("kind", "THREATENED")
                .param("fromWhom", "Matrix person").param("whatHappened", "Threatened in the matrix set-up"),
                "SELECT id FROM saf_threat_entry WHERE client_id = ?");
        w.shieldedClient = fixtures.client(w.tandemA, w.tandemB, Fixtures.unique("Shielded "));
        for (var step : List.of(post("/cases/{id}/break-glass", w.shieldedClient.id()).param("reason", "EMERGENCY")
                .param("explanation", "The tandem cannot be reached tonight"),
                post("/cases/{id}/safety/compartment/requests", w.shieldedClient.id()).param("reason", "Crisis"))) {
            assertThat(mvc.perform(step.with(as(w.otherPractitioner)).with(csrf())).andReturn().getResponse()
                    .getStatus()).as("compartment request set up").isEqualTo(302);
        }
        w.compartmentRequest = jdbc.sql("SELECT id FROM saf_compartment_request WHERE client_id = ?")
                .param(w.shieldedClient.id()).query(UUID.class).single();
        w.safetyAppointment = plannedAppointment(w.tandemA, null);
        w.appointmentToCorrect = appointmentTomorrow(w.tandemA);
        w.appointmentToCancel = appointmentTomorrow(w.tandemA);
        w.checkInAppointment = appointmentTomorrow(w.tandemA);
        MockHttpServletResponse checkedIn = mvc.perform(post("/safety/appointments/{id}/arrived", w.checkInAppointment)
                .with(as(w.tandemA)).with(csrf())).andReturn().getResponse();
        w.checkInCookie = checkedIn.getCookie("exitwork-check-in");
        assertThat(w.checkInCookie).as("checking in gives the phone its check-in").isNotNull();
        Matcher checkInToken = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(mvc.perform(
                get("/safety/help/{id}", w.checkInAppointment).cookie(w.checkInCookie)).andReturn().getResponse()
                .getContentAsString());
        assertThat(checkInToken.find()).as("the phone's check-in page carries its token").isTrue();
        w.checkInToken = checkInToken.group(1);
        UUID helpAppointment = plannedAppointment(w.tandemB, w.client.id());
        mvc.perform(post("/safety/appointments/{id}/help", helpAppointment).with(as(w.tandemB)).with(csrf()));
        w.safetyAlert = jdbc.sql("SELECT id FROM saf_alert WHERE appointment_id = ?").param(helpAppointment)
                .query(UUID.class).single();
        assertThat(mvc.perform(post("/network/partners").with(as(w.manager)).with(csrf())
                .param("name", "Matrix youth office").param("kind", "YOUTH_AND_FAMILY")
                .param("mandate", "Supports families").param("agreement", "INFORMAL"))
                .andReturn().getResponse().getStatus()).as("partner registered").isEqualTo(302);
        w.partner = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = 'Matrix youth office'").param(w.org.id()).query(UUID.class).single();
        w.consentPartner = w.partner;
        w.consent = recorded(w, post("/cases/{id}/consents", w.client.id()).param("partnerId", w.consentPartner.toString())
                .param("purpose", "Matrix set-up").param("kinds", "ATTENDANCE", "CASE_CONFERENCE")
                .param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(3).toString()).param("informedHow", "WITH_INTERPRETER"),
                "SELECT id FROM con_consent WHERE client_id = ?");
        assertThat(mvc.perform(post("/cases/{id}/consents", w.client.id()).with(as(w.tandemA)).with(csrf())
                .param("partnerId", w.consentPartner.toString()).param("purpose", "Matrix consent to revoke")
                .param("kinds", "ATTENDANCE").param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(3).toString())
                .param("informedHow", "WITH_INTERPRETER")).andReturn().getResponse().getStatus())
                .as("second consent recorded").isEqualTo(302);
        w.consentToRevoke = jdbc.sql("SELECT id FROM con_consent WHERE client_id = ? AND id <> ?")
                .params(w.client.id(), w.consent).query(UUID.class).single();
        for (int i = 0; i < 4; i++) {
            referralInbox.append(w.org.id(), w.partner, Inbox.Via.API, new InboundReferral("MATRIX-" + i, Set.of(),
                    false, "Referred Person " + i, null, null, "Matrix concern"));
            referralMatcher.matchNow();
        }
        List<UUID> matched = jdbc.sql("SELECT id FROM ref_referral WHERE org_id = ? ORDER BY received_at, id")
                .param(w.org.id()).query(UUID.class).list();
        assertThat(matched).as("referrals matched").hasSize(4);
        w.referral = matched.get(0);
        w.referralToAssign = matched.get(1);
        w.referralToDecline = matched.get(2);
        assertThat(mvc.perform(post("/referrals/{id}/assign", matched.get(3)).with(as(w.manager)).with(csrf())
                .param("practitionerId", w.tandemA.id().toString())).andReturn().getResponse().getStatus())
                .as("referral assigned").isEqualTo(302);
        UUID referred = jdbc.sql("SELECT client_id FROM ref_referral WHERE id = ?").param(matched.get(3))
                .query(UUID.class).single();
        w.referredProspect = new RegisteredClient(referred, "referred");
        String shared = mvc.perform(post("/cases/{id}/shares", w.client.id()).with(as(w.tandemA)).with(csrf())
                .param("partnerId", w.consentPartner.toString()).param("consentId", w.consent.toString())
                .param("kinds", "ATTENDANCE").param("texts[4]", "Came every week").param("form", "JSON")
                .param("language", "en")).andReturn().getResponse().getContentAsString();
        Matcher token = Pattern.compile("/shared/([A-Za-z0-9_-]{43})<").matcher(shared);
        assertThat(token.find()).as("share granted").isTrue();
        w.shareToken = token.group(1);
        w.share = jdbc.sql("SELECT id FROM dis_share WHERE client_id = ?").param(w.client.id()).query(UUID.class).single();
        assertThat(mvc.perform(post("/cases/{id}/shares", w.client.id()).with(as(w.tandemA)).with(csrf())
                .param("partnerId", w.consentPartner.toString()).param("consentId", w.consent.toString())
                .param("kinds", "ATTENDANCE").param("texts[4]", "Came every week").param("form", "JSON")
                .param("language", "en")).andReturn().getResponse().getStatus())
                .as("second share granted").isEqualTo(200);
        w.shareToWithdraw = jdbc.sql("SELECT id FROM dis_share WHERE client_id = ? AND id <> ?")
                .params(w.client.id(), w.share).query(UUID.class).single();
        assertThat(mvc.perform(post("/network/partners/{id}/services", w.partner).with(as(w.manager)).with(csrf())
                .param("needs", "FAMILY").param("howToReach", "Intake desk").param("responseDays", "7"))
                .andReturn().getResponse().getStatus()).as("services recorded").isEqualTo(302);
        w.serviceConsent = recorded(w, post("/cases/{id}/consents", w.client.id())
                .param("partnerId", w.partner.toString()).param("purpose", "Matrix service requests")
                .param("kinds", "SERVICE_REQUEST", "CURRENT_NEEDS").param("validFrom", LocalDate.now(clock).toString())
                .param("validUntil", LocalDate.now(clock).plusMonths(3).toString()).param("informedHow", "WITH_INTERPRETER"),
                "SELECT consent_id FROM con_consent_kind WHERE client_id = ? AND kind = 'SERVICE_REQUEST'");
        w.serviceRequestToken = serviceRequest(w);
        w.serviceRequest = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ?").param(w.client.id())
                .query(UUID.class).single();
        serviceRequest(w);
        w.serviceRequestToCancel = jdbc.sql("SELECT id FROM dis_service_request WHERE client_id = ? AND id <> ?")
                .params(w.client.id(), w.serviceRequest).query(UUID.class).single();
        for (Who who : Who.values()) {
            w.serviceRequestTokens.put(who, serviceRequest(w));
        }
        assertThat(mvc.perform(post("/referrals/credentials").with(as(w.manager)).with(csrf())
                .param("partnerId", w.partner.toString()).param("scope", "ADD_INFORMATION")).andReturn().getResponse()
                .getStatus()).as("referral credential created").isEqualTo(200);
        w.referralCredential = jdbc.sql("SELECT id FROM ref_credential WHERE partner_id = ?").param(w.partner)
                .query(UUID.class).single();
        for (Who who : Who.values()) {
            w.referralFormTokens.put(who, referralLink(w));
        }
        String toWithdraw = referralLink(w);
        w.referralLinkToWithdraw = jdbc.sql("SELECT id FROM ref_form_link WHERE token_hash = ?")
                .param(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(toWithdraw.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .query(UUID.class).single();
        w.conference = recorded(w, post("/cases/{id}/conferences", w.client.id())
                .param("heldOn", LocalDate.now(clock).toString()).param("purpose", "Matrix set-up conference")
                .param("invitees[0].partnerId", w.consentPartner.toString()).param("invitees[0].chosen", "true"),
                "SELECT id FROM dis_conference WHERE client_id = ?");
        assertThat(mvc.perform(post("/network/partners").with(as(w.manager)).with(csrf())
                .param("name", "Matrix police").param("kind", "POLICE").param("mandate", "Averts danger")
                .param("agreement", "INFORMAL").param("contacts[0].name", "Matrix officer")
                .param("contacts[0].email", "officer@police.example"))
                .andReturn().getResponse().getStatus()).as("security partner registered").isEqualTo(302);
        w.securityPartner = jdbc.sql("SELECT id FROM net_partner WHERE org_id = ? AND name = 'Matrix police'")
                .param(w.org.id()).query(UUID.class).single();
        w.securityContact = jdbc.sql("SELECT id FROM net_partner_contact WHERE partner_id = ?").param(w.securityPartner)
                .query(UUID.class).single();
        w.awaitingAlert = dangerAlert(w, false);
        w.sentAlert = dangerAlert(w, true);
        for (Who who : STAFF_SAFETY_ROLES) {
            w.alertsToApprove.put(who, dangerAlert(w, false));
            w.alertsToReject.put(who, dangerAlert(w, false));
            w.alertsToReview.put(who, dangerAlert(w, true));
        }
        accountResets(w);
        peerGroups(w);
        w.auditVerification = UUID.fromString(mvc.perform(post("/audit/verify").with(as(w.dpo)).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl().substring("/audit/verifications/".length()));
        vignettes(w);
    }

    /** Case vignettes of {@link World#client} by A for the peer group; released ones by the third practitioner. */
    private void vignettes(World w) throws Exception {
        w.vignetteDraft = vignette(w, false, false);
        w.vignetteToSubmit = vignette(w, false, false);
        w.vignetteInReview = vignette(w, true, false);
        w.vignetteReleased = vignette(w, true, true);
        w.vignetteToWithdraw = vignette(w, true, true);
        assertThat(mvc.perform(post("/peer-groups/{g}/vignettes/{v}/feedback", w.peerGroup, w.vignetteReleased)
                .with(as(w.peer)).with(csrf()).param("principles", "TRUST").param("text", "Feedback of the peer"))
                .andReturn().getResponse().getStatus()).as("peer's feedback given").isEqualTo(302);
        w.peersFeedback = jdbc.sql("SELECT id FROM dis_vignette_feedback WHERE given_by = ?").param(w.peer.id())
                .query(UUID.class).single();
        for (Who who : List.of(Who.PRACTITIONER, Who.MANAGER)) {
            w.vignettesToRelease.put(who, vignette(w, true, false));
            w.vignettesToSendBack.put(who, vignette(w, true, false));
        }
    }

    private UUID vignette(World w, boolean submitted, boolean released) throws Exception {
        MockHttpServletResponse written = mvc.perform(post("/cases/{id}/vignettes", w.client.id()).with(as(w.tandemA))
                .with(csrf()).param("groupId", w.peerGroup.toString()).param("title", "A vignette for the group")
                .param("narrative", "A young man, his doubts and our slow work together.")).andReturn().getResponse();
        assertThat(written.getStatus()).as("vignette written").isEqualTo(302);
        UUID id = UUID.fromString(written.getRedirectedUrl().substring(written.getRedirectedUrl().lastIndexOf('/') + 1));
        if (submitted) {
            assertThat(mvc.perform(post("/cases/{id}/vignettes/{v}/submit", w.client.id(), id).with(as(w.tandemA))
                    .with(csrf()).param("version", "0")).andReturn().getResponse().getStatus())
                    .as("vignette submitted").isEqualTo(302);
        }
        if (released) {
            assertThat(mvc.perform(post("/vignettes/review/{v}/release", id).with(as(w.otherPractitioner))
                    .with(csrf()).param("version", "1")).andReturn().getResponse().getStatus())
                    .as("vignette released").isEqualTo(302);
        }
        return id;
    }

    /** Danger alerts: one raised by practitioner B, awaiting approval or (cannot wait) sent at once; returns its id. */
    private UUID dangerAlert(World w, boolean cannotWait) throws Exception {
        List<UUID> before = jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ?").param(w.client.id())
                .query(UUID.class).list();
        assertThat(mvc.perform(post("/cases/{id}/danger-alerts", w.client.id()).with(as(w.tandemB)).with(csrf())
                .param("partnerId", w.securityPartner.toString()).param("contactId", w.securityContact.toString())
                .param("kind", "OTHER").param("danger", "Matrix set-up danger").param("atRisk", "Someone")
                .param("howSoon", "Now").param("cannotWait", Boolean.toString(cannotWait)))
                .andReturn().getResponse().getStatus()).as("danger alert raised").isEqualTo(302);
        List<UUID> after = new ArrayList<>(jdbc.sql("SELECT id FROM dis_danger_alert WHERE client_id = ?")
                .param(w.client.id()).query(UUID.class).list());
        after.removeAll(before);
        assertThat(after).as("one new danger alert").hasSize(1);
        return after.get(0);
    }

    /** Peer groups: the manager invites a peer, makes a group of A, the peer and a leaver, and records a meeting. */
    private void peerGroups(World w) throws Exception {
        String username = Fixtures.unique("peer").toLowerCase(java.util.Locale.ROOT);
        assertThat(mvc.perform(post("/peer-groups/peers").with(as(w.manager)).with(csrf())
                .param("displayName", "Matrix Peer").param("username", username)
                .param("homeOrganisation", "Neighbouring exit NGO")).andReturn().getResponse().getStatus())
                .as("peer invited").isEqualTo(200);
        UUID peerId = jdbc.sql("SELECT id FROM acc_staff WHERE username = ?").param(username).query(UUID.class).single();
        w.peer = new StaffPrincipal(peerId, w.org.id(), username, "Matrix Peer", Role.PEER);
        assertThat(mvc.perform(post("/peer-groups").with(as(w.manager)).with(csrf()).param("name", "Matrix peer group"))
                .andReturn().getResponse().getStatus()).as("peer group created").isEqualTo(302);
        w.peerGroup = jdbc.sql("SELECT id FROM qua_peer_group WHERE org_id = ? AND name = 'Matrix peer group'")
                .param(w.org.id()).query(UUID.class).single();
        w.peerGroupLeaver = fixtures.staff(w.org, Role.PRACTITIONER);
        for (StaffPrincipal member : List.of(w.tandemA, w.peer, w.peerGroupLeaver)) {
            assertThat(mvc.perform(post("/peer-groups/{id}/members", w.peerGroup).with(as(w.manager)).with(csrf())
                    .param("staffId", member.id().toString())).andReturn().getResponse().getStatus())
                    .as("member added").isEqualTo(302);
        }
    }

    /** Account resets: the manager's account is of long standing, as an approver's must be (R6). */
    private void accountResets(World w) throws Exception {
        jdbc.sql("UPDATE acc_staff SET created_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(30))), w.manager.id())
                .update();
        w.resetToApprove = resetRequest(w, "reset-second-factor");
        w.resetToRefuse = resetRequest(w, "reset-password");
        w.resetApproved = resetRequest(w, "reset-password");
        assertThat(mvc.perform(post("/manage/account-resets/{id}/approve", w.resetApproved).with(as(w.manager))
                .with(csrf())).andReturn().getResponse().getStatus()).as("reset approved").isEqualTo(302);
    }

    private UUID resetRequest(World w, String what) throws Exception {
        StaffPrincipal holder = fixtures.staff(w.org, Role.PRACTITIONER);
        assertThat(mvc.perform(post("/admin/staff/{id}/" + what, holder.id()).with(as(w.admin)).with(csrf()))
                .andReturn().getResponse().getStatus()).as("reset asked for").isEqualTo(302);
        return jdbc.sql("SELECT id FROM acc_reset_request WHERE staff_id = ?").param(holder.id()).query(UUID.class)
                .single();
    }

    /** Referrals in: a one-time link for {@link World#partner}, made by the manager; returns its token. */
    private String referralLink(World w) throws Exception {
        String page = mvc.perform(post("/referrals/links").with(as(w.manager)).with(csrf())
                .param("partnerId", w.partner.toString())).andReturn().getResponse().getContentAsString();
        Matcher link = Pattern.compile("/referral-form/([A-Za-z0-9_-]+)<").matcher(page);
        assertThat(link.find()).as("referral link shown").isTrue();
        return link.group(1);
    }

    /** Staff safety: an appointment now, planned through the web; returns its id. */
    private UUID plannedAppointment(StaffPrincipal who, UUID clientId) throws Exception {
        java.time.LocalDateTime now = java.time.LocalDateTime.now(clock).withSecond(0).withNano(0);
        MockHttpServletRequestBuilder request = post("/safety/appointments").with(as(who)).with(csrf())
                .param("startsAt", now.minusMinutes(30).toString()).param("endsAt", now.plusHours(2).toString())
                .param("placeKind", "HOME_VISIT").param("place", "Matrix street 1");
        if (clientId != null) {
            request.param("clientId", clientId.toString());
        }
        assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).as("appointment planned").isEqualTo(302);
        return jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?").param(who.id()).query(UUID.class).single();
    }

    /** Staff safety: an appointment tomorrow, planned through the web; returns its id. */
    private UUID appointmentTomorrow(StaffPrincipal who) throws Exception {
        List<UUID> before = jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?").param(who.id())
                .query(UUID.class).list();
        assertThat(mvc.perform(post("/safety/appointments").with(as(who)).with(csrf())
                .param("startsAt", LocalDate.now(clock).plusDays(1).atTime(10, 0).toString())
                .param("endsAt", LocalDate.now(clock).plusDays(1).atTime(11, 0).toString())
                .param("placeKind", "INSTITUTION").param("place", "Matrix school")).andReturn().getResponse()
                .getStatus()).as("appointment planned").isEqualTo(302);
        List<UUID> after = new ArrayList<>(jdbc.sql("SELECT id FROM saf_appointment WHERE staff_id = ?")
                .param(who.id()).query(UUID.class).list());
        after.removeAll(before);
        assertThat(after).as("one new appointment").hasSize(1);
        return after.get(0);
    }

    /** Makes a care record through the web as practitioner A and returns the id the query finds new. */
    private UUID careRecord(World w, MockHttpServletRequestBuilder request, String idsQuery, UUID param) throws Exception {
        List<UUID> before = jdbc.sql(idsQuery).param(param).query(UUID.class).list();
        assertThat(mvc.perform(request.with(as(w.tandemA)).with(csrf())).andReturn().getResponse().getStatus())
                .as("care record made").isEqualTo(302);
        List<UUID> after = new ArrayList<>(jdbc.sql(idsQuery).param(param).query(UUID.class).list());
        after.removeAll(before);
        assertThat(after).as("one new care record").hasSize(1);
        return after.get(0);
    }

    /** Makes a record through the web as the tandem and returns its id. */
    private UUID recorded(World w, MockHttpServletRequestBuilder request, String idQuery) throws Exception {
        assertThat(mvc.perform(request.with(as(w.tandemA)).with(csrf())).andReturn().getResponse().getStatus())
                .as("recorded").isEqualTo(302);
        return jdbc.sql(idQuery).param(w.client.id()).query(UUID.class).single();
    }

    /**
     * Enrols a second factor the way a person does: signs in with the password (which opens a real
     * session), reads the key from the enrolment page and answers with a code.
     */
    private StaffPrincipal enrolledStaff(Fixtures.Organisation org) throws Exception {
        Fixtures.Staff staff = fixtures.staffWithPassword(org, Role.PRACTITIONER);
        MockHttpServletResponse signedIn = mvc.perform(post("/sign-in").with(csrf())
                .param("username", staff.principal().username()).param("password", staff.password()))
                .andReturn().getResponse();
        assertThat(redirectPath(signedIn)).as("password accepted").isEqualTo("/sign-in/continue");
        Cookie session = signedIn.getCookie("SESSION");
        assertThat(session).as("a session was opened").isNotNull();

        String page = mvc.perform(get("/sign-in/enrol").cookie(session)).andReturn().getResponse()
                .getContentAsString();
        Matcher key = Pattern.compile("data-testid=\"totp-secret\">([^<]+)<").matcher(page);
        assertThat(key.find()).as("enrolment page shows the key").isTrue();
        String secret = key.group(1).replaceAll("\\s", "");
        long step = Math.floorDiv(clock.instant().getEpochSecond(), 30);
        String code = Totp.code(secret, step);
        MockHttpServletResponse confirmed = mvc.perform(post("/sign-in/enrol").cookie(session).with(csrf())
                .param("code", code)).andReturn().getResponse();
        assertThat(confirmed.getContentAsString()).as("enrolment confirmed").contains("data-testid=\"recovery-codes\"");
        return staff.principal();
    }

    // ---------------------------------------------------------------------------------------------
    // The table covers everything there is.

    @Test
    void everyHandlerMethodHasAnExpectation() {
        Set<String> mapped = handlerEndpoints();
        Set<String> tabled = new TreeSet<>();
        ENDPOINTS.stream().filter(Endpoint::mvc).forEach(e -> tabled.add(e.key()));

        assertThat(mapped).as("the handler mapping lists the application's controllers")
                .contains("GET /cases/{id}", "GET /admin/staff", "GET /audit");
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(tabled);
        assertThat(missing)
                .as("endpoints without an authorization expectation: add them to AuthorizationMatrixTest.ENDPOINTS")
                .isEmpty();
        Set<String> stale = new TreeSet<>(tabled);
        stale.removeAll(mapped);
        assertThat(stale).as("expectations for endpoints that no longer exist").isEmpty();
    }

    @Test
    void theTableHasOneRowPerEndpoint() {
        List<String> keys = ENDPOINTS.stream().map(Endpoint::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
    }

    private Set<String> questionPages;

    /** The handlers posted to that store nothing and answer with a page ({@code platform.QuestionPage}). */
    private Set<String> questionPages() {
        if (questionPages == null) {
            Set<String> keys = new TreeSet<>();
            handlerMapping.getHandlerMethods().forEach((info, method) -> {
                if (method.hasMethodAnnotation(org.exitwork.platform.QuestionPage.class)) {
                    info.getMethodsCondition().getMethods().forEach(m -> info.getPatternValues()
                            .forEach(pattern -> keys.add(m.name() + " " + pattern)));
                }
            });
            questionPages = keys;
        }
        return questionPages;
    }

    @Test
    void theQuestionPagesAreFound() {
        assertThat(questionPages()).containsExactly("POST /cases/{id}/sessions/steps/{step}",
                "POST /cases/{id}/sessions/steps/{step}/change", "POST /cases/{id}/shares/steps/{step}",
                "POST /cases/{id}/shares/steps/{step}/change");
    }

    /** Every (method, pattern) the MVC handler mapping serves; {@code *} stands for any method. */
    private Set<String> handlerEndpoints() {
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).forEach(methods::add);
            if (methods.isEmpty()) {
                methods.add("*");
            }
            for (String pattern : info.getPatternValues()) {
                for (String method : methods) {
                    keys.add(method + " " + pattern);
                }
            }
        }
        return keys;
    }

    // ---------------------------------------------------------------------------------------------
    // The matrix itself.

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryone() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Who who : Who.values()) {
                boolean allowed = endpoint.allowed().contains(who);
                tests.add(DynamicTest.dynamicTest(
                        endpoint.key() + " as " + who + (allowed ? " is allowed" : " is denied"),
                        () -> check(endpoint, who, allowed)));
            }
        }
        return tests.stream();
    }

    private void check(Endpoint endpoint, Who who, boolean allowed) throws Exception {
        DatabaseVisits.watch();
        MockHttpServletResponse response;
        try {
            response = perform(endpoint, who);
        } finally {
            visits = DatabaseVisits.stop();
        }
        String what = endpoint.key() + " as " + who + " answered " + response.getStatus()
                + (response.getRedirectedUrl() != null ? " -> " + response.getRedirectedUrl() : "");
        if (endpoint.mvc() && (endpoint.httpMethod() == HttpMethod.GET || questionPages().contains(endpoint.key()))) {
            assertReadInOneTransaction(what, visits);
        }
        if (endpoint.allowed() == SIGNED_REQUESTS_ONLY) {
            // The partner API has its own chain: a staff session counts for nothing there.
            assertThat(response.getStatus()).as(what + ": expected 401 without a signature").isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate")).as(what).isEqualTo("Exitwork-HMAC");
            return;
        }
        if (allowed) {
            Answer expected = endpoint.answers().get(who);
            assertThat(expected).as(what + ": the table states no answer for this allowed visitor").isNotNull();
            Object[] vars = endpoint.uriVariables().apply(world);
            StaffPrincipal visitor = who == Who.PASSWORD_ONLY ? endpoint.halfSignedIn().apply(world)
                    : world.principal(who);
            assertThat(expected.matches(response, endpoint, vars, visitor))
                    .as(what + ": expected " + expected.status() + (expected.location() == null ? " (no redirect)"
                            : " -> " + expected.expected(endpoint, vars, visitor)))
                    .isTrue();
            return;
        }
        switch (who) {
            case ANONYMOUS -> assertThat(response.getStatus() == 302 && redirectsToSignIn(response))
                    .as(what + ": expected a redirect to /sign-in").isTrue();
            case PASSWORD_ONLY -> {
                if (endpoint.httpMethod() == HttpMethod.GET) {
                    assertThat(response.getStatus()).as(what).isEqualTo(302);
                    assertThat(redirectPath(response)).as(what + ": expected a redirect to /sign-in/continue")
                            .isEqualTo("/sign-in/continue");
                } else {
                    assertThat(response.getStatus()).as(what + ": expected 403").isEqualTo(403);
                }
            }
            default -> {
                if (endpoint.httpMethod() == HttpMethod.GET && endpoint.pattern().startsWith("/sign-in/")) {
                    // Fully signed in: the sign-in steps have nothing left to do and send you home.
                    assertThat(redirectPath(response)).as(what + ": expected a redirect to /").isEqualTo("/");
                } else {
                    assertThat(response.getStatus()).as(what + ": expected 403").isEqualTo(403);
                }
            }
        }
        // A refusal must not carry what it refuses.
        String body = response.getContentAsString();
        assertThat(body).as(what + ": a refusal shows nothing of the case")
                .doesNotContain(world.clientName).doesNotContain(world.noteText);
    }

    /** What the last request took from the database, who took it. */
    private List<DatabaseVisits.Visit> visits = List.of();

    /**
     * A page (any GET a controller answers, allowed or refused, and a question page posted to) takes at most
     * one connection for its content: one transaction. Not counted: the HTTP session store's read and write around the request,
     * and an audit entry recorded independently (it must stay whatever becomes of the page).
     */
    private static void assertReadInOneTransaction(String what, List<DatabaseVisits.Visit> visits) {
        List<DatabaseVisits.Visit> content = visits.stream().filter(v -> !v.sessionStore())
                .filter(v -> !v.frames().contains("JdbcAuditLog.recordIndependently")).toList();
        assertThat(content).as(what + ": the page's content is read in one transaction; connections taken by")
                .hasSizeLessThanOrEqualTo(1);
    }

    private MockHttpServletResponse perform(Endpoint endpoint, Who who) throws Exception {
        world.visitor = who;
        MockHttpServletRequestBuilder request = request(endpoint.httpMethod(), endpoint.pattern(),
                endpoint.uriVariables().apply(world));
        endpoint.form().accept(request, world);
        if (endpoint.httpMethod() != HttpMethod.GET) {
            request.with(csrf());
        }
        switch (who) {
            case ANONYMOUS -> {
            }
            case PASSWORD_ONLY -> request.with(passwordOnly(endpoint.halfSignedIn().apply(world)));
            default -> request.with(as(world.principal(who)));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** The sign-in entry point: a redirect to the bare /sign-in page (not /sign-in?failed etc.). */
    private static boolean redirectsToSignIn(MockHttpServletResponse response) {
        String location = response.getHeader("Location");
        if (response.getStatus() / 100 != 3 || location == null) {
            return false;
        }
        URI uri = URI.create(location);
        return "/sign-in".equals(uri.getPath()) && uri.getQuery() == null;
    }

    /** A service request of the tandem to {@link World#partner}; the token of its link. */
    private String serviceRequest(World w) throws Exception {
        String page = mvc.perform(post("/cases/{id}/service-requests", w.client.id()).with(as(w.tandemA)).with(csrf())
                .param("partnerId", w.partner.toString()).param("consentId", w.serviceConsent.toString())
                .param("need", "FAMILY").param("texts[1]", "Family counselling wanted").param("language", "en"))
                .andReturn().getResponse().getContentAsString();
        Matcher token = Pattern.compile("/service-request/([A-Za-z0-9_-]{43})<").matcher(page);
        assertThat(token.find()).as("service request granted").isTrue();
        return token.group(1);
    }

    private static String redirectPath(MockHttpServletResponse response) {
        String location = response.getHeader("Location");
        return location == null ? null : URI.create(location).getPath();
    }

    // ---------------------------------------------------------------------------------------------
    // What the matrix cannot say in one word.

    @Test
    void outsidersOfTheTandemGetTheBreakTheGlassPageAndNothingOfTheCase() throws Exception {
        for (Who who : List.of(Who.PRACTITIONER, Who.MANAGER, Who.DATA_PROTECTION_OFFICER)) {
            MockHttpServletResponse response = mvc.perform(get("/cases/{id}", world.client.id())
                    .with(as(world.principal(who)))).andReturn().getResponse();
            assertThat(response.getStatus()).as(who.name()).isEqualTo(403);
            assertThat(response.getContentAsString()).as(who.name())
                    .contains("data-testid=\"restricted\"")
                    .contains("/cases/" + world.client.id() + "/break-glass")
                    .doesNotContain(world.noteText)
                    .doesNotContain(world.clientName);
        }
    }

    @Test
    void theWorkAgreementForTheClientIsTheTandemsEvenAfterBreakingTheGlass() throws Exception {
        RegisteredClient client = fixtures.client(world.tandemA, world.tandemB, Fixtures.unique("Agreement Client "));
        assertThat(mvc.perform(post("/cases/{id}/agreement", client.id()).with(as(world.tandemA)).with(csrf())
                .param("objective", "Objective of the printout test").param("changes[0].wording", "A change")
                .param("nextSteps", "Next").param("language", "en").param("basedOn", "0"))
                .andReturn().getResponse().getStatus()).isEqualTo(302);
        for (Who who : List.of(Who.PRACTITIONER, Who.MANAGER, Who.DATA_PROTECTION_OFFICER)) {
            StaffPrincipal reader = world.principal(who);
            assertThat(mvc.perform(post("/cases/{id}/break-glass", client.id()).with(as(reader)).with(csrf())
                    .param("reason", "ABSENCE").param("explanation", "Both of the tandem are away this week"))
                    .andReturn().getResponse().getStatus()).as(who + " breaks the glass").isEqualTo(302);
            assertThat(mvc.perform(get("/cases/{id}/agreement", client.id()).with(as(reader))).andReturn()
                    .getResponse().getStatus()).as(who + " reads the agreement").isEqualTo(200);
            assertThat(mvc.perform(get("/cases/{id}/agreement/{v}/pdf", client.id(), 1).with(as(reader))).andReturn()
                    .getResponse().getStatus()).as(who + " prints it for the client").isEqualTo(403);
        }
        assertThat(mvc.perform(get("/cases/{id}/agreement/{v}/pdf", client.id(), 1).with(as(world.admin)))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        for (StaffPrincipal member : List.of(world.tandemA, world.tandemB)) {
            assertThat(mvc.perform(get("/cases/{id}/agreement/{v}/pdf", client.id(), 1).with(as(member)))
                    .andReturn().getResponse().getStatus()).isEqualTo(200);
        }
    }

    @Test
    void theTandemReadsTheCase() throws Exception {
        for (StaffPrincipal member : List.of(world.tandemA, world.tandemB)) {
            MockHttpServletResponse response = mvc.perform(get("/cases/{id}/sessions", world.client.id())
                    .with(as(member))).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).contains(world.noteText);
        }
    }

    @Test
    void staffOfAnotherOrganisationFindNothing() throws Exception {
        Fixtures.Organisation foreign = fixtures.organisation();
        Map<Role, StaffPrincipal> strangers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            strangers.put(role, fixtures.staff(foreign, role));
        }
        for (Endpoint endpoint : ENDPOINTS) {
            if (!endpoint.pattern().contains("{id}")) {
                continue;
            }
            for (StaffPrincipal stranger : strangers.values()) {
                MockHttpServletRequestBuilder request = request(endpoint.httpMethod(), endpoint.pattern(),
                        endpoint.uriVariables().apply(world)).with(as(stranger));
                endpoint.form().accept(request, world);
                if (endpoint.httpMethod() != HttpMethod.GET) {
                    request.with(csrf());
                }
                MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
                assertThat(response.getStatus()).as(endpoint.key() + " as " + stranger.role() + " of another organisation")
                        .isIn(403, 404);
                assertThat(response.getContentAsString()).doesNotContain(world.clientName)
                        .doesNotContain(world.noteText);
            }
        }
    }

    /**
     * The phone's check-in cookie, with its page's token, opens its own page and actions for every visitor
     * (whatever session the browser also has), and counts for nothing anywhere else: every other endpoint
     * answers a visitor who has only the cookie as it answers anyone not signed in.
     */
    @Test
    void theCheckInCookieOpensItsFourActionsAndNothingElse() throws Exception {
        for (Who who : Who.values()) {
            MockHttpServletRequestBuilder page = get("/safety/help/{id}", world.checkInAppointment)
                    .cookie(world.checkInCookie);
            MockHttpServletRequestBuilder extend = post("/safety/help/{id}/extend", world.checkInAppointment)
                    .cookie(world.checkInCookie).param("token", world.checkInToken).param("minutes", "15");
            if (who == Who.PASSWORD_ONLY) {
                page.with(passwordOnly(world.tandemA));
                extend.with(passwordOnly(world.tandemA));
            } else if (who != Who.ANONYMOUS) {
                page.with(as(world.principal(who)));
                extend.with(as(world.principal(who)));
            }
            assertThat(mvc.perform(page).andReturn().getResponse().getStatus()).as("page as " + who).isEqualTo(200);
            MockHttpServletResponse extended = mvc.perform(extend).andReturn().getResponse();
            assertThat(extended.getStatus()).as("extend as " + who).isEqualTo(302);
            assertThat(extended.getRedirectedUrl())
                    .isEqualTo("/safety/help/" + world.checkInAppointment + "?done=extended");
        }
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.allowed().contains(Who.ANONYMOUS) || endpoint.allowed() == SIGNED_REQUESTS_ONLY) {
                continue;
            }
            world.visitor = Who.ANONYMOUS;
            MockHttpServletRequestBuilder request = request(endpoint.httpMethod(), endpoint.pattern(),
                    endpoint.uriVariables().apply(world)).cookie(world.checkInCookie);
            endpoint.form().accept(request, world);
            if (endpoint.httpMethod() != HttpMethod.GET) {
                request.with(csrf());
            }
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            assertThat(redirectsToSignIn(response)).as(endpoint.key() + " with only the check-in cookie answered "
                    + response.getStatus() + " " + response.getRedirectedUrl()).isTrue();
        }
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() throws Exception {
        String text = Fixtures.unique("forged-note-");
        MockHttpServletResponse missing = mvc.perform(post("/cases/{id}/sessions", world.client.id())
                .with(as(world.tandemA)).param("sessionDate", LocalDate.now().toString()).param("setting", "TANDEM")
                .param("text", text))
                .andReturn().getResponse();
        assertThat(missing.getStatus()).as("POST without CSRF token").isEqualTo(403);

        MockHttpServletResponse wrong = mvc.perform(post("/cases/{id}/sessions", world.client.id())
                .with(as(world.tandemA)).with(csrf().useInvalidToken())
                .param("sessionDate", LocalDate.now().toString()).param("setting", "TANDEM").param("text", text))
                .andReturn().getResponse();
        assertThat(wrong.getStatus()).as("POST with a wrong CSRF token").isEqualTo(403);

        MockHttpServletResponse admin = mvc.perform(post("/admin/staff/{id}/active", world.adminTarget.id())
                .with(as(world.admin)).param("active", "false")).andReturn().getResponse();
        assertThat(admin.getStatus()).as("administrator's POST without CSRF token").isEqualTo(403);

        String casePage = mvc.perform(get("/cases/{id}/sessions", world.client.id()).with(as(world.tandemA)))
                .andReturn().getResponse().getContentAsString();
        assertThat(casePage).as("the forged note was not stored").doesNotContain(text);
        assertThat(staff.find(world.org.id(), world.adminTarget.id()).orElseThrow().active())
                .as("the forged deactivation did not happen").isTrue();
    }

    @Test
    void theSignInStepsAreClosedToAFullSignIn() throws Exception {
        // Sanity for the matrix's half-signed-in rows: each step is really reachable at its moment.
        assertThat(mvc.perform(get("/sign-in/new-password").with(passwordOnly(world.mustChangePassword)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/sign-in/enrol").with(passwordOnly(world.mustEnrol)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/sign-in/code").with(passwordOnly(world.mustEnterCode)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/sign-in/code").with(as(world.mustEnterCode)))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(mvc.perform(post("/sign-in/code").with(as(world.mustEnterCode)).with(csrf()).param("code", "123456"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
