package io.rocklet.mq.client.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations in microseconds, in log-linear buckets of four per power of two (so a percentile is
 * within 13 % of the truth), lock-free. Enough for a consumer's listener times without pulling a
 * histogram library into the client.
 */
public final class LatencyHistogram {
    private static final int SUB_BUCKETS = 4;
    private static final int BUCKETS = SUB_BUCKETS + 62 * SUB_BUCKETS;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void recordNanos(long nanos) {
        counts.incrementAndGet(bucket(Math.max(0, nanos / 1_000)));
    }

    /** The upper bound of the bucket holding the {@code percentile}th value, 0 when empty. */
    public long percentileMicros(double percentile) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * percentile / 100.0);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    static int bucket(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (exponent - 2)) & (SUB_BUCKETS - 1);
        return SUB_BUCKETS + (exponent - 2) * SUB_BUCKETS + sub;
    }

    static long upperBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = (bucket - SUB_BUCKETS) / SUB_BUCKETS + 2;
        int sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (exponent - 2)) - 1;
    }
}
