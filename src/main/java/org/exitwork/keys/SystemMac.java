package org.exitwork.keys;

/**
 * A message authentication code under a system key (Tink HMAC-SHA256), for values the server hands
 * out and must recognise again unchanged, such as a phone's check-in. The key never leaves this module.
 */
public interface SystemMac {

    /** @return the tag of {@code data} */
    byte[] tag(byte[] data);

    /** @return whether {@code tag} is this key's tag of {@code data} (compared in constant time by Tink) */
    boolean verifies(byte[] tag, byte[] data);
}
