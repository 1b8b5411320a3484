package org.exitwork.cases.internal.casefile;

import java.util.Optional;
import java.util.UUID;

import org.exitwork.cases.PhenomenonArea;
import org.exitwork.cases.internal.access.Stage;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the case list is narrowed to, as the filter form and the page links carry it: a stage, a
 * phenomenon area, only the cases the reader carries in a tandem, only those with overdue next steps;
 * and where the page starts ({@code after} one case, or ends {@code before} one). Every part is
 * optional; {@code null} means "any".
 */
public record CaseFilter(Stage stage, PhenomenonArea area, Boolean mine, Boolean overdue, UUID after, UUID before) {

    public static CaseFilter none() {
        return new CaseFilter(null, null, null, null, null, null);
    }

    public boolean mineOnly() {
        return Boolean.TRUE.equals(mine);
    }

    public boolean overdueOnly() {
        return Boolean.TRUE.equals(overdue);
    }

    /** The same filter from the first page on. */
    public CaseFilter firstPage() {
        return new CaseFilter(stage, area, mine, overdue, null, null);
    }

    /** The address of the page beside this one ({@code after} or {@code before} the cursor), naming only the filters set. */
    public String pageLink(String side, UUID cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/cases")
                .queryParamIfPresent("stage", Optional.ofNullable(stage))
                .queryParamIfPresent("area", Optional.ofNullable(area));
        if (mineOnly()) {
            link.queryParam("mine", true);
        }
        if (overdueOnly()) {
            link.queryParam("overdue", true);
        }
        return link.queryParam("after".equals(side) ? "after" : "before", cursor).build().toUriString();
    }

    public boolean narrowed() {
        return stage != null || area != null || mineOnly() || overdueOnly();
    }
}
