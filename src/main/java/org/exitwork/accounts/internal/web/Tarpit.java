package org.exitwork.accounts.internal.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many refused requests are held back right now, per client address and in all: holding costs a
 * connection but no thread (the answer is written later, asynchronously), and these caps keep a flood
 * from many addresses from holding every connection. Beyond them, the refusal is answered at once.
 */
final class Tarpit {

    static final int PER_ADDRESS = 50;
    static final int IN_ALL = 1_000;

    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

    boolean enter(String address) {
        if (all.incrementAndGet() > IN_ALL) {
            all.decrementAndGet();
            return false;
        }
        AtomicInteger mine = held.computeIfAbsent(address, a -> new AtomicInteger());
        if (mine.incrementAndGet() > PER_ADDRESS) {
            mine.decrementAndGet();
            all.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave(String address) {
        all.decrementAndGet();
        held.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
