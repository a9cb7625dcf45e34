package io.rocklet.mq.broker;

import java.util.Arrays;

/**
 * Pending deadlines as a binary min-heap over two primitive arrays — (due time, schedule-topic
 * queue offset) — so a million waiting messages cost 16 MB and no objects; the earliest is
 * found at once and taken in O(log n). Not thread-safe: the {@link TimerService} guards it.
 */
final class DeadlineHeap {
    private long[] due = new long[1024];
    private long[] offsets = new long[1024];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long dueMs, long offset) {
        if (size == due.length) {
            due = Arrays.copyOf(due, size * 2);
            offsets = Arrays.copyOf(offsets, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(dueMs, offset, due[parent], offsets[parent])) {
                break;
            }
            due[i] = due[parent];
            offsets[i] = offsets[parent];
            i = parent;
        }
        due[i] = dueMs;
        offsets[i] = offset;
    }

    /** The earliest due time; the heap must not be empty. */
    long peekDue() {
        return due[0];
    }

    /** Removes the earliest entry and returns its offset; the heap must not be empty. */
    long pollOffset() {
        long result = offsets[0];
        size--;
        long lastDue = due[size];
        long lastOffset = offsets[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(due[child + 1], offsets[child + 1], due[child], offsets[child])) {
                child++;
            }
            if (!before(due[child], offsets[child], lastDue, lastOffset)) {
                break;
            }
            due[i] = due[child];
            offsets[i] = offsets[child];
            i = child;
        }
        due[i] = lastDue;
        offsets[i] = lastOffset;
        return result;
    }

    private static boolean before(long dueA, long offsetA, long dueB, long offsetB) {
        return dueA < dueB || (dueA == dueB && offsetA < offsetB);
    }
}
