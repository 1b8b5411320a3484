package org.exitwork.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Dates written in Java the way the pages write them: the patterns are the message keys
 * {@code format.date} and {@code format.date-time} of the document's language (English {@code d MMM yyyy},
 * German {@code dd.MM.yyyy}), so one language never shows two formats. Moments are shown in the
 * application clock's zone.
 */
@Component
public class DateFormats {

    /** An ISO date standing alone (not part of a longer number or a date-time). */
    private static final Pattern ISO_DATE = Pattern.compile("(?<![0-9-])(\\d{4})-(\\d{2})-(\\d{2})(?![0-9T:])");

    private final MessageSource messages;
    private final Clock clock;

    public DateFormats(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public String date(LocalDate date, Locale language) {
        return date == null ? "" : formatter("format.date", language).format(date);
    }

    /** The day of a moment, in the clock's zone. */
    public String date(Instant at, Locale language) {
        return at == null ? "" : date(at.atZone(clock.getZone()).toLocalDate(), language);
    }

    public String dateTime(Instant at, Locale language) {
        return at == null ? "" : formatter("format.date-time", language).format(at.atZone(clock.getZone()));
    }

    /**
     * The text with every ISO date in it ({@code 2026-12-02}) written in the language's format: for texts
     * that carry ISO dates for machines (the client's export) when a person reads them.
     */
    public String isoDatesIn(String text, Locale language) {
        if (text == null || text.indexOf('-') < 0) {
            return text;
        }
        DateTimeFormatter formatter = formatter("format.date", language);
        Matcher m = ISO_DATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            try {
                replacement = formatter.format(LocalDate.parse(m.group()));
            } catch (DateTimeParseException notADate) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private DateTimeFormatter formatter(String key, Locale language) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, language), language);
    }
}
