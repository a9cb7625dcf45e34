package io.rocklet.mq.bench.peers;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Reads a broker-side count until it stops moving: one-way sends are still in sockets and queues
 * when the senders stop, and a broker indexes what it stored asynchronously.
 */
final class StableCount {
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private StableCount() {
    }

    static long await(LongSupplier count) {
        long start = System.nanoTime();
        long last = count.getAsLong();
        long lastChange = start;
        while (System.nanoTime() - lastChange < QUIET_NANOS && System.nanoTime() - start < LIMIT_NANOS) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return last;
    }
}
