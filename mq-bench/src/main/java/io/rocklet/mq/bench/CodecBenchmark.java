package io.rocklet.mq.bench;

import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.client.codec.DecodedMessage;
import io.rocklet.mq.client.codec.MessageIds;
import io.rocklet.mq.client.codec.RecordEncoder;
import io.rocklet.mq.client.protocol.TagFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The codec's hot paths, one thread, 128-byte body with a tag, a key and one user property:
 * encoding a record (with CRC), decoding one (copy + reading the tag), generating a unique id,
 * and matching a tag filter by hash and by string.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private Message message;
    private ByteBuffer buffer;
    private ByteBuffer encoded;
    private MessageQueue queue;
    private TagFilter filter;
    private long tagHash;

    @Setup
    public void setUp() {
        message = Message.builder("Bench").tag("TagA").keys("order-42").property("region", "eu").body(new byte[128]).build();
        buffer = ByteBuffer.allocate(RecordEncoder.size(message));
        encode();
        encoded = buffer.duplicate().flip().asReadOnlyBuffer();
        queue = new MessageQueue("Bench", "broker", 0);
        filter = TagFilter.parse("TagB || TagA");
        tagHash = RecordEncoder.tagHash("TagA");
    }

    @Benchmark
    public ByteBuffer encode() {
        buffer.clear();
        long now = System.currentTimeMillis();
        RecordEncoder.encode(buffer, message, 0, now, MessageIds.bornHost(), now, 0x7F00000100002A9FL,
                MessageIds.uniqueIdHigh(), MessageIds.nextUniqueIdLow(now));
        return buffer;
    }

    @Benchmark
    public String decodeAndReadTag() {
        return new DecodedMessage(encoded, queue).tag();
    }

    @Benchmark
    public long uniqueId() {
        return MessageIds.nextUniqueIdLow(System.currentTimeMillis());
    }

    @Benchmark
    public boolean tagFilterByHash() {
        return filter.matchesHash(tagHash);
    }

    @Benchmark
    public boolean tagFilterByString() {
        return filter.matchesTag("TagA");
    }
}
