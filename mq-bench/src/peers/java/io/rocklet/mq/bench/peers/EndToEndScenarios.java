package io.rocklet.mq.bench.peers;

import io.rocklet.mq.bench.peers.PeerBroker.Sender;
import io.rocklet.mq.bench.peers.PeerBroker.Subscription;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code e2e-throughput} and {@code e2e-latency}: one producer thread and one push consumer; the
 * clock starts once the consumer owns its queues, so a peer's rebalance delay stays out of it.
 */
final class EndToEndScenarios {
    private static final Duration ASSIGNMENT_LIMIT = Duration.ofSeconds(30);

    private final RunContext context;

    EndToEndScenarios(RunContext context) {
        this.context = context;
    }

    /**
     * Sends N messages with the asynchronous send, {@code --window} in flight (a peer's synchronous
     * send waits a loopback or in-VM round trip per message and would measure that instead); the
     * consumer counts them, in batches of up to 32 where the system has batch listeners, as in
     * Rocklet's run. A first round of N messages on its own topic warms the JIT up and is not counted.
     */
    void e2eThroughput() throws Exception {
        int messages = context.options().intOption("messages", 1_000_000, 500_000);
        int window = windowSize();
        try (PeerBroker broker = context.system().start("e2e-throughput")) {
            moveThrough(broker, "ThroughputWarmup", messages, window, null);
            ClientAllocation allocation = ClientAllocation.of(broker, "e2e-throughput");
            Round round = moveThrough(broker, "Throughput", messages, window, allocation);
            allocation.putPerMessage(context.line("e2e-throughput").put("window", window).put("messages", round.consumed())
                    .put("seconds", round.seconds()).put("msgs_per_sec", round.consumed() / round.seconds()),
                    round.consumed()).putIfNonZero("failed", round.failed()).print();
        }
    }

    private record Round(long consumed, double seconds, long failed) {
    }

    /** {@code allocation}, when not null, measures from the first send until all are consumed (producer and consumer). */
    private Round moveThrough(PeerBroker broker, String topic, int messages, int window, ClientAllocation allocation)
            throws Exception {
        broker.createTopic(topic);
        CountDownLatch done = new CountDownLatch(messages);
        try (Subscription consumer = broker.subscribe(topic, 32, body -> done.countDown())) {
            consumer.awaitAssigned(ASSIGNMENT_LIMIT);
            AsyncWindow inFlight = new AsyncWindow(window);
            try (Sender producer = broker.asyncSender(topic, window, inFlight)) {
                byte[] body = context.options().body();
                if (allocation != null) {
                    allocation.start();
                }
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    inFlight.send(producer, body);
                }
                done.await(120, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (allocation != null) {
                    allocation.stop();
                }
                return new Round(messages - done.getCount(), seconds, inFlight.failed());
            }
        }
    }

    /** How the latency run's producer sends: waiting for each message, or with a window in flight. */
    enum SendMode { SYNC, ASYNC }

    /**
     * A producer paced at {@code --rate} (10,000/s) on an absolute schedule; each body carries its
     * send time; latency = consume time - send time. The first {@link Options#warmupSeconds()}
     * are warm-up. With {@link SendMode#SYNC} the producer waits for each send as Rocklet's does;
     * a peer whose synchronous send is slower than the rate falls behind the schedule, sends what
     * it can until the schedule ends, and {@code sent_per_sec} shows it. With {@link SendMode#ASYNC}
     * it keeps up to {@code --window} in flight.
     */
    void e2eLatency(SendMode mode) throws Exception {
        int rate = context.options().intOption("rate", 10_000, 10_000);
        int seconds = context.options().intOption("seconds", 10, 5);
        int warmupSeconds = context.options().warmupSeconds();
        LatencyRecorder recorder = new LatencyRecorder();
        AsyncWindow window = new AsyncWindow(windowSize());
        AtomicLong failedSync = new AtomicLong();
        long failed;
        double sentPerSec;
        try (PeerBroker broker = context.system().start("e2e-latency-" + mode.name().toLowerCase(Locale.ROOT))) {
            broker.createTopic("Latency");
            try (Subscription consumer = broker.subscribe("Latency", 1, recorder);
                 Sender producer = mode == SendMode.SYNC
                         ? broker.syncSender("Latency") : broker.asyncSender("Latency", window.size(), window)) {
                consumer.awaitAssigned(ASSIGNMENT_LIMIT);
                long start = System.nanoTime();
                recorder.measureFrom(start + TimeUnit.SECONDS.toNanos(warmupSeconds));
                long total = (long) rate * (seconds + warmupSeconds);
                long sent = sendPaced(producer, mode, rate, total, window, failedSync);
                sentPerSec = sent / ((System.nanoTime() - start) / 1e9);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (recorder.received() < sent - failedSync.get() - window.failed() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000);
                }
                failed = failedSync.get() + window.failed();
            }
        }
        PeerJson line = context.line("e2e-latency").put("rate", rate).put("warmup_seconds", warmupSeconds)
                .put("messages", recorder.measured()).put("seconds", seconds)
                .put("send", mode.name().toLowerCase(Locale.ROOT));
        if (mode == SendMode.ASYNC) {
            line.put("window", window.size());
        }
        recorder.putPercentiles(line.put("sent_per_sec", sentPerSec)).putIfNonZero("failed", failed).print();
    }

    /**
     * Sends up to {@code total} messages at {@code rate}, the first one at once, and stops when the
     * schedule's time is up; returns how many it sent. A sync send that throws counts in {@code failedSync}.
     */
    private long sendPaced(Sender producer, SendMode mode, int rate, long total, AsyncWindow window,
                           AtomicLong failedSync) throws InterruptedException {
        int bodyBytes = context.options().body().length;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long end = start + total * interval;
        long i = 0;
        for (; i < total && System.nanoTime() < end; i++) {
            long due = start + i * interval;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            // A fresh body per message: an asynchronous client may encode it after send returns.
            byte[] body = new byte[bodyBytes];
            ByteBuffer.wrap(body).putLong(0, System.nanoTime());
            if (mode == SendMode.ASYNC) {
                window.send(producer, body);
            } else {
                try {
                    producer.send(body);
                } catch (Exception e) {
                    failedSync.incrementAndGet();
                }
            }
        }
        return i;
    }

    private int windowSize() {
        return context.options().intOption("window", 1024, 1024);
    }
}
