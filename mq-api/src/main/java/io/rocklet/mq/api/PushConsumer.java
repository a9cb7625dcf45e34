package io.rocklet.mq.api;

import java.util.Set;

/**
 * A started push consumer: it fetches messages of its subscriptions into a buffer per queue and
 * runs the listener on its pool. Thread-safe. {@link #close()} stops fetching, waits for running
 * listeners (bounded), commits offsets and leaves the group; it is idempotent.
 *
 * <p>Threads: {@code rocklet-consume-*} (the pool, {@code consumeThreads} of them) and one
 * {@code rocklet-consumer-scheduler-*} for rebalance and offset commits.
 */
public interface PushConsumer extends AutoCloseable {
    String group();

    /** This member's unique id within its group. */
    String clientId();

    /** The queues this member consumes now (its group's retry queue included in clustering). */
    Set<MessageQueue> assignment();

    /** What this member's listener calls did since it started. */
    ConsumerMetrics metrics();

    @Override
    void close();
}
