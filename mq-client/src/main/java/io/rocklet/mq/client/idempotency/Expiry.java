package io.rocklet.mq.client.idempotency;

import java.time.Duration;

/** Expiry times in epoch millis, shared by the stores. */
final class Expiry {
    private Expiry() {
    }

    /** {@code nowMs + duration}, saturating, so a "forever" retention such as 1000 years works. */
    static long at(long nowMs, Duration duration) {
        try {
            return Math.addExact(nowMs, duration.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
