package io.rocklet.mq.broker;

import io.rocklet.mq.api.FlushPolicy;
import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.client.internal.NamedThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * Makes the file log durable. ASYNC: a {@code rocklet-flush-*} thread forces what was written
 * every interval. SYNC: a send waits until its record is on disk; the first waiter forces for
 * everyone written so far and the others wait for it (group commit), so concurrent sends share one
 * force. The same thread saves the committed offsets and applies retention about once a second.
 */
final class FlushService implements AutoCloseable {
    private static final long STATE_SAVE_MS = 1000;

    private final CommitLog log;
    private final FlushPolicy policy;
    private final long intervalMs;
    private final Runnable saveState;
    private volatile Runnable housekeeping = () -> { };
    private final Thread thread;
    private boolean flushing;
    private volatile boolean running = true;

    FlushService(String brokerName, CommitLog log, FlushPolicy policy, long intervalMs, Runnable saveState) {
        this.log = log;
        this.policy = policy;
        this.intervalMs = intervalMs;
        this.saveState = saveState;
        this.thread = new NamedThreadFactory("flush-" + brokerName).newThread(this::run);
    }

    /** Runs about once a second on the flush thread (retention). */
    void onEachSecond(Runnable task) {
        this.housekeeping = task;
    }

    FlushPolicy policy() {
        return policy;
    }

    void start() {
        thread.start();
    }

    /** SYNC: returns once everything up to {@code end} is on disk. Never call it under the write lock. */
    void awaitFlushed(long end) {
        while (log.flushedOffset() < end) {
            synchronized (this) {
                if (log.flushedOffset() >= end) {
                    return;
                }
                if (flushing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    continue;
                }
                flushing = true;
            }
            try {
                log.flush(); // leads: forces for every waiter
            } finally {
                synchronized (this) {
                    flushing = false;
                    notifyAll();
                }
            }
        }
    }

    private void run() {
        long lastSave = System.nanoTime();
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(intervalMs); // the flush period itself
            } catch (InterruptedException e) {
                break;
            }
            try {
                if (policy == FlushPolicy.ASYNC) {
                    log.flush();
                }
                if (System.nanoTime() - lastSave >= TimeUnit.MILLISECONDS.toNanos(STATE_SAVE_MS)) {
                    saveState.run();
                    housekeeping.run();
                    lastSave = System.nanoTime();
                }
            } catch (RuntimeException e) {
                BrokerLog.LOG.error("flush failed; trying again in {} ms", intervalMs, e);
            }
        }
    }

    /** Stops the thread, then flushes and saves once more. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.flush();
        saveState.run();
    }
}
