package io.rocklet.mq.bench.peers;

import io.rocklet.mq.bench.peers.PeerBroker.Sender;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps at most {@code size} asynchronous sends in flight and counts how they end. The sending
 * thread calls {@link #send}; the outcomes arrive on the peer's client threads.
 */
final class AsyncWindow implements PeerBroker.SendOutcome {
    /** How long a send may wait for a free slot before the run is declared stuck. */
    private static final long STUCK_SECONDS = 10;

    private final int size;
    private final Semaphore slots;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    AsyncWindow(int size) {
        this.size = size;
        this.slots = new Semaphore(size);
    }

    int size() {
        return size;
    }

    /** Waits for a free slot, then sends; a send that throws at once counts as failed. */
    void send(Sender sender, byte[] body) throws InterruptedException {
        if (!slots.tryAcquire(STUCK_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no send confirmed within " + STUCK_SECONDS + " s, window " + size);
        }
        try {
            sender.send(body);
        } catch (Exception e) {
            onFailed(e);
        }
    }

    long stored() {
        return stored.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void onStored() {
        stored.incrementAndGet();
        slots.release();
    }

    @Override
    public void onFailed(Throwable cause) {
        failed.incrementAndGet();
        slots.release();
    }
}
