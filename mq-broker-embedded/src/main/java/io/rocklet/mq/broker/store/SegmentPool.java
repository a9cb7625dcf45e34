package io.rocklet.mq.broker.store;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide free list of direct segments, by size, so brokers started one after another (as in
 * tests) reuse memory instead of leaving it to the GC. Keeps at most {@link #MAX_FREE} per size.
 */
final class SegmentPool {
    static final int MAX_FREE = 32;
    private static final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<ByteBuffer>> FREE = new ConcurrentHashMap<>();
    private static final AtomicInteger FREE_COUNT = new AtomicInteger();

    private SegmentPool() {
    }

    /** A segment of {@code size} bytes, its contents undefined, position 0. Null when the JVM has no room. */
    static ByteBuffer acquire(int size) {
        ByteBuffer segment = FREE.computeIfAbsent(size, s -> new ConcurrentLinkedQueue<>()).poll();
        if (segment != null) {
            FREE_COUNT.decrementAndGet();
            return segment.clear();
        }
        try {
            return ByteBuffer.allocateDirect(size);
        } catch (OutOfMemoryError e) {
            return null; // back-pressure, not an error: the caller reports the store full
        }
    }

    static void release(ByteBuffer segment) {
        if (FREE_COUNT.incrementAndGet() <= MAX_FREE) {
            FREE.computeIfAbsent(segment.capacity(), s -> new ConcurrentLinkedQueue<>()).offer(segment);
        } else {
            FREE_COUNT.decrementAndGet();
        }
    }
}
