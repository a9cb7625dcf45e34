package io.rocklet.mq.broker.store;

import io.rocklet.mq.client.codec.MessageRecord;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.ObjLongConsumer;

/**
 * The log of stored records, in memory: direct segments of a fixed size from {@link SegmentPool},
 * within a {@link MemoryBudget}. A physical offset is a byte position in the whole log and is never
 * reused; a record never spans segments (a filler closes a segment it does not fit in).
 *
 * <p>Writes ({@link #reserve}, {@link #write}, {@link #retireOldest}) happen under the broker's
 * write lock. Readers {@link #acquire} the segment they read from (a reference, see
 * {@link Segment}) and never block writers; the oldest segment leaves the window when the broker's
 * release rule allows it, and its memory is reused once its last reader is done.
 */
public final class CommitLog {
    private final int segmentBytes;
    private final MemoryBudget budget;
    private volatile Window window = new Window(0, new Segment[0]);
    /** Guarded by the broker's write lock. */
    private long writeOffset;
    private volatile long committedOffset;

    private record Window(long firstIndex, Segment[] segments) {
    }

    public CommitLog(int segmentBytes, MemoryBudget budget) {
        this.segmentBytes = segmentBytes;
        this.budget = budget;
    }

    public int segmentBytes() {
        return segmentBytes;
    }

    /**
     * Reserves {@code size} bytes and returns their physical offset, or -1 when no segment can be
     * had within the budget. Caller holds the write lock.
     */
    public long reserve(int size) {
        if (size > segmentBytes) {
            return -1;
        }
        int inSegment = (int) (writeOffset % segmentBytes);
        if (inSegment > 0 && inSegment + size > segmentBytes) {
            closeSegment(inSegment);
        }
        long index = writeOffset / segmentBytes;
        if (!ensureSegment(index)) {
            return -1;
        }
        long offset = writeOffset;
        writeOffset += size;
        return offset;
    }

    /** Copies {@code src}'s remaining bytes to {@code physicalOffset}. Caller holds the write lock. */
    public void write(long physicalOffset, ByteBuffer src) {
        segmentOf(physicalOffset).put(positionOf(physicalOffset), src, src.position(), src.remaining());
    }

    /** Marks everything written so far as readable (after the consume-queue entries are in). */
    public void publish() {
        committedOffset = writeOffset;
    }

    /**
     * The buffer of the segment holding {@code physicalOffset}; callers index it with
     * {@link #positionOf}. For the writer under the lock, whose segments cannot be retired.
     */
    public ByteBuffer segmentOf(long physicalOffset) {
        Window w = window;
        return w.segments[(int) (physicalOffset / segmentBytes - w.firstIndex)].buffer();
    }

    /**
     * A reader's reference to the segment holding {@code physicalOffset}, or null when that segment
     * has been retired (the offset is gone). The caller releases it when done.
     */
    public Segment acquire(long physicalOffset) {
        Window w = window;
        long index = physicalOffset / segmentBytes - w.firstIndex;
        if (index < 0 || index >= w.segments.length) {
            return null;
        }
        Segment segment = w.segments[(int) index];
        return segment.tryAcquire() ? segment : null;
    }

    /**
     * A heap copy of the record at {@code physicalOffset} (position 0), or null when its segment was
     * released or no record starts there.
     */
    public ByteBuffer copyRecord(long physicalOffset) {
        if (physicalOffset < minOffset() || physicalOffset >= committedOffset) {
            return null;
        }
        Segment segment = acquire(physicalOffset);
        if (segment == null) {
            return null;
        }
        try {
            ByteBuffer buffer = segment.buffer();
            int position = positionOf(physicalOffset);
            if (segmentBytes - position < MessageRecord.OVERHEAD_V4) {
                return null;
            }
            int size = buffer.getInt(position);
            if (buffer.getInt(position + MessageRecord.MAGIC) != MessageRecord.MAGIC_V1
                    || size < MessageRecord.OVERHEAD_V4 || size > segmentBytes - position) {
                return null;
            }
            ByteBuffer copy = ByteBuffer.allocate(size);
            copy.put(0, buffer, position, size);
            return copy;
        } finally {
            segment.release();
        }
    }

