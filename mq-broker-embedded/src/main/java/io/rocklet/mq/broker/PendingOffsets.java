package io.rocklet.mq.broker;

import java.util.BitSet;

/**
 * Which schedule-topic offsets still wait for delivery: one bit per offset from the lowest one
 * still pending, so the release rule learns the lowest pending offset at once. Not thread-safe.
 */
final class PendingOffsets {
    /** Bits dropped from the front at once when the lowest pending offset has moved this far. */
    private static final int COMPACT_AFTER = 1 << 16;
    private long base;
    private BitSet bits = new BitSet();
    private int count;

    void add(long offset) {
        if (count == 0 && bits.isEmpty()) {
            base = offset;
        }
        if (offset < base) { // two appends registered out of order: move the window down
            BitSet moved = new BitSet();
            int shift = (int) (base - offset);
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                moved.set(i + shift);
            }
            bits = moved;
            base = offset;
        }
        if (!bits.get((int) (offset - base))) {
            bits.set((int) (offset - base));
            count++;
        }
    }

    void remove(long offset) {
        if (offset < base || !bits.get((int) (offset - base))) {
            return;
        }
        bits.clear((int) (offset - base));
        count--;
        int first = bits.nextSetBit(0);
        if (first < 0) {
            bits = new BitSet();
            base = offset + 1;
        } else if (first >= COMPACT_AFTER) {
            bits = bits.get(first, Math.max(first, bits.length()));
            base += first;
        }
    }

    /** The lowest pending offset, or {@code Long.MAX_VALUE}. */
    long lowest() {
        int first = bits.nextSetBit(0);
        return first < 0 ? Long.MAX_VALUE : base + first;
    }

    int count() {
        return count;
    }
}
