package io.rocklet.mq.broker.store;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One CommitLog segment with a reference count: the log holds one reference while the segment is
 * in its window, and every reader holds one per pull batch. The memory goes back to the pool (and
 * the budget) when the count reaches zero, so a segment released under a reader is never reused
 * while the reader still copies from it.
 */
public final class Segment implements io.rocklet.mq.client.protocol.ReadLease {
    private final ByteBuffer buffer;
    private final int bytes;
    private final long firstOffset;
    private final SegmentMedium medium;
    private final AtomicInteger refs = new AtomicInteger(1);
    /** Set when the log closes: the medium keeps the segment's data (a file) instead of freeing it. */
    private volatile boolean closing;

    Segment(ByteBuffer buffer, long firstOffset, SegmentMedium medium) {
        this.buffer = buffer;
        this.bytes = buffer.capacity();
        this.firstOffset = firstOffset;
        this.medium = medium;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** The physical offset of this segment's first byte. */
    long firstOffset() {
        return firstOffset;
    }

    /** Takes a reader's reference; false when the segment was already released. */
    boolean tryAcquire() {
        while (true) {
            int n = refs.get();
            if (n == 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    @Override
    public void release() {
        if (refs.decrementAndGet() == 0) {
            if (closing) {
                medium.close(firstOffset, buffer);
            } else {
                medium.free(firstOffset, buffer);
            }
        }
    }

    /** Releases the log's reference as it closes (the data stays in a durable medium). */
    void releaseOnClose() {
        closing = true;
        release();
    }

    int references() {
        return refs.get();
    }
}
