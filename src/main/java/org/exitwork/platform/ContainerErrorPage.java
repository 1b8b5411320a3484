package org.exitwork.platform;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * What Tomcat answers itself, for a request it refuses before any filter or page sees it (an encoded slash,
 * backslash or NUL in the path, a request line it cannot read): the page of every other error, in the page's
 * language and with the page headers, or under {@code /api/} a problem (RFC 9457) as the partner API answers.
 * Tomcat's own report page named the server, had no security headers and spoke English only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ContainerErrorPage {

    /**
     * After Spring Boot's own customizer, which puts Tomcat's report valve on the host: that one is replaced,
     * and the host told our class, so that it does not add its own beside it.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> containerErrors(PublicAddress address,
            ObjectProvider<MessageSource> messages, ObjectProvider<LocaleResolver> languages) {
        return new Customizer(new Report(address, messages, languages));
    }

    private record Customizer(Report report) implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>,
            Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Host host = (Host) context.getParent();
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(Report.class.getName());
                }
                pipeline.addValve(report);
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Tomcat's report valve with our page in place of its report. */
    static final class Report extends ErrorReportValve {

        private final PublicAddress address;
        private final ObjectProvider<MessageSource> messages;
        private final ObjectProvider<LocaleResolver> languages;

        Report(PublicAddress address, ObjectProvider<MessageSource> messages, ObjectProvider<LocaleResolver> languages) {
            this.address = address;
            this.messages = messages;
            this.languages = languages;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // As Tomcat's: nothing for a success or redirect, an answer already written, or an error already told.
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean writable = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
            if (!writable.get()) {
                return;
            }
            try {
                response.resetBuffer();
                PageHeaders.write(response, address);
                String uri = request.getRequestURI();
                boolean api = uri != null && uri.startsWith("/api/");
                response.setContentType(api ? "application/problem+json" : "text/html");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(api ? new String(RefusedAddress.problem(status), StandardCharsets.UTF_8)
                            : page(status, language(request)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer was committed meanwhile: nothing more to tell
            }
        }

        private Locale language(Request request) {
            try {
                LocaleResolver resolver = languages.getIfAvailable();
                return resolver == null ? TwoLanguages.supported(request.getLocale()) : resolver.resolveLocale(request);
            } catch (RuntimeException unreadable) {
                return Locale.ENGLISH;
            }
        }

        /** The words of {@code error.html}, without its layout (no page of the application has run). */
        String page(int status, Locale locale) {
            MessageSource words = messages.getObject();
            String key = switch (status) {
                case 403, 404, 409, 413, 429 -> "error." + status;
                default -> status < 500 ? "error.400" : "error.500";
            };
            String title = escape(words.getMessage("error.title", null, locale));
            return "<!DOCTYPE html>\n<html lang=\"" + locale.getLanguage() + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
                    + "</title>\n<link rel=\"stylesheet\" href=\"/css/exitwork.css\">\n</head>\n<body>\n"
                    + "<header class=\"top\"><div class=\"bar\"><a class=\"brand\" href=\"/\">Exitwork</a></div></header>\n"
                    + "<main id=\"main\">\n<h1>" + escape(words.getMessage(key, null, locale)) + "</h1>\n"
                    + "<p><a href=\"/\">" + escape(words.getMessage("error.home", null, locale))
                    + "</a></p>\n</main>\n</body>\n</html>\n";
        }

        /** Markup characters only: the page is UTF-8, so 'ü' stays as it is. */
        private static String escape(String text) {
            return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
        }
    }
}
