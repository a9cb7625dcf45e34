package io.rocklet.mq.client;

import java.util.concurrent.atomic.LongAdder;

/** What a push consumer's listener calls did: messages consumed, failed, timed out, dropped, time spent. */
final class ConsumerStats {
    private final LongAdder consumed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder consumeNanos = new LongAdder();

    void consumed(int messages, long nanos) {
        consumed.add(messages);
        consumeNanos.add(nanos);
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

    long consumed() {
        return consumed.sum();
    }

    long failed() {
        return failed.sum();
    }

    long timedOut() {
        return timedOut.sum();
    }

    long dropped() {
        return dropped.sum();
    }
}
