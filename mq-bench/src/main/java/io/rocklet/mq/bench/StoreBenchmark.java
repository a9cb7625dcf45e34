package io.rocklet.mq.bench;

import io.rocklet.mq.broker.store.CommitLog;
import io.rocklet.mq.broker.store.ConsumeQueue;
import io.rocklet.mq.broker.store.MemoryBudget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The memory store without the broker around it: appending a 250-byte record to the CommitLog
 * (reserve + copy + publish; the oldest segment is retired when the budget is spent, as the
 * release rule would for a ring), and looking an entry up in a consume queue.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StoreBenchmark {
    private static final int RECORD = 250;
    private static final int ENTRIES = 1 << 20;
    private CommitLog commitLog;
    private ByteBuffer record;
    private ConsumeQueue queue;
    private long lookup;

    @Setup(Level.Trial)
    public void setUp() {
        commitLog = new CommitLog(8 << 20, new MemoryBudget(64L << 20));
        record = ByteBuffer.allocate(RECORD);
        queue = new ConsumeQueue(new MemoryBudget(64L << 20));
        queue.ensureCapacity(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            queue.put(i, (long) i * RECORD, RECORD, i);
        }
        queue.publish(ENTRIES);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        commitLog.close();
        queue.close();
    }

    @Benchmark
    public long commitLogAppend() {
        long offset = commitLog.reserve(RECORD);
        if (offset < 0) {
            commitLog.retireOldest();
            offset = commitLog.reserve(RECORD);
        }
        record.clear();
        commitLog.write(offset, record);
        commitLog.publish();
        return offset;
    }

    @Benchmark
    public long consumeQueueLookup() {
        long offset = lookup++ & (ENTRIES - 1);
        return queue.physicalOffset(offset) + queue.size(offset) + queue.tagHash(offset);
    }
}
