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
 * <p>Writes ({@link #reserve}, {@link #write}) happen under the broker's write lock. Reads take a
 * snapshot of the segment window and never block writers.
 */
public final class CommitLog {
    private final int segmentBytes;
    private final MemoryBudget budget;
    private volatile Window window = new Window(0, new ByteBuffer[0]);
    /** Guarded by the broker's write lock. */
    private long writeOffset;
    private volatile long committedOffset;

    private record Window(long firstIndex, ByteBuffer[] segments) {
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

    /** The segment holding {@code physicalOffset}; callers index it with {@link #positionOf}. */
    public ByteBuffer segmentOf(long physicalOffset) {
        Window w = window;
        return w.segments[(int) (physicalOffset / segmentBytes - w.firstIndex)];
    }

    public int positionOf(long physicalOffset) {
        return (int) (physicalOffset % segmentBytes);
    }

    /** A read-only view of one stored record. */
    public ByteBuffer slice(long physicalOffset, int size) {
        int position = positionOf(physicalOffset);
        return segmentOf(physicalOffset).slice(position, size).asReadOnlyBuffer();
    }

    /** The first physical offset still held. */
    public long minOffset() {
        return window.firstIndex * segmentBytes;
    }

    /** The end of what readers may see. */
    public long maxOffset() {
        return committedOffset;
    }

    /** Visits every readable record, oldest first, with its physical offset. Skips fillers. */
    public void forEachRecord(ObjLongConsumer<ByteBuffer> visitor) {
        long end = committedOffset;
        long offset = minOffset();
        while (offset < end) {
            ByteBuffer segment = segmentOf(offset);
            int position = positionOf(offset);
            int remaining = segmentBytes - position;
            if (remaining < MessageRecord.BLANK_HEADER) {
                offset += remaining;
                continue;
            }
            int size = segment.getInt(position);
            int magic = segment.getInt(position + MessageRecord.MAGIC);
            if (magic == MessageRecord.BLANK_MAGIC || size <= 0) {
                offset += remaining;
                continue;
            }
            visitor.accept(segment.slice(position, size).asReadOnlyBuffer(), offset);
            offset += size;
        }
    }

    /** Returns every segment to the pool. The broker is closed: no reader may still use them. */
    public void close() {
        Window w = window;
        window = new Window(w.firstIndex + w.segments.length, new ByteBuffer[0]);
        for (ByteBuffer segment : w.segments) {
            SegmentPool.release(segment);
            budget.release(segmentBytes);
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
        ByteBuffer segment = SegmentPool.acquire(segmentBytes);
        if (segment == null) {
            budget.release(segmentBytes);
            return false;
        }
        ByteBuffer[] grown = Arrays.copyOf(w.segments, w.segments.length + 1);
        grown[grown.length - 1] = segment;
        window = new Window(w.segments.length == 0 ? index : w.firstIndex, grown);
        return true;
    }
}
