package org.exitwork.keys;

/** Replaces the master key and re-wraps every data key under the new one. */
public interface KeyRotation {

    record Result(int clientKeys, int systemKeys, String newMasterKeyId) {
    }

    Result rotateMasterKey();
}
