package org.exitwork;

import org.exitwork.testing.DatabaseTest;
import org.exitwork.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The icon a browser asks for before anyone signs in: public, an image, and named by every page. */
@DatabaseTest
@AutoConfigureMockMvc
class FaviconTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Test
    void theIconIsServedToAnyoneAsAnImage() throws Exception {
        MockHttpServletResponse ico = mvc.perform(get("/favicon.ico")).andReturn().getResponse();
        assertThat(ico.getStatus()).isEqualTo(200);
        assertThat(ico.getContentType()).isIn("image/x-icon", "image/vnd.microsoft.icon");
        assertThat(ico.getContentAsByteArray()).as("an ICO file's header").startsWith(0, 0, 1, 0);

        MockHttpServletResponse svg = mvc.perform(get("/favicon.svg")).andReturn().getResponse();
        assertThat(svg.getStatus()).isEqualTo(200);
        assertThat(svg.getContentType()).isEqualTo("image/svg+xml");
        assertThat(svg.getContentAsString()).startsWith("<svg ");
    }

    @Test
    void everyPageLinksTheIcon() throws Exception {
        fixtures.organisation();
        String signIn = mvc.perform(get("/sign-in")).andReturn().getResponse().getContentAsString();
        assertThat(signIn).contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">")
                .contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">");
    }
}
