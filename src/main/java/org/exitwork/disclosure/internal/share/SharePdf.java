package org.exitwork.disclosure.internal.share;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
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
 * A share as a PDF (R9), rendered from the very payload that was recorded as going out, so the
 * document says nothing the record does not. Like the work agreement's PDF: the renderer may load
 * nothing from outside, and the font comes from PDFBox on the class path.
 */
@Component
class SharePdf {

    private static final String FONT_FAMILY = "Liberation Sans";
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final Logger LOG = LoggerFactory.getLogger(SharePdf.class);

    private final ITemplateEngine templates;

    SharePdf(ITemplateEngine templates) {
        this.templates = templates;
        XRLog.setLoggerImpl(new QuietLog());
    }

    byte[] render(SharePayload payload) {
        Context context = new Context(Locale.forLanguageTag(payload.language()), Map.of("share", payload));
        String xhtml = templates.process("shares/share-pdf", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .useFont(SharePdf::font, FONT_FAMILY)
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

    /** Warnings only, by message id: a formatted message could quote the document, which is client data. */
    private static final class QuietLog implements XRLogger {

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
}
