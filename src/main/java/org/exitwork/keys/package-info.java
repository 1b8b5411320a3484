/**
 * Keys: the master key, one data key per client, field encryption bound to its place, crypto-shredding
 * and key rotation. Raw key bytes never leave this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Keys",
        allowedDependencies = {})
package org.exitwork.keys;
