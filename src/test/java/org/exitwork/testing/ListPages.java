package org.exitwork.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.exitwork.accounts.StaffPrincipal;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exitwork.testing.Fixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** What the tests of the paged lists read off a page: its rows and the links to the pages beside it (fragment {@code pages}). */
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

    /** The page as {@code who} sees it; fails unless it answers 200. */
    public static String page(MockMvc mvc, String url, StaffPrincipal who) throws Exception {
        var response = mvc.perform(get(url).with(as(who))).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    /** The first group of every match of {@code row}: the rows' ids, in the page's order. */
    public static List<String> ids(Pattern row, String html) {
        List<String> found = new ArrayList<>();
        Matcher m = row.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
