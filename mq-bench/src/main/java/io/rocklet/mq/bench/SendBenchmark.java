package io.rocklet.mq.bench;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
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

import java.util.concurrent.TimeUnit;

/**
 * The in-process sync send path, one thread, 128-byte body, on one broker with the default
 * 128 MiB budget: no group consumes the topic, so it is a ring and the store recycles its oldest
 * segments as it fills. Run with {@code -prof gc} for allocation per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SendBenchmark {
    private EmbeddedBroker broker;
    private Clients clients;
    private Producer producer;
    private Message message;

    @Setup(Level.Trial)
    public void setUp() {
        broker = EmbeddedBroker.builder().storeBudgetBytes(128L << 20).build().start();
        clients = broker.clients();
        producer = clients.producer().group("bench").build();
        broker.admin().createTopic("Bench", 8);
        message = Message.builder("Bench").tag("TagA").body(new byte[128]).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        clients.close();
        broker.close();
    }

    @Benchmark
    public SendResult sendSync() {
        return producer.send(message);
    }
}
