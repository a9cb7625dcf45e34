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
    private final SegmentMedium medium;
    private volatile Window window = new Window(0, new Segment[0]);
    /** Guarded by the broker's write lock. */
    private long writeOffset;
    private volatile long committedOffset;

    private record Window(long firstIndex, Segment[] segments) {
    }

    /** A memory log within {@code budget}. */
    public CommitLog(int segmentBytes, MemoryBudget budget) {
        this(segmentBytes, new SegmentMedium.Memory(budget));
    }

    public CommitLog(int segmentBytes, SegmentMedium medium) {
        this.segmentBytes = segmentBytes;
        this.medium = medium;
    }

    public SegmentMedium medium() {
        return medium;
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

    /** What recovery found. */
    public record Recovery(long records, long endOffset, long movedAsideBytes, long damagedAt, long millis) {
    }

    /** Called for each intact record during recovery: the record at {@code at} of {@code segment}. */
    @FunctionalInterface
    public interface RecoveredRecord {
        void accept(ByteBuffer segment, int at, long physicalOffset);
    }

    /**
     * Opens a file log: maps the existing segments, checks every record (size, magic, CRC) from the
     * first, and stops at the first one that is torn or damaged — keeping everything before it,
     * saving the rest aside ({@code .damaged} files) and zeroing it, so nothing damaged is ever
     * served. Each intact record goes to {@code visitor} (to rebuild the consume queues).
     */
    public Recovery recover(FileMedium files, RecoveredRecord visitor) {
        long start = System.nanoTime();
        java.util.TreeMap<Long, ByteBuffer> existing = files.openExisting(segmentBytes);
        java.util.List<Segment> kept = new java.util.ArrayList<>();
        long records = 0;
        long end = existing.isEmpty() ? 0 : existing.firstKey();
        long movedAside = 0;
        long damagedAt = -1;
        boolean stopped = false;
        for (java.util.Map.Entry<Long, ByteBuffer> e : existing.entrySet()) {
            long first = e.getKey();
            ByteBuffer buffer = e.getValue();
            if (stopped && first == end && buffer.getLong(0) == 0) {
                files.free(first, buffer); // made ahead of need and never written: not damage
                continue;
            }
            if (stopped || first != end || first % segmentBytes != 0) {
                if (!stopped && first != end) {
                    damagedAt = end; // a missing segment: nothing after the gap can be trusted
                }
                stopped = true;
                files.let(buffer);
                files.moveAside(first);
                movedAside += segmentBytes;
                continue;
            }
            kept.add(new Segment(buffer, first, files));
            int pos = 0;
            while (pos < segmentBytes) {
                int left = segmentBytes - pos;
                if (left < MessageRecord.BLANK_HEADER) {
                    pos = segmentBytes;
                    break;
                }
                int size = buffer.getInt(pos);
                int magic = buffer.getInt(pos + MessageRecord.MAGIC);
                if (size == 0 && magic == 0) {
                    break; // end of the written data
                }
                if (magic == MessageRecord.BLANK_MAGIC && size == left) {
                    pos = segmentBytes;
                    break;
                }
                if (!io.rocklet.mq.client.codec.RecordReader.isIntact(buffer, pos, segmentBytes)) {
                    damagedAt = first + pos;
                    files.saveAside(first, buffer, pos, segmentBytes);
                    movedAside += left;
                    for (int i = pos; i < segmentBytes; i++) {
                        buffer.put(i, (byte) 0);
                    }
                    files.force(buffer, pos, segmentBytes);
                    break;
                }
                visitor.accept(buffer, pos, first + pos);
                records++;
                pos += size;
            }
            end = first + pos;
            if (pos < segmentBytes) {
                stopped = true; // the log ends in this segment: any later file is stray
            }
        }
        long firstIndex = kept.isEmpty() ? end / segmentBytes : kept.get(0).firstOffset() / segmentBytes;
        window = new Window(firstIndex, kept.toArray(new Segment[0]));
        writeOffset = end;
        committedOffset = end;
        flushedOffset = end;
        return new Recovery(records, end, movedAside, damagedAt, (System.nanoTime() - start) / 1_000_000);
    }

    private volatile long flushedOffset;

    /** The end of what is on disk (file medium). */
    public long flushedOffset() {
        return flushedOffset;
    }

    /**
     * Forces everything published so far to the medium and returns the new flushed offset. One
     * caller at a time (the flush service serialises it); never under the write lock.
     */
    public synchronized long flush() {
        long target = committedOffset;
        long from = flushedOffset;
        while (from < target) {
            Segment segment = acquire(from);
            if (segment == null) {
                from = Math.max(minOffset(), from - positionOf(from) + segmentBytes);
                continue;
            }
            try {
                int start = positionOf(from);
                long segmentEnd = segment.firstOffset() + segmentBytes;
                int stop = (int) (Math.min(target, segmentEnd) - segment.firstOffset());
                medium.force(segment.buffer(), start, stop);
                from = Math.min(target, segmentEnd);
            } finally {
                segment.release();
            }
        }
        flushedOffset = target;
        return target;
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
        medium.shutdown();
        for (Segment segment : w.segments) {
            segment.releaseOnClose();
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
        ByteBuffer buffer = medium.create(index * segmentBytes, segmentBytes);
        if (buffer == null) {
            return false;
        }
        Segment[] grown = Arrays.copyOf(w.segments, w.segments.length + 1);
        grown[grown.length - 1] = new Segment(buffer, index * segmentBytes, medium);
        window = new Window(w.segments.length == 0 ? index : w.firstIndex, grown);
        return true;
    }
}
