package io.rocklet.mq.broker.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One queue's index into the CommitLog: 20-byte entries {@code (physicalOffset:8, size:4,
 * tagHash:8)}, one per queue offset, in heap chunks reserved from the {@link MemoryBudget}.
 *
 * <pre>
 *  0               8       12              20
 *  +---------------+-------+---------------+
 *  | physical off. | size  | tag hash      |
 *  +---------------+-------+---------------+
 * </pre>
 * Publish rule: the writer (under the broker's lock) writes the record, then the entry, then a
 * volatile store of {@link #maxOffset()}; readers never read past it. {@link #trimTo} moves
 * {@link #minOffset()} up when the CommitLog releases a segment; entries below it read as absent
 * (physical offset -1) once their chunk is gone.
 */
public final class ConsumeQueue {
    public static final int ENTRY_BYTES = 20;
    static final int CHUNK_ENTRIES = 1024;
    private static final int CHUNK_BYTES = CHUNK_ENTRIES * ENTRY_BYTES;

    private final MemoryBudget budget;
    private volatile ByteBuffer[] chunks = new ByteBuffer[0];
    private final AtomicLong maxOffset = new AtomicLong();
    private volatile long minOffset;

    public ConsumeQueue(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Makes room for {@code count} more entries; false when the budget is spent. Under the write lock. */
    public boolean ensureCapacity(int count) {
        long needed = maxOffset.get() + count;
        ByteBuffer[] c = chunks;
        while ((long) c.length * CHUNK_ENTRIES < needed) {
            if (!budget.tryReserve(CHUNK_BYTES)) {
                return false;
            }
            c = Arrays.copyOf(c, c.length + 1);
            c[c.length - 1] = ByteBuffer.allocate(CHUNK_BYTES);
            chunks = c;
        }
        return true;
    }

    /** Writes the entry for queue offset {@code offset} (not yet visible). Under the write lock. */
    public void put(long offset, long physicalOffset, int size, long tagHash) {
        ByteBuffer chunk = chunks[(int) (offset / CHUNK_ENTRIES)];
        int at = (int) (offset % CHUNK_ENTRIES) * ENTRY_BYTES;
        chunk.putLong(at, physicalOffset);
        chunk.putInt(at + 8, size);
        chunk.putLong(at + 12, tagHash);
    }

    /**
     * Makes entries below {@code newMax} visible. A volatile store, not only a release: the
     * appender then reads whether pulls are parked on this queue, and a parked pull writes its
     * registration then reads this offset — the store-load order must hold on both sides.
     */
    public void publish(long newMax) {
        maxOffset.set(newMax);
    }

    /** One past the last visible entry. */
    public long maxOffset() {
        return maxOffset.get();
    }

    public long minOffset() {
        return minOffset;
    }

    /** The next offset to write: the same as {@link #maxOffset()} for the writer under the lock. */
    public long writeOffset() {
        return maxOffset.get();
    }

    /** The entry's physical offset, or -1 when the entry was trimmed away. */
    public long physicalOffset(long offset) {
        ByteBuffer chunk = chunk(offset);
        return chunk == null ? -1 : chunk.getLong(at(offset));
    }

    /** The entry's record size, or 0 when the entry was trimmed away. */
    public int size(long offset) {
        ByteBuffer chunk = chunk(offset);
        return chunk == null ? 0 : chunk.getInt(at(offset) + 8);
    }

    public long tagHash(long offset) {
        ByteBuffer chunk = chunk(offset);
        return chunk == null ? 0 : chunk.getLong(at(offset) + 12);
    }

    /**
     * The first offset at or after {@link #minOffset()} whose record starts at or beyond
     * {@code physicalOffset} (entries are in physical order); {@link #maxOffset()} when none. Under
     * the write lock.
     */
    public long firstOffsetFrom(long physicalOffset) {
        long low = minOffset;
        long high = maxOffset.get();
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (physicalOffset(mid) < physicalOffset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Forgets entries below {@code newMin}: the minimum moves first, then whole chunks below it go
     * back to the budget (a reader that still has the old array reads the old chunk safely). Under
     * the write lock.
     */
    public void trimTo(long newMin) {
        if (newMin <= minOffset) {
            return;
        }
        minOffset = newMin;
        ByteBuffer[] c = chunks.clone();
        long freed = 0;
        for (int i = 0; (long) (i + 1) * CHUNK_ENTRIES <= newMin && i < c.length; i++) {
            if (c[i] != null) {
                c[i] = null;
                freed += CHUNK_BYTES;
            }
        }
        chunks = c;
        budget.release(freed);
    }

    /**
     * Recovery: an empty queue whose first entry is {@code offset} (earlier ones were deleted
     * with their segments).
     */
    public void startAt(long offset) {
        if (maxOffset.get() != 0 || offset <= 0) {
            return;
        }
        chunks = new ByteBuffer[(int) (offset / CHUNK_ENTRIES)];
        minOffset = offset;
        maxOffset.set(offset);
    }

    /** Returns the chunks' bytes to the budget. */
    public void close() {
        long held = 0;
        for (ByteBuffer chunk : chunks) {
            held += chunk == null ? 0 : CHUNK_BYTES;
        }
        chunks = new ByteBuffer[0];
        budget.release(held);
    }

    private ByteBuffer chunk(long offset) {
        ByteBuffer[] c = chunks;
        int index = (int) (offset / CHUNK_ENTRIES);
        return index < c.length ? c[index] : null;
    }

    private static int at(long offset) {
        return (int) (offset % CHUNK_ENTRIES) * ENTRY_BYTES;
    }
}
