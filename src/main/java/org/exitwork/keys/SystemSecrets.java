package org.exitwork.keys;

/** Encryption for secrets that belong to no client, such as a staff member's second-factor seed. */
public interface SystemSecrets {

    FieldCipher cipher();
}
