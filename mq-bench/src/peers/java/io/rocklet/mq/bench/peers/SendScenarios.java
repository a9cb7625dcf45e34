package io.rocklet.mq.bench.peers;

import io.rocklet.mq.bench.peers.PeerBroker.Sender;

import java.util.concurrent.TimeUnit;

/**
 * {@code send-sync}, {@code send-async} and {@code send-oneway}: senders without a consumer, a
 * warm-up, then {@code --seconds} counted. 128-byte bodies unless {@code --body}.
 * <p>
 * Rocklet's load tool warms up for one second; the peers for {@link Options#warmupSeconds()}.
 */
final class SendScenarios {
    private final RunContext context;

    SendScenarios(RunContext context) {
        this.context = context;
    }

    /** {@code --threads N} threads, each with its own sender, each send waiting for the broker. */
    void sendSync() throws Exception {
        int threads = context.options().intOption("threads", 1, 1);
        int seconds = context.options().intOption("seconds", 5, 2);
        try (PeerBroker broker = context.system().start("send-sync")) {
            broker.createTopic("SendSync");
            ClientAllocation allocation = ClientAllocation.of(broker, "send-sync");
            SenderThreads.Counts counts = SenderThreads.run(threads, warmupNanos(), TimeUnit.SECONDS.toNanos(seconds),
                    () -> broker.syncSender("SendSync"), context.options()::body, allocation);
            allocation.putPerMessage(context.line("send-sync").put("threads", threads).put("warmup_seconds", warmupSeconds())
                    .put("messages", counts.measured()).put("seconds", seconds)
                    .put("msgs_per_sec", counts.measured() / (double) seconds), counts.measured())
                    .putIfNonZero("failed", counts.failed()).print();
        }
    }

    /**
     * One thread keeps at most {@code --window N} sends in flight; a send counts when the broker has
     * confirmed it, within the measured seconds.
     */
    void sendAsync() throws Exception {
        AsyncWindow window = new AsyncWindow(context.options().intOption("window", 1024, 1024));
        int seconds = context.options().intOption("seconds", 5, 2);
        try (PeerBroker broker = context.system().start("send-async")) {
            broker.createTopic("SendAsync");
            long measured;
            long failed;
            ClientAllocation allocation = ClientAllocation.of(broker, "send-async");
            try (Sender sender = broker.asyncSender("SendAsync", window.size(), window)) {
                byte[] body = context.options().body();
                long warmupEnd = System.nanoTime() + warmupNanos();
                long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
                long storedAtWarmupEnd = -1;
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    if (storedAtWarmupEnd < 0 && now >= warmupEnd) {
                        storedAtWarmupEnd = window.stored();
                        allocation.start();
                    }
                    window.send(sender, body);
                }
                allocation.stop();
                // Read before close: sends still in flight then may fail because their client stops.
                measured = window.stored() - storedAtWarmupEnd;
                failed = window.failed();
            }
            allocation.putPerMessage(context.line("send-async").put("window", window.size())
                    .put("warmup_seconds", warmupSeconds()).put("messages", measured).put("seconds", seconds)
                    .put("msgs_per_sec", measured / (double) seconds), measured)
                    .putIfNonZero("failed", failed).print();
        }
    }

    /**
     * {@code --threads N} threads send without waiting for the broker; then the broker's own count
     * of stored messages is compared with what was sent, so loss is visible.
     */
    void sendOneway() throws Exception {
        int threads = context.options().intOption("threads", 1, 1);
        int seconds = context.options().intOption("seconds", 5, 2);
        try (PeerBroker broker = context.system().start("send-oneway")) {
            broker.createTopic("SendOneway");
            ClientAllocation allocation = ClientAllocation.of(broker, "send-oneway");
            SenderThreads.Counts counts = SenderThreads.run(threads, warmupNanos(), TimeUnit.SECONDS.toNanos(seconds),
                    () -> broker.onewaySender("SendOneway"), context.options()::body, allocation);
            long stored = StableCount.await(() -> broker.storedMessages("SendOneway"));
            PeerJson line = context.line("send-oneway").put("threads", threads).put("warmup_seconds", warmupSeconds())
                    .put("messages", counts.measured()).put("seconds", seconds)
                    .put("msgs_per_sec", counts.measured() / (double) seconds)
                    .put("sent", counts.total()).put("stored", stored).put("lost", counts.total() - stored);
            allocation.putPerMessage(line, counts.measured()).putIfNonZero("failed", counts.failed()).print();
        }
    }

    private long warmupNanos() {
        return TimeUnit.SECONDS.toNanos(warmupSeconds());
    }

    private int warmupSeconds() {
        return context.options().warmupSeconds();
    }
}
