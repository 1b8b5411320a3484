package org.exitwork.cases.internal.identity;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Pronounceable, random two-word pseudonyms ("Kaveli Tomura"). Drawn from a secure random source and
 * nothing else, so a pseudonym says nothing about the person. About 10^11 possibilities.
 */
@Component
public class PseudonymGenerator {

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";

    private final SecureRandom random = new SecureRandom();

    public String next() {
        return word() + " " + word();
    }

    private String word() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            out.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
            out.append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
        return out.toString();
    }
}
