package org.exitwork.platform;

/**
 * A module's share of the demo installation ({@code java -jar exitwork.jar demo-data}): believable,
 * fictitious data for the module's own features, made through the module's own services as its users
 * would make it. Implementations live in each module's {@code internal} and are beans only under the
 * profile {@link #PROFILE}, which only the demo-data command activates: no other code path of the
 * application can create demo data.
 */
public interface DemoContent {

    /** The Spring profile under which demo contributors exist; set by the demo-data command alone. */
    String PROFILE = "demo-data";

    /** When this module fills its part: later modules use what earlier ones made (staff, partners, clients). */
    int order();

    void fill(DemoContext demo);
}
