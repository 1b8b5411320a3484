package org.exitwork.accounts.internal.account;

import java.util.Locale;

/** What a username may look like and the one form it is stored and looked up in. */
public final class Usernames {

    public static final String PATTERN = "[A-Za-z0-9._-]+";

    private Usernames() {
    }

    public static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
