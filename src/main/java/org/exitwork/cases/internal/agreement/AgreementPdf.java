package org.exitwork.cases.internal.agreement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.logging.Level;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(AgreementPdf.class);

    private final ITemplateEngine templates;

    AgreementPdf(ITemplateEngine templates) {
        this.templates = templates;
        XRLog.setLoggerImpl(new QuietLog());
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

    /**
     * The renderer's messages go to the application's log instead of its own console output, and
     * only warnings, by message id: a formatted message could quote the document, which is client data.
     */
    static final class QuietLog implements XRLogger {

        @Override
        public void log(String where, Level level, String message) {
            log(where, level, message, null);
        }

        @Override
        public void log(String where, Level level, String message, Throwable error) {
            if (level.intValue() >= Level.WARNING.intValue()) {
                LOG.warn("PDF rendering ({}): {}", where, error == null ? "warning" : error.getClass().getName());
            }
        }

        @Override
        public void log(Diagnostic diagnostic) {
            if (isLogLevelEnabled(diagnostic)) {
                LOG.warn("PDF rendering: {}", diagnostic.getLogMessageId());
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return diagnostic.getLevel().intValue() >= Level.WARNING.intValue();
        }
    }

    private static InputStream font() {
        InputStream font = PDDocument.class.getResourceAsStream(FONT);
        if (font == null) {
            throw new IllegalStateException("PDFBox's font is missing: " + FONT);
        }
        return font;
    }
}
