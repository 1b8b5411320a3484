package org.exitwork.cases;

import java.time.LocalDate;

/** What identifies a person. Lives only in the identity vault, encrypted, readable by the tandem. */
public record ClientIdentity(String fullName, LocalDate dateOfBirth, String contact, String aliases) {
}
