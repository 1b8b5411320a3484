package org.exitwork.platform;

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
 * The one way a document becomes a PDF: an XHTML Thymeleaf template, processed in the document's
 * language, rendered by openhtmltopdf. Only bytes come out; handing them to anyone is the
 * disclosure gate's business, not this class's.
 *
 * <p>The renderer may load nothing from outside (every URI is refused, before and after it is
 * resolved), and its one font comes from the class path: the Liberation Sans that PDFBox ships,
 * which covers the German letters and most other Latin, Greek and Cyrillic ones. Templates name it
 * as {@value #FONT_FAMILY}.
 *
 * <p>What the renderer reports goes to this class's log as warnings, by message id only: a
 * formatted message could quote the document, which is client data. openhtmltopdf reports each
 * render to a consumer of that render's thread, which is how it is read here; its process-wide
 * logger would print formatted messages to the console, so it is replaced, once when this class is
 * loaded, by one that prints nothing. No bean construction or render changes anything else.
 */
@Component
public class PdfDocuments {

    public static final String FONT_FAMILY = "Liberation Sans";
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final Logger LOG = LoggerFactory.getLogger(PdfDocuments.class);

    static {
        XRLog.setLoggerImpl(new Silent());
    }

    private final ITemplateEngine templates;

    public PdfDocuments(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The template (a Thymeleaf name such as {@code cases/agreement-pdf}) with these variables, as a PDF. */
    public byte[] render(String template, Locale language, Map<String, Object> variables) {
        return fromXhtml(templates.process(template, new Context(language, variables)));
    }

    private static byte[] fromXhtml(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> false,
                            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .useFont(PdfDocuments::font, FONT_FAMILY)
                    .withProducer("Exitwork")
                    .withDiagnosticConsumer(PdfDocuments::report)
                    .withHtmlContent(xhtml, null)
                    .toStream(out)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void report(Diagnostic diagnostic) {
        if (diagnostic.getLevel().intValue() >= Level.WARNING.intValue()) {
            LOG.warn("PDF rendering: {}{}", diagnostic.getLogMessageId(),
                    diagnostic.hasError() ? " (" + diagnostic.getError().getClass().getName() + ")" : "");
        }
    }

    private static InputStream font() {
        InputStream font = PDDocument.class.getResourceAsStream(FONT);
        if (font == null) {
            throw new IllegalStateException("PDFBox's font is missing: " + FONT);
        }
        return font;
    }

    /** openhtmltopdf's process-wide logger: says nothing (each render's diagnostics are read above). */
    private static final class Silent implements XRLogger {

        @Override
        public void log(String where, Level level, String message) {
        }

        @Override
        public void log(String where, Level level, String message, Throwable error) {
        }

        @Override
        public void setLevel(String logger, Level level) {
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return false;
        }
    }
}
