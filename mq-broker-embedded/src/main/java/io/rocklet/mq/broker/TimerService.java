package io.rocklet.mq.broker;

import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages that wait for their time (retries; delayed messages later): each is stored once in
 * {@link SystemTopics#SCHEDULE} with its real topic and queue in its properties, and a timer
 * thread parks until the earliest deadline, then re-appends due messages to their real queue. A
 * re-append that fails (store full) is tried again shortly; nothing due is dropped.
 *
 * <p>The schedule topic is held by the store's release rule from the lowest offset still
 * pending, so a waiting message is never released.
 */
final class TimerService implements AutoCloseable {
    /** Due messages delivered per wake-up before the queue is looked at again. */
    private static final int SLICE = 256;
    private static final long REDELIVER_AFTER_FAILURE_MS = 100;

    private record Entry(long dueMs, long queueOffset) {
    }

    private final BrokerService broker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> byDue = new PriorityQueue<>(
            Comparator.comparingLong(Entry::dueMs).thenComparingLong(Entry::queueOffset));
    private final TreeSet<Long> pending = new TreeSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    TimerService(String brokerName, BrokerService broker) {
        this.broker = broker;
        this.thread = new NamedThreadFactory("timer-" + brokerName).newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Stores {@code record} (addressed to {@link SystemTopics#SCHEDULE}, its real topic and queue
     * in {@code REAL_TOPIC} / {@code REAL_QID}) and delivers it at {@code dueMs}.
     */
    SendResponse schedule(ByteBuffer record, long tagHash, long dueMs) {
        SendResponse response = broker.appendOwn(SystemTopics.SCHEDULE, 0, record, tagHash);
        if (response.status == SendStatus.OK) {
            lock.lock();
            try {
                pending.add(response.queueOffset);
                byDue.add(new Entry(dueMs, response.queueOffset));
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
        return response;
    }

    /** The lowest schedule-topic offset still waiting, or {@code Long.MAX_VALUE}. */
    long lowestPending() {
        lock.lock();
        try {
            return pending.isEmpty() ? Long.MAX_VALUE : pending.first();
        } finally {
            lock.unlock();
        }
    }

    int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            List<Entry> due;
            try {
                due = awaitDue();
            } catch (InterruptedException e) {
                return;
            }
            for (Entry entry : due) {
                deliver(entry);
            }
        }
    }

    private List<Entry> awaitDue() throws InterruptedException {
        lock.lock();
        try {
            while (running) {
                Entry head = byDue.peek();
                long now = System.currentTimeMillis();
                if (head == null) {
                    changed.await();
                } else if (head.dueMs() > now) {
                    changed.await(head.dueMs() - now, TimeUnit.MILLISECONDS);
                } else {
                    List<Entry> due = new ArrayList<>();
                    while (due.size() < SLICE && byDue.peek() != null && byDue.peek().dueMs() <= now) {
                        due.add(byDue.poll());
                    }
                    return due;
                }
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private void deliver(Entry entry) {
        try {
            ByteBuffer parked = broker.copyRecord(SystemTopics.SCHEDULE, 0, entry.queueOffset());
            if (parked == null) {
                BrokerLog.LOG.error("scheduled message at {} offset {} is gone; it cannot be delivered",
                        SystemTopics.SCHEDULE, entry.queueOffset());
                done(entry);
                return;
            }
            Map<String, String> properties = RecordRewriter.properties(parked, 0);
            String topic = properties.remove(PropertyNames.REAL_TOPIC);
            int queueId = Integer.parseInt(properties.remove(PropertyNames.REAL_QID));
            properties.remove(PropertyNames.TIMER_DELIVER_MS);
            ByteBuffer record = RecordRewriter.rewrite(parked, 0, topic, queueId, RecordRewriter.reconsumeTimes(parked, 0),
                    properties, System.currentTimeMillis(), broker.storeHost());
            SendResponse response = broker.appendOwn(topic, queueId, record, RecordEncoder.tagHash(properties.get(PropertyNames.TAGS)));
            if (response.status == SendStatus.OK) {
                done(entry);
            } else {
                retryLater(entry, response.remark);
            }
        } catch (RuntimeException e) {
            retryLater(entry, e.toString());
        }
    }

    private void done(Entry entry) {
        lock.lock();
        try {
            pending.remove(entry.queueOffset());
        } finally {
            lock.unlock();
        }
    }

    private void retryLater(Entry entry, String why) {
        BrokerLog.LOG.warn("delivering scheduled message {} failed ({}); trying again in {} ms",
                entry.queueOffset(), why, REDELIVER_AFTER_FAILURE_MS);
        lock.lock();
        try {
            byDue.add(new Entry(System.currentTimeMillis() + REDELIVER_AFTER_FAILURE_MS, entry.queueOffset()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
