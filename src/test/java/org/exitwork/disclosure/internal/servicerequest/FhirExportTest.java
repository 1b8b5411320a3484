package org.exitwork.disclosure.internal.servicerequest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The export's check before anything leaves: strict parsing and the FHIR R4 schema, without Spring. */
class FhirExportTest {

    @Test
    void aBundleThatBreaksTheSchemaIsRefused() {
        String badUri = """
                {"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Consent",
                "status":"active","scope":{"text":"x"},"category":[{"text":"x"}],
                "policy":[{"authority":"not a uri"}]}}]}""";
        assertThatThrownBy(() -> FhirExport.validate(badUri)).isInstanceOf(FhirExport.Invalid.class)
                .hasMessageContaining("uri");
        assertThatThrownBy(() -> FhirExport.validate("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"bogus\":1}"))
                .as("an unknown element is refused by the strict parser").isInstanceOf(RuntimeException.class);
        assertThatCode(() -> FhirExport.validate("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"))
                .doesNotThrowAnyException();
    }
}
