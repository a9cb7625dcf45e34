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
 * volatile store of {@link #maxOffset()}; readers never read past it.
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

    public long physicalOffset(long offset) {
        return chunk(offset).getLong(at(offset));
    }

    public int size(long offset) {
        return chunk(offset).getInt(at(offset) + 8);
    }

    public long tagHash(long offset) {
        return chunk(offset).getLong(at(offset) + 12);
    }

    /** Returns the chunks' bytes to the budget. */
    public void close() {
        budget.release((long) chunks.length * CHUNK_BYTES);
        chunks = new ByteBuffer[0];
    }

    private ByteBuffer chunk(long offset) {
        return chunks[(int) (offset / CHUNK_ENTRIES)];
    }

    private static int at(long offset) {
        return (int) (offset % CHUNK_ENTRIES) * ENTRY_BYTES;
    }
}
