package io.rocklet.mq.client;

import io.rocklet.mq.client.internal.NamedThreadFactory;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The push consumer's threads and their hand-off. A process queue with work (messages to claim, or
 * a fetch to make) is put on the ready queue once; an idle worker is unparked for it. A worker
 * that finds nothing marks itself idle, re-checks the ready queue, then parks: so an arrival costs
 * at most one wake-up, and an idle pool uses no CPU.
 *
 * <p>With a spin time (the spin-then-park idle strategy), one idle worker at a time spins that
 * long on the ready queue before parking: an arrival then costs no wake-up at all while it spins,
 * at the price of one busy core during the spin.
 *
 * <p>Waking is bounded by the CPUs: a worker is woken only while fewer workers are awake than
 * there are processors plus workers inside a listener. Fast listeners so run on about one thread
 * per core with large batches instead of many threads taking turns; listeners that block
 * (I/O) count as away and let more workers wake, up to the pool size.
 */
final class ConsumePool {
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Thread[] threads;
    private final ConcurrentLinkedQueue<ProcessQueue> ready = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> idle = new ConcurrentLinkedDeque<>();
    private final Consumer<ProcessQueue> work;
    private final long spinNanos;
    private final AtomicBoolean spinning = new AtomicBoolean();
    private final int processors = Runtime.getRuntime().availableProcessors();
    private final AtomicInteger awake;
    private final AtomicInteger inListener = new AtomicInteger();
    private volatile boolean running = true;

    ConsumePool(String name, int size, long spinNanos, Consumer<ProcessQueue> work) {
        this.work = work;
        this.spinNanos = spinNanos;
        NamedThreadFactory factory = new NamedThreadFactory("consume-" + name);
        this.threads = new Thread[size];
        this.awake = new AtomicInteger(size);
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
            if (!spinning.get()) { // else the spinner takes it; it re-checks the ready queue before it parks
                wakeOne();
            }
        }
    }

    /** Brackets a listener call: a worker inside one may be blocked, so it does not count as awake. */
    void enterListener() {
        inListener.incrementAndGet();
    }

    void exitListener() {
        inListener.decrementAndGet();
    }

    /**
     * Wakes an idle worker unless enough are awake; an awake worker re-checks the ready queue after
     * it stops counting itself awake and before it parks, so skipping never strands work.
     */
    private void wakeOne() {
        if (awake.get() >= processors + inListener.get()) {
            return;
        }
        Thread t = idle.poll();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        while (running) {
            ProcessQueue pq = ready.poll();
            if (pq == null && spinNanos > 0 && spinning.compareAndSet(false, true)) {
                pq = spin();
                if (pq != null && !ready.isEmpty()) {
                    wakeOne(); // signals skipped their wake-up while we spun: share what is left
                }
            }
            if (pq == null) {
                idle.push(self);
                awake.decrementAndGet();
                if (ready.isEmpty() && running) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
                awake.incrementAndGet();
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

    /** Polls the ready queue for up to the spin time; the caller holds the spinning flag. */
    private ProcessQueue spin() {
        long deadline = System.nanoTime() + spinNanos;
        try {
            ProcessQueue pq;
            while ((pq = ready.poll()) == null && running && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return pq;
        } finally {
            spinning.set(false);
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
