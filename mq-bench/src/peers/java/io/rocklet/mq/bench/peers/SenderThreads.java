package io.rocklet.mq.bench.peers;

import io.rocklet.mq.bench.peers.PeerBroker.Sender;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * N threads, each with its own sender, send as fast as the sender returns: first a warm-up, then a
 * measured window. A send that throws is counted as failed (the first cause goes to stderr) and the
 * thread goes on.
 */
final class SenderThreads {
    /** Sends that returned normally in the measured window and in all, and sends that threw. */
    record Counts(long measured, long total, long failed) {
    }

    private SenderThreads() {
    }

    /** {@code allocation} is started at the end of the warm-up and stopped at the end, on the calling thread. */
    static Counts run(int threads, long warmupNanos, long measureNanos, Callable<Sender> senders,
                      Supplier<byte[]> bodies, ClientAllocation allocation) throws Exception {
        AtomicLong measured = new AtomicLong();
        AtomicLong total = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> setup = new AtomicReference<>();
        // Senders live on until the allocation is sampled: a thread that ended has no count.
        CountDownLatch sampled = new CountDownLatch(1);
        long warmupEnd = System.nanoTime() + warmupNanos;
        long end = warmupEnd + measureNanos;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try (Sender sender = senders.call()) {
                    byte[] body = bodies.get();
                    long n = 0;
                    long all = 0;
                    long errors = 0;
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        try {
                            sender.send(body);
                            all++;
                            if (now >= warmupEnd) {
                                n++;
                            }
                        } catch (Exception e) {
                            if (errors++ == 0) {
                                System.err.println("peers: send failed: " + e);
                            }
                        }
                    }
                    sampled.await();
                    measured.addAndGet(n);
                    total.addAndGet(all);
                    failed.addAndGet(errors);
                } catch (Exception e) {
                    setup.compareAndSet(null, e);
                }
            }, "peers-sender-" + t);
            workers[t].start();
        }
        sleepUntil(warmupEnd);
        allocation.start();
        sleepUntil(end);
        // The senders are in their last send: sampled before they end and their counts go.
        allocation.stop();
        sampled.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (setup.get() != null) {
            throw setup.get();
        }
        return new Counts(measured.get(), total.get(), failed.get());
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
