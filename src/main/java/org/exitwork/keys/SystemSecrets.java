package org.exitwork.keys;

/** Encryption for secrets that belong to no client, such as a staff member's second-factor seed. */
public interface SystemSecrets {

    FieldCipher cipher();

    /** The system's MAC key, created on first use and wrapped by the master key like the cipher's. */
    SystemMac mac();
}
