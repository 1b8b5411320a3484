package org.exitwork.cases;

import java.util.List;

/**
 * One section of the client's record (R19), for the printed report and the machine-readable export.
 *
 * @param key   a stable machine name for the export ("sessions", "consents-to-share")
 * @param title the heading in the client's language
 * @param items what is recorded, one label and value each (dates as ISO-8601)
 */
@org.springframework.modulith.NamedInterface("client-record")
public record ClientRecordSection(String key, String title, List<Item> items) {

    public ClientRecordSection {
        items = List.copyOf(items);
    }

    public record Item(String label, String value) {
    }
}
