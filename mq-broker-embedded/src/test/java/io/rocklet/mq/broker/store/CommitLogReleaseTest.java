package io.rocklet.mq.broker.store;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment references: a retired segment's memory returns to the budget only after its last reader. */
class CommitLogReleaseTest {
    private static final int SEGMENT = 4096;

    private static void fill(CommitLog log, int segments) {
        for (int i = 0; i < segments; i++) {
            long at = log.reserve(SEGMENT);
            assertThat(at).isEqualTo((long) i * SEGMENT);
            log.write(at, ByteBuffer.allocate(SEGMENT));
        }
        log.publish();
    }

    @Test
    void aRetiredSegmentWaitsForItsReaders() {
        MemoryBudget budget = new MemoryBudget(3 * SEGMENT);
        CommitLog log = new CommitLog(SEGMENT, budget);
        fill(log, 3);
        assertThat(log.reserve(16)).isEqualTo(-1); // budget spent

        Segment reader = log.acquire(10);
        assertThat(reader).isNotNull();
        assertThat(log.oldestSegmentEnd()).isEqualTo(SEGMENT);
        log.retireOldest();
        assertThat(log.minOffset()).isEqualTo(SEGMENT);
        assertThat(log.acquire(10)).as("a retired segment cannot be acquired").isNull();
        assertThat(budget.usedBytes()).as("still read: not yet returned").isEqualTo(3L * SEGMENT);

        reader.release();
        assertThat(budget.usedBytes()).isEqualTo(2L * SEGMENT);
        assertThat(log.reserve(16)).isEqualTo(3L * SEGMENT);
    }

    @Test
    void theSegmentBeingWrittenIsNeverRetired() {
        CommitLog log = new CommitLog(SEGMENT, new MemoryBudget(SEGMENT));
        fill(log, 1);
        assertThat(log.oldestSegmentEnd()).isEqualTo(-1);
    }

    @Test
    void leasesOfOneBatchSpanSegmentsAndReleaseTogether() {
        MemoryBudget budget = new MemoryBudget(3 * SEGMENT);
        CommitLog log = new CommitLog(SEGMENT, budget);
        fill(log, 3);
        SegmentLeases leases = new SegmentLeases();
        Segment first = leases.segmentFor(log, 0);
        assertThat(leases.segmentFor(log, 100)).isSameAs(first);
        Segment second = leases.segmentFor(log, SEGMENT + 1);
        assertThat(second).isNotSameAs(first);
        assertThat(first.references()).isEqualTo(2);
        assertThat(second.references()).isEqualTo(2);
        leases.release();
        assertThat(first.references()).isEqualTo(1);
        assertThat(second.references()).isEqualTo(1);
    }

    @Test
    void trimmingAConsumeQueueReturnsWholeChunks() {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        ConsumeQueue queue = new ConsumeQueue(budget);
        int entries = 3 * ConsumeQueue.CHUNK_ENTRIES;
        assertThat(queue.ensureCapacity(entries)).isTrue();
        for (int i = 0; i < entries; i++) {
            queue.put(i, 100L * i, 100, 0);
        }
        queue.publish(entries);
        long used = budget.usedBytes();
        assertThat(queue.firstOffsetFrom(100L * 1500)).isEqualTo(1500);

        queue.trimTo(1500);
        assertThat(queue.minOffset()).isEqualTo(1500);
        assertThat(budget.usedBytes()).isEqualTo(used - (long) ConsumeQueue.CHUNK_ENTRIES * ConsumeQueue.ENTRY_BYTES);
        assertThat(queue.physicalOffset(10)).isEqualTo(-1);
        assertThat(queue.physicalOffset(1500)).isEqualTo(150_000);
    }
}
