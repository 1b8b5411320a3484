package org.exitwork.platform;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import com.openhtmltopdf.util.XRLog;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one PDF renderer, without Spring: a template in, a PDF with the text and the font out, nothing fetched. */
class PdfDocumentsTest {

    private static final String PAGE = """
            <html xmlns="http://www.w3.org/1999/xhtml" xmlns:th="http://www.thymeleaf.org">
            <head><meta charset="utf-8"/><title>t</title>
            <style>body { font-family: 'Liberation Sans', sans-serif; }</style>
            <link rel="stylesheet" th:href="${base} + '/style.css'"/></head>
            <body><p th:text="${text}">text</p><img th:src="${base} + '/logo.png'" alt=""/></body>
            </html>""";

    private final PdfDocuments pdf = new PdfDocuments(engine());

    @Test
    void rendersTheTemplateWithItsVariablesInTheBundledFont() throws Exception {
        byte[] bytes = pdf.render(PAGE, Locale.GERMAN, Map.of("text", "Größe, Übung, Иван Петров", "base", "about:blank"));

        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(new PDFTextStripper().getText(document).strip()).isEqualTo("Größe, Übung, Иван Петров");
            PDFont font = document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.getName()).endsWith("LiberationSans");
            assertThat(document.getDocumentInformation().getProducer()).isEqualTo("Exitwork");
        }
    }

    @Test
    void fetchesNothingTheDocumentLinksTo() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(300);
            String base = "http://127.0.0.1:" + listener.getLocalPort();

            byte[] bytes = pdf.render(PAGE, Locale.ENGLISH, Map.of("text", "nothing from outside", "base", base));

            assertThat(bytes).isNotEmpty();
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void makingAndUsingARendererChangesNoProcessWideSetting() {
        var logger = XRLog.getLoggerImpl();

        new PdfDocuments(engine()).render(PAGE, Locale.ENGLISH, Map.of("text", "x", "base", "about:blank"));

        assertThat(XRLog.getLoggerImpl()).isSameAs(logger);
    }

    private static SpringTemplateEngine engine() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        return engine;
    }
}
