package org.exitwork.safety.internal.staffsafety;

/** Audit action names of staff safety (R14). Details carry only codes, dates and counts. */
public final class StaffSafetyActions {

    public static final String APPOINTMENT_PLANNED = "SAFETY_APPOINTMENT_PLANNED";
    public static final String APPOINTMENT_CORRECTED = "SAFETY_APPOINTMENT_CORRECTED";
    public static final String APPOINTMENT_CANCELLED = "SAFETY_APPOINTMENT_CANCELLED";
    static final String ARRIVED = "SAFETY_ARRIVED";
    public static final String LEFT = "SAFETY_LEFT";
    public static final String EXTENDED = "SAFETY_EXTENDED";
    public static final String HELP_REQUESTED = "SAFETY_HELP_REQUESTED";
    static final String ALERT_OPENED = "SAFETY_ALERT_OPENED";
    static final String ALERT_STEP = "SAFETY_ALERT_STEP";
    static final String ALERT_ACKNOWLEDGED = "SAFETY_ALERT_ACKNOWLEDGED";
    static final String ALERT_RESOLVED = "SAFETY_ALERT_RESOLVED";
    static final String PLACE_SHOWN = "SAFETY_PLACE_SHOWN";
    static final String DUTY_SET = "SAFETY_DUTY_SET";
    static final String CONTACT_ADDRESS_SET = "SAFETY_CONTACT_ADDRESS_SET";
    public static final String CLIENT_LINKS_ERASED = "SAFETY_CLIENT_LINKS_ERASED";

    private StaffSafetyActions() {
    }
}
