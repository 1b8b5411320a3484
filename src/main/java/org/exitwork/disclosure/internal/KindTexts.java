package org.exitwork.disclosure.internal;

import java.util.ArrayList;
import java.util.List;

import org.exitwork.consent.DataKind;

/**
 * The texts a form of the gate writes per kind of data (a share, a service request): one field per kind,
 * named by the kind's ordinal ({@code texts[4]}), as the forms post them.
 */
public final class KindTexts {

    private KindTexts() {
    }

    /** The text written for the kind, or null. */
    public static String of(List<String> texts, DataKind kind) {
        return texts == null || texts.size() <= kind.ordinal() ? null : texts.get(kind.ordinal());
    }

    /** More fields than there are kinds: no form of ours posts that. */
    public static boolean tooMany(List<String> texts) {
        return texts != null && texts.size() > DataKind.values().length;
    }

    /** A text longer than {@code max}, whether its kind goes out or not: nobody writes those. */
    public static boolean anyLongerThan(List<String> texts, int max) {
        return texts != null && texts.stream().anyMatch(t -> t != null && t.length() > max);
    }

    /** The texts as the form shows them again: one per kind, by its ordinal, empty where none was written. */
    public static List<String> asWritten(List<String> texts) {
        List<String> shown = new ArrayList<>();
        for (DataKind kind : DataKind.values()) {
            String text = of(texts, kind);
            shown.add(text == null ? "" : text);
        }
        return shown;
    }
}
