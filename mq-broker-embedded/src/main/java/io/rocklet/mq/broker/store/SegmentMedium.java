package io.rocklet.mq.broker.store;

import java.nio.ByteBuffer;

/** Where CommitLog segments live: pooled direct memory, or memory-mapped files. */
public interface SegmentMedium {
    /** A new, zeroed-or-undefined segment for the bytes starting at {@code firstOffset}; null when there is no room. */
    ByteBuffer create(long firstOffset, int bytes);

    /** Gives a segment back (its last reader is done); a file medium deletes its file. */
    void free(long firstOffset, ByteBuffer segment);

    /** Lets go of a segment when the log closes: a file medium keeps its file; memory is freed. */
    default void close(long firstOffset, ByteBuffer segment) {
        free(firstOffset, segment);
    }

    /** Makes bytes {@code [from, to)} of the segment durable; a no-op in memory. */
    default void force(ByteBuffer segment, int from, int to) {
    }

    /** The log closed: stop any background work. */
    default void shutdown() {
    }

    /** Whether writes outlive the process. */
    default boolean durable() {
        return false;
    }

    /** Direct segments from the JVM-wide pool, within a byte budget. */
    final class Memory implements SegmentMedium {
        private final MemoryBudget budget;

        public Memory(MemoryBudget budget) {
            this.budget = budget;
        }

        @Override
        public ByteBuffer create(long firstOffset, int bytes) {
            if (!budget.tryReserve(bytes)) {
                return null;
            }
            ByteBuffer buffer = SegmentPool.acquire(bytes);
            if (buffer == null) {
                budget.release(bytes);
            }
            return buffer;
        }

        @Override
        public void free(long firstOffset, ByteBuffer segment) {
            SegmentPool.release(segment);
            budget.release(segment.capacity());
        }
    }
}
