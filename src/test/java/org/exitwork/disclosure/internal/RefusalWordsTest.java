package org.exitwork.disclosure.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.exitwork.network.OutboundPolicy;
import org.exitwork.platform.MessageBundles;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every refusal the gate audits is a code that the audit page reads in both languages: the policy's
 * reasons by their words ({@code outbound.refusal.<NAME>}), the ways out's own by
 * {@code audit.value.refusal.<CODE>}; and no refusal can carry words instead of a code.
 */
class RefusalWordsTest {

    static final String[] DECISIONS = { "org.exitwork.disclosure.internal.conference.ConferenceDecision",
            "org.exitwork.disclosure.internal.alert.AlertDecision",
            "org.exitwork.disclosure.internal.client.ClientCopyDecision" };

    final MessageSource messages = MessageBundles.messageSource(new PathMatchingResourcePatternResolver());

    @Test
    void everyRefusalCodeHasWordsInBothLanguages() throws Exception {
        Set<String> codes = new TreeSet<>();
        for (OutboundPolicy.Refusal r : OutboundPolicy.Refusal.values()) {
            codes.add(r.name());
        }
        for (Object reason : Class.forName("org.exitwork.disclosure.internal.share.ShareDecision$Reason")
                .getEnumConstants()) {
            codes.add(((Enum<?>) reason).name());
        }
        for (String decision : DECISIONS) {
            for (Field f : Class.forName(decision).getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Refusal.class) {
                    f.setAccessible(true);
                    codes.add(((Refusal) f.get(null)).code());
                }
            }
        }
        assertThat(codes).contains("ONE_WAY_STREET", "NO_CONSENT", "NO_VALID_CONSENT", "IDENTITY_UNAVAILABLE",
                "NOT_IN_TANDEM", "UNKNOWN_PARTNER", "NAMES_THE_CLIENT");
        for (String code : codes) {
            for (Locale language : new Locale[] { Locale.ENGLISH, Locale.GERMAN }) {
                String words = messages.getMessage("outbound.refusal." + code, null, null, language);
                if (words == null) {
                    words = messages.getMessage("audit.value.refusal." + code, null, null, language);
                }
                assertThat(words).as(code + " in " + language).isNotNull();
            }
        }
    }

    @Test
    void aRefusalIsACodeNeverWords() {
        assertThatThrownBy(() -> Refusal.of("not in tandem", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Refusal.of("unknown-partner", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Refusal.of("UNKNOWN_PARTNER", null).code()).isEqualTo("UNKNOWN_PARTNER");
    }
}
