package org.exitwork.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * A long form asked one question per page (the GOV.UK "question pages" pattern), ending on "check your
 * answers": the steps in order, each with the names of the form fields it asks.
 *
 * <p>Nothing of an unfinished form is kept on the server: the HTTP session lives in a database table,
 * and a client's words must never rest there in plain text. So every page carries the answers of the
 * other steps as hidden fields ({@code fragments :: carried}), taken from the request exactly as they
 * were posted (the binder reads them back the same way, whatever their type), and the check page posts
 * all of them to the flow's one existing endpoint, which validates everything again and is the only
 * place anything is written. Steps post (never GET): answers in an address would land in the browser's
 * history, in logs and, for a timed-out session, in the saved request.
 */
public record FormSteps(List<Step> steps) {

    /** The request parameter that says the step was reached by "Change" on the check page. */
    public static final String CHECKING = "checking";

    /** The page that shows every answer before the flow's endpoint is posted. */
    public static final String CHECK = "check";

    /** One question page: its name (part of the address) and the form fields it asks. */
    public record Step(String name, List<String> fields) {

        public Step(String name, String... fields) {
            this(name, List.of(fields));
        }

        /**
         * Whether a request parameter answers this step: a field itself, Spring's marker for an unticked
         * checkbox ({@code _field}), or a row of it ({@code field[3]}, {@code field.part}).
         */
        public boolean asks(String parameter) {
            String name = parameter.startsWith("_") ? parameter.substring(1) : parameter;
            for (String field : fields) {
                if (name.equals(field) || name.startsWith(field + "[") || name.startsWith(field + ".")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One hidden field carried to the next page. */
    public record Answer(String name, String value) {
    }

    public FormSteps {
        steps = List.copyOf(steps);
    }

    public static FormSteps of(Step... steps) {
        return new FormSteps(Arrays.asList(steps));
    }

    public Step first() {
        return steps.get(0);
    }

    /** The step of that name; an unknown name is an unknown page. */
    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(NotFoundException::new);
    }

    public Optional<Step> next(Step step) {
        int i = steps.indexOf(step);
        return i + 1 < steps.size() ? Optional.of(steps.get(i + 1)) : Optional.empty();
    }

    public Optional<Step> previous(Step step) {
        int i = steps.indexOf(step);
        return i > 0 ? Optional.of(steps.get(i - 1)) : Optional.empty();
    }

    /** The steps after {@code step}, in order. */
    public List<Step> after(Step step) {
        return steps.subList(steps.indexOf(step) + 1, steps.size());
    }

    /** Whether the request holds any answer to the step (else the page shows the step's defaults). */
    public boolean answered(Step step, HttpServletRequest request) {
        return request.getParameterMap().keySet().stream().anyMatch(step::asks);
    }

    /** The answers to carry on a page that asks {@code shown}: those of every other step. */
    public List<Answer> carried(HttpServletRequest request, Step shown) {
        return answers(request, shown);
    }

    /** Every answer, for the check page, whose form posts them all. */
    public List<Answer> carried(HttpServletRequest request) {
        return answers(request, null);
    }

    private List<Answer> answers(HttpServletRequest request, Step shown) {
        List<Answer> answers = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            boolean known = steps.stream().anyMatch(s -> s.asks(name));
            if (!known || (shown != null && shown.asks(name))) {
                continue;
            }
            // A checkbox marker comes once per box; one says the same.
            String[] values = name.startsWith("_") ? new String[] {parameter.getValue()[0]} : parameter.getValue();
            for (String value : values) {
                answers.add(new Answer(name, value));
            }
        }
        return answers;
    }

    /**
     * The errors of {@code step}'s fields alone, as a binding result of its own: a step judges only its
     * own question. Errors in fields of other steps can come only from a hand-made request (a carried
     * value the binder could not read); they are kept, so such a request is never waved through.
     */
    public BindingResult only(Step step, BindingResult all, Object form) {
        if (form == null) {
            return all; // the binder could not build the form at all: every error stands
        }
        BindingResult mine = new BeanPropertyBindingResult(form, all.getObjectName());
        for (FieldError error : all.getFieldErrors()) {
            if (step.fields().contains(root(error.getField())) || error.isBindingFailure()) {
                mine.addError(error);
            }
        }
        all.getGlobalErrors().forEach(mine::addError);
        return mine;
    }

    /**
     * The values the binder could not read at all (only a hand-made request has one), for a page shown
     * again unjudged ("Change", "Back"): they are named rather than silently dropped.
     */
    public BindingResult unreadable(BindingResult all, Object form) {
        if (form == null) {
            return all;
        }
        BindingResult unreadable = new BeanPropertyBindingResult(form, all.getObjectName());
        all.getFieldErrors().stream().filter(FieldError::isBindingFailure).forEach(unreadable::addError);
        return unreadable;
    }

    private static String root(String field) {
        int cut = field.length();
        for (char c : new char[] {'[', '.'}) {
            int i = field.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return field.substring(0, cut);
    }

    /** The binding result a page shows a fresh form with (defaults filled in, no errors). */
    public static BindingResult fresh(Object form, String objectName) {
        return new BeanPropertyBindingResult(form, objectName);
    }
}
