package io.rocklet.mq.broker.store;

import java.util.concurrent.atomic.AtomicLong;

/** A broker's byte budget for its store: segments and consume-queue chunks reserve from it. */
public final class MemoryBudget {
    private final long limitBytes;
    private final AtomicLong usedBytes = new AtomicLong();

    public MemoryBudget(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * The default: min(128 MiB, max heap / 2). The JVM's default max direct memory equals its max
     * heap; a JVM started with a lower {@code -XX:MaxDirectMemorySize} should set the budget itself.
     */
    public static long defaultLimit() {
        return Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 2);
    }

    public boolean tryReserve(long bytes) {
        while (true) {
            long used = usedBytes.get();
            if (used + bytes > limitBytes) {
                return false;
            }
            if (usedBytes.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }

    public void release(long bytes) {
        usedBytes.addAndGet(-bytes);
    }

    public long usedBytes() {
        return usedBytes.get();
    }

    public long limitBytes() {
        return limitBytes;
    }
}
