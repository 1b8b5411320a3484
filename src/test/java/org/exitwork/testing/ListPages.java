package org.exitwork.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tests of the paged lists read off a page: the links to the pages beside it (fragment {@code pages}). */
public final class ListPages {

    public static final Pattern NEXT = Pattern.compile("<a rel=\"next\"\\s+href=\"([^\"]+)\"");
    public static final Pattern PREVIOUS = Pattern.compile("<a rel=\"prev\"\\s+href=\"([^\"]+)\"");

    private ListPages() {
    }

    /** The address of the link {@code which} ({@link #NEXT} or {@link #PREVIOUS}); fails when the page has none. */
    public static String link(Pattern which, String html) {
        Matcher m = which.matcher(html);
        assertThat(m.find()).as("a link " + which).isTrue();
        return HtmlUtils.htmlUnescape(m.group(1));
    }
}
