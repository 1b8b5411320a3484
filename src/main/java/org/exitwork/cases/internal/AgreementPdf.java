package org.exitwork.cases.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The work agreement as a PDF for the client to keep (R3, R19): a Thymeleaf template rendered by
 * openhtmltopdf, with the labels in the version's language. It carries the client's pseudonym and
 * nothing that identifies them. The renderer may load nothing from outside: every URI is refused,
 * and the font comes from the class path (the Liberation Sans that PDFBox ships, which covers the
 * German letters and most other Latin, Greek and Cyrillic ones).
 */
@Component
class AgreementPdf {

    static final String FONT_FAMILY = "Liberation Sans";
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final ITemplateEngine templates;

    AgreementPdf(ITemplateEngine templates) {
        this.templates = templates;
    }

    byte[] render(String pseudonym, WorkAgreements.Version version) {
        Context context = new Context(version.locale(), Map.of("pseudonym", pseudonym, "version", version));
        String xhtml = templates.process("cases/agreement-pdf", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .useFont(AgreementPdf::font, FONT_FAMILY)
                    .withProducer("Exitwork")
                    .withHtmlContent(xhtml, null)
                    .toStream(out)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static InputStream font() {
        InputStream font = PDDocument.class.getResourceAsStream(FONT);
        if (font == null) {
            throw new IllegalStateException("PDFBox's font is missing: " + FONT);
        }
        return font;
    }
}
