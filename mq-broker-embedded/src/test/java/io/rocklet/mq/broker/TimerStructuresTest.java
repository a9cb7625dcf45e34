package io.rocklet.mq.broker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TimerStructuresTest {
    @Test
    void theHeapReturnsOffsetsInDueOrderThenOffsetOrder() {
        long seed = Long.getLong("rocklet.seed", System.nanoTime());
        System.out.println("TimerStructuresTest seed " + seed + " (rerun with -Drocklet.seed=" + seed + ")");
        Random random = new Random(seed);
        DeadlineHeap heap = new DeadlineHeap();
        List<long[]> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long due = random.nextInt(1000);
            heap.add(due, i);
            entries.add(new long[]{due, i});
        }
        entries.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] expected : entries) {
            assertThat(heap.peekDue()).isEqualTo(expected[0]);
            assertThat(heap.pollOffset()).isEqualTo(expected[1]);
        }
        assertThat(heap.isEmpty()).isTrue();
    }

    @Test
    void pendingOffsetsKnowTheLowestAndCompact() {
        PendingOffsets pending = new PendingOffsets();
        assertThat(pending.lowest()).isEqualTo(Long.MAX_VALUE);
        for (long o = 100; o < 200_100; o++) {
            pending.add(o);
        }
        pending.add(99); // registered out of order
        assertThat(pending.lowest()).isEqualTo(99);
        for (long o = 99; o < 150_000; o++) {
            pending.remove(o);
        }
        assertThat(pending.lowest()).isEqualTo(150_000);
        assertThat(pending.count()).isEqualTo(50_100);
        pending.remove(150_000);
        assertThat(pending.lowest()).isEqualTo(150_001);
    }
}
