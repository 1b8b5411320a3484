package org.exitwork.quality.internal.checkups;

import java.time.LocalDate;

import org.exitwork.accounts.StaffMember;

/**
 * The well-being check-up of one staff member: when it was last done and when the next is due
 * ({@code null} when no first due date has been set and none was done yet).
 */
public record CheckUp(StaffMember staff, LocalDate lastDone, LocalDate dueOn, boolean overdue) {
}
