package io.rocklet.mq.broker;

import io.rocklet.mq.api.internal.PropertyNames;
import io.rocklet.mq.api.internal.SystemTopics;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.codec.RecordRewriter;
import io.rocklet.mq.client.internal.NamedThreadFactory;
import io.rocklet.mq.client.protocol.SendResponse;
import io.rocklet.mq.client.protocol.SendStatus;

import java.nio.ByteBuffer;
import java.util.Map;
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
    /** Durable stores journal each delivered schedule-topic offset here. */
    static final String DONE_JOURNAL = "rmq_sys_rocklet_timer_done";

    private final BrokerService broker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final DeadlineHeap byDue = new DeadlineHeap();
    private final PendingOffsets pending = new PendingOffsets();
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
                boolean earliest = byDue.isEmpty() || dueMs < byDue.peekDue();
                byDue.add(dueMs, response.queueOffset);
                if (earliest) {
                    changed.signal();
                }
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
            return pending.lowest();
        } finally {
            lock.unlock();
        }
    }

    int pendingCount() {
        lock.lock();
        try {
            return pending.count();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long[] due = new long[SLICE];
        while (running) {
            int count;
            try {
                count = awaitDue(due);
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < count; i++) {
                deliver(due[i]);
            }
        }
    }

    /** Waits until something is due, then takes up to a slice of due offsets into {@code out}. */
    private int awaitDue(long[] out) throws InterruptedException {
        lock.lock();
        try {
            while (running) {
                long now = System.currentTimeMillis();
                if (byDue.isEmpty()) {
                    changed.await();
                } else if (byDue.peekDue() > now) {
                    changed.await(byDue.peekDue() - now, TimeUnit.MILLISECONDS);
                } else {
                    int count = 0;
                    while (count < out.length && !byDue.isEmpty() && byDue.peekDue() <= now) {
                        out[count++] = byDue.pollOffset();
                    }
                    return count;
                }
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(long offset) {
        try {
            ByteBuffer parked = broker.copyRecord(SystemTopics.SCHEDULE, 0, offset);
            if (parked == null) {
                BrokerLog.LOG.error("scheduled message at {} offset {} is gone; it cannot be delivered",
                        SystemTopics.SCHEDULE, offset);
                done(offset);
                return;
            }
            Map<String, String> properties = RecordRewriter.properties(parked, 0);
            String topic = properties.remove(PropertyNames.REAL_TOPIC);
            int queueId = Integer.parseInt(properties.remove(PropertyNames.REAL_QID));
            // TIMER_DELIVER_MS stays: consumers read the intended delivery time from it.
            ByteBuffer record = RecordRewriter.rewrite(parked, 0, topic, queueId, RecordRewriter.reconsumeTimes(parked, 0),
                    properties, System.currentTimeMillis(), broker.storeHost());
            SendResponse response = broker.appendOwn(topic, queueId, record, RecordEncoder.tagHash(properties.get(PropertyNames.TAGS)));
            if (response.status == SendStatus.OK) {
                done(offset);
            } else {
                retryLater(offset, response.remark);
            }
        } catch (RuntimeException e) {
            retryLater(offset, e.toString());
        }
    }

    /** After recovery: every parked message not journaled as delivered waits again for its time. */
    void restore() {
        java.util.Set<Long> done = broker.journaled(DONE_JOURNAL);
        int[] restored = {0};
        broker.forEachRecord(SystemTopics.SCHEDULE, (record, offset) -> {
            if (done.contains(offset)) {
                return;
            }
            String due = RecordRewriter.properties(record, 0).get(PropertyNames.TIMER_DELIVER_MS);
            lock.lock();
            try {
                pending.add(offset);
                byDue.add(due == null ? 0 : Long.parseLong(due), offset);
            } finally {
                lock.unlock();
            }
            restored[0]++;
        });
        if (restored[0] > 0) {
            BrokerLog.LOG.info("{} delayed messages wait again for their time", restored[0]);
        }
    }

    private void done(long offset) {
        broker.journal(DONE_JOURNAL, offset);
        lock.lock();
        try {
            pending.remove(offset);
        } finally {
            lock.unlock();
        }
    }

    private void retryLater(long offset, String why) {
        BrokerLog.LOG.warn("delivering scheduled message {} failed ({}); trying again in {} ms",
                offset, why, REDELIVER_AFTER_FAILURE_MS);
        lock.lock();
        try {
            byDue.add(System.currentTimeMillis() + REDELIVER_AFTER_FAILURE_MS, offset);
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
