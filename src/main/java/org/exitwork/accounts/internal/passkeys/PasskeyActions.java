package org.exitwork.accounts.internal.passkeys;

/** The audit actions of passkeys: registered, removed, used to sign in, required by the organisation. */
public final class PasskeyActions {
    public static final String PASSKEY_REGISTERED = "PASSKEY_REGISTERED";
    public static final String PASSKEY_REMOVED = "PASSKEY_REMOVED";
    public static final String PASSKEY_SIGN_IN = "PASSKEY_SIGN_IN";
    public static final String PASSKEY_SIGN_IN_FAILED = "PASSKEY_SIGN_IN_FAILED";
    public static final String PASSKEYS_REQUIRED_CHANGED = "PASSKEYS_REQUIRED_CHANGED";

    private PasskeyActions() {
    }
}
