package org.exitwork.accounts.internal.emergencycontacts;

/** The audit actions of staff emergency contacts: who changed or read them, never a value. */
final class EmergencyContactActions {
    static final String EMERGENCY_CONTACT_ADDED = "EMERGENCY_CONTACT_ADDED";
    static final String EMERGENCY_CONTACT_REMOVED = "EMERGENCY_CONTACT_REMOVED";
    static final String EMERGENCY_CONTACTS_READ = "EMERGENCY_CONTACTS_READ";

    private EmergencyContactActions() {
    }
}
