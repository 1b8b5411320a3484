package org.exitwork;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded database's settings that only a system property sets: made at start unless the operator made them. */
class EmbeddedDatabaseSettingsTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty("h2.objectCache");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("h2.objectCache");
        } else {
            System.setProperty("h2.objectCache", before);
        }
    }

    @Test
    void h2sSharedValueCacheIsOffUnlessTheOperatorSaidOtherwise() {
        System.clearProperty("h2.objectCache");
        ExitworkApplication.embeddedDatabaseSettings();
        assertThat(System.getProperty("h2.objectCache")).isEqualTo("false");

        System.setProperty("h2.objectCache", "true");
        ExitworkApplication.embeddedDatabaseSettings();
        assertThat(System.getProperty("h2.objectCache")).isEqualTo("true");
    }
}
