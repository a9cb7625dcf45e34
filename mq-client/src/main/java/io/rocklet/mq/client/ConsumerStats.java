package io.rocklet.mq.client;

import io.rocklet.mq.api.ConsumerMetrics;
import io.rocklet.mq.client.internal.LatencyHistogram;
import io.rocklet.mq.client.internal.RateMeter;

import java.util.concurrent.atomic.LongAdder;

/** What a push consumer's listener calls did; the consumer's scheduler ticks the rate once a second. */
final class ConsumerStats {
    private final RateMeter consumed = new RateMeter();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LatencyHistogram consumeTimes = new LatencyHistogram();

    /** One listener call of {@code nanos}; {@code consumedMessages} of its messages were consumed. */
    void called(long nanos, int consumedMessages) {
        consumeTimes.recordNanos(nanos);
        consumed.add(consumedMessages);
    }

    void failed(int messages) {
        failed.add(messages);
    }

    void timedOut(int messages) {
        timedOut.add(messages);
    }

    void dropped(int messages) {
        dropped.add(messages);
    }

    void tick() {
        consumed.tick();
    }

    ConsumerMetrics snapshot() {
        return new ConsumerMetrics(consumed.count(), failed.sum(), timedOut.sum(), dropped.sum(), consumed.rate(),
                consumeTimes.percentileMicros(50), consumeTimes.percentileMicros(99));
    }
}
