package org.exitwork.platform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * What the demo's contributors hand on to each other: the organisation, the day the demo is made,
 * and what one module made that a later one needs, by name ({@code "staff.anna"},
 * {@code "partner.POLICE"}, {@code "client.max"}). Platform knows none of the modules' types, so the
 * values are typed by whoever reads them.
 */
public final class DemoContext {

    /** A sign-in a contributor made beyond the demo's staff (a peer of another organisation), to be printed. */
    public record SignIn(String displayName, String inWords, String username, String password) {
    }

    private final UUID organisationId;
    private final List<SignIn> signIns = new ArrayList<>();
    private final LocalDate today;
    private final Map<String, Object> made = new LinkedHashMap<>();

    public DemoContext(UUID organisationId, LocalDate today) {
        this.organisationId = organisationId;
        this.today = today;
    }

    public UUID organisationId() {
        return organisationId;
    }

    public LocalDate today() {
        return today;
    }

    public void put(String name, Object value) {
        made.put(name, value);
    }

    /** Printed with the staff's sign-ins when the demo is made. */
    public void addSignIn(SignIn signIn) {
        signIns.add(signIn);
    }

    public List<SignIn> signIns() {
        return List.copyOf(signIns);
    }

    public <T> T get(String name, Class<T> type) {
        Object value = made.get(name);
        if (value == null) {
            throw new NoSuchElementException("the demo has no " + name + " yet");
        }
        return type.cast(value);
    }
}
