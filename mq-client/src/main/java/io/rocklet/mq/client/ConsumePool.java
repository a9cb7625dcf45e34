package io.rocklet.mq.client;

import io.rocklet.mq.client.internal.NamedThreadFactory;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The push consumer's threads and their hand-off. A process queue with work (messages to claim, or
 * a fetch to make) is put on the ready queue once; an idle worker is unparked for it. A worker
 * that finds nothing marks itself idle, re-checks the ready queue, then parks: so an arrival costs
 * at most one wake-up, and an idle pool uses no CPU.
 */
final class ConsumePool {
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Thread[] threads;
    private final ConcurrentLinkedQueue<ProcessQueue> ready = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> idle = new ConcurrentLinkedDeque<>();
    private final Consumer<ProcessQueue> work;
    private volatile boolean running = true;

    ConsumePool(String name, int size, Consumer<ProcessQueue> work) {
        this.work = work;
        NamedThreadFactory factory = new NamedThreadFactory("consume-" + name);
        this.threads = new Thread[size];
        for (int i = 0; i < size; i++) {
            threads[i] = factory.newThread(this::run);
        }
    }

    void start() {
        for (Thread t : threads) {
            t.start();
        }
    }

    /** Puts {@code pq} on the ready queue (once) and wakes one idle worker. Any thread; never blocks. */
    void signal(ProcessQueue pq) {
        if (pq.queued.compareAndSet(false, true)) {
            ready.offer(pq);
            Thread t = idle.poll();
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        while (running) {
            ProcessQueue pq = ready.poll();
            if (pq == null) {
                idle.push(self);
                if (ready.isEmpty() && running) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                idle.remove(self);
                continue;
            }
            pq.queued.set(false);
            try {
                work.accept(pq);
            } catch (Throwable t) {
                ClientLog.LOG.error("consume worker failed on {}; it goes on", pq.queue, t);
            }
        }
    }

    /** Stops taking work and waits up to {@code timeoutNanos} for running work to finish. */
    boolean stop(long timeoutNanos) {
        running = false;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        boolean all = true;
        for (Thread t : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all &= !t.isAlive();
        }
        if (!all) {
            for (Thread t : threads) {
                t.interrupt();
            }
        }
        return all;
    }
}
