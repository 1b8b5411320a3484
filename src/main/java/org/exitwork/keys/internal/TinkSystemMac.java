package org.exitwork.keys.internal;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Mac;
import org.exitwork.keys.SystemMac;

/** {@link SystemMac} over a Tink {@link Mac}: Tink's verification compares in constant time. */
record TinkSystemMac(Mac mac) implements SystemMac {

    @Override
    public byte[] tag(byte[] data) {
        try {
            return mac.computeMac(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verifies(byte[] tag, byte[] data) {
        try {
            mac.verifyMac(tag, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
