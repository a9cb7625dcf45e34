package io.rocklet.mq.client.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * A count and its rate over the last {@link #WINDOW} ticks. Writers {@link #add}; one thread
 * calls {@link #tick()} once a second.
 */
public final class RateMeter {
    public static final int WINDOW = 10;

    private final LongAdder count = new LongAdder();
    private final long[] perTick = new long[WINDOW];
    private long lastTotal;
    private int next;
    private int filled;
    private volatile double rate;

    public void add(long n) {
        count.add(n);
    }

    public long count() {
        return count.sum();
    }

    /** Closes one second. */
    public synchronized void tick() {
        long total = count.sum();
        perTick[next] = total - lastTotal;
        lastTotal = total;
        next = (next + 1) % WINDOW;
        filled = Math.min(filled + 1, WINDOW);
        long sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += perTick[i];
        }
        rate = (double) sum / filled;
    }

    /** Per second, averaged over the ticks so far (up to the window); 0 before the first tick. */
    public double rate() {
        return rate;
    }
}
