/**
 * Shared plumbing every module may use: the clock, language handling, error pages, web defaults.
 * Holds no client data and no business rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform",
        allowedDependencies = {}, type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.exitwork.platform;
