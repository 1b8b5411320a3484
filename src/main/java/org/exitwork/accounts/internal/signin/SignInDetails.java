package org.exitwork.accounts.internal.signin;

/**
 * What the password step knows about the request besides name and password: the client address.
 * Serializable because Spring Security keeps an authentication's details with it in the session.
 */
public record SignInDetails(String clientAddress) implements java.io.Serializable {
}
