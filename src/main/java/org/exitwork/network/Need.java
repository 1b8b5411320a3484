package org.exitwork.network;

/**
 * The practical needs a partner can offer a service for, and a client can be helped with by a service
 * request (R11). Described, never ranked: the words come from {@code network.need.<NAME>}.
 */
public enum Need {
    HOUSING, WORK, EDUCATION, HEALTH, MENTAL_HEALTH, DEBT, FAMILY, OTHER
}
