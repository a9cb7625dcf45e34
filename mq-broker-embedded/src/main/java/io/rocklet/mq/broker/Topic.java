package io.rocklet.mq.broker;

import io.rocklet.mq.broker.store.ConsumeQueue;
import io.rocklet.mq.broker.store.MemoryBudget;
import io.rocklet.mq.client.internal.RateMeter;
import io.rocklet.mq.client.protocol.ArrivalListener;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A topic's state on this broker: its config and one consume queue (with its waiters) per queue id. */
final class Topic {
    private final String name;
    private volatile TopicConfig config;
    private volatile ConsumeQueue[] queues;
    private volatile Waiters[] waiters;
    private final MemoryBudget budget;
    private final RateMeter produced = new RateMeter();

    Topic(TopicConfig config, MemoryBudget budget) {
        this.name = config.name();
        this.budget = budget;
        this.config = config;
        this.queues = new ConsumeQueue[0];
        this.waiters = new Waiters[0];
        grow(Math.max(config.readQueues(), config.writeQueues()));
    }

    String name() {
        return name;
    }

    TopicConfig config() {
        return config;
    }

    /** Messages stored in this topic, and their rate. */
    RateMeter produced() {
        return produced;
    }

    /** Queues only grow, so offsets already given out stay valid. */
    synchronized void update(TopicConfig newConfig) {
        grow(Math.max(newConfig.readQueues(), newConfig.writeQueues()));
        config = newConfig;
    }

    int queueCount() {
        return queues.length;
    }

    /** The queue, or null when {@code queueId} is out of range. */
    ConsumeQueue queue(int queueId) {
        ConsumeQueue[] q = queues;
        return queueId >= 0 && queueId < q.length ? q[queueId] : null;
    }

    Waiters waiters(int queueId) {
        return waiters[queueId];
    }

    void close() {
        for (ConsumeQueue q : queues) {
            q.close();
        }
    }

    private void grow(int count) {
        ConsumeQueue[] q = queues;
        if (count <= q.length) {
            return;
        }
        Waiters[] w = Arrays.copyOf(waiters, count);
        q = Arrays.copyOf(q, count);
        for (int i = queues.length; i < count; i++) {
            q[i] = new ConsumeQueue(budget);
            w[i] = new Waiters();
        }
        waiters = w;
        queues = q;
    }

    /**
     * Parked pulls of one queue. Appenders check {@link #isEmpty()} (one volatile read) after their
     * lock and wake the waiters only when there are some.
     */
    static final class Waiters {
        private final ConcurrentLinkedQueue<ArrivalListener> listeners = new ConcurrentLinkedQueue<>();
        private volatile boolean any;

        void add(ArrivalListener listener) {
            listeners.add(listener);
            any = true;
        }

        boolean isEmpty() {
            return !any;
        }

        /** Calls and removes every waiter. A listener that throws is dropped; the others still run. */
        void fire() {
            any = false;
            ArrivalListener listener;
            while ((listener = listeners.poll()) != null) {
                try {
                    listener.onArrival();
                } catch (RuntimeException e) {
                    BrokerLog.LOG.warn("arrival listener failed", e);
                }
            }
        }
    }
}