    /** Whether {@code physicalOffset} lies in {@code segment} (acquired before). */
    public boolean contains(Segment segment, long physicalOffset) {
        return segment.firstOffset() == physicalOffset - positionOf(physicalOffset);
    }

    /** The end of the oldest segment, when it could be retired (it is not the one being written); else -1. */
    public long oldestSegmentEnd() {
        Window w = window;
        return w.segments.length > 1 ? (w.firstIndex + 1) * segmentBytes : -1;
    }

    /** Drops the oldest segment from the window; its memory is reused after its last reader. Under the write lock. */
    public void retireOldest() {
        Window w = window;
        window = new Window(w.firstIndex + 1, Arrays.copyOfRange(w.segments, 1, w.segments.length));
        w.segments[0].release();
    }

    /** Segments in the window. */
    public int segmentCount() {
        return window.segments.length;
    }

    public int positionOf(long physicalOffset) {
        return (int) (physicalOffset % segmentBytes);
    }

    /** A read-only view of one stored record in {@code segment}, which the caller has acquired. */
    public ByteBuffer slice(Segment segment, long physicalOffset, int size) {
        return segment.buffer().slice(positionOf(physicalOffset), size).asReadOnlyBuffer();
    }

    /** The first physical offset still held. */
    public long minOffset() {
        return window.firstIndex * segmentBytes;
    }

    /** The end of what readers may see. */
    public long maxOffset() {
        return committedOffset;
    }

    /**
     * Visits every readable record, oldest first, with its physical offset; skips fillers. A slice
     * is valid only during its visit. Segments retired meanwhile are skipped.
     */
    public void forEachRecord(ObjLongConsumer<ByteBuffer> visitor) {
        long end = committedOffset;
        long offset = minOffset();
        while (offset < end) {
            Segment segment = acquire(offset);
            if (segment == null) {
                offset = Math.max(offset - positionOf(offset) + segmentBytes, minOffset());
                continue;
            }
            try {
                offset = visitSegment(segment.buffer(), offset, end, visitor);
            } finally {
                segment.release();
            }
        }
    }

    private long visitSegment(ByteBuffer segment, long offset, long end, ObjLongConsumer<ByteBuffer> visitor) {
        long segmentEnd = offset - positionOf(offset) + segmentBytes;
        while (offset < end && offset < segmentEnd) {
            int position = positionOf(offset);
            int remaining = segmentBytes - position;
            if (remaining < MessageRecord.BLANK_HEADER) {
                return offset + remaining;
            }
            int size = segment.getInt(position);
            int magic = segment.getInt(position + MessageRecord.MAGIC);
            if (magic == MessageRecord.BLANK_MAGIC || size <= 0) {
                return offset + remaining;
            }
            visitor.accept(segment.slice(position, size).asReadOnlyBuffer(), offset);
            offset += size;
        }
        return offset;
    }

    /** Retires every segment; each returns to the pool once its last reader is done. */
    public void close() {
        Window w = window;
        window = new Window(w.firstIndex + w.segments.length, new Segment[0]);
        for (Segment segment : w.segments) {
            segment.release();
        }
    }

    private void closeSegment(int inSegment) {
        int remaining = segmentBytes - inSegment;
        if (remaining >= MessageRecord.BLANK_HEADER) {
            ByteBuffer segment = segmentOf(writeOffset);
            segment.putInt(inSegment, remaining);
            segment.putInt(inSegment + MessageRecord.MAGIC, MessageRecord.BLANK_MAGIC);
        }
        writeOffset += remaining;
    }

    private boolean ensureSegment(long index) {
        Window w = window;
        if (index < w.firstIndex + w.segments.length) {
            return true;
        }
        if (!budget.tryReserve(segmentBytes)) {
            return false;
        }
        ByteBuffer buffer = SegmentPool.acquire(segmentBytes);
        if (buffer == null) {
            budget.release(segmentBytes);
            return false;
        }
        Segment[] grown = Arrays.copyOf(w.segments, w.segments.length + 1);
        grown[grown.length - 1] = new Segment(buffer, index * segmentBytes, budget);
        window = new Window(w.segments.length == 0 ? index : w.firstIndex, grown);
        return true;
    }
}
