package io.rocklet.mq.bench.peers;

import io.rocklet.mq.bench.peers.PeerBroker.Sender;
import io.rocklet.mq.bench.peers.PeerBroker.Subscription;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code startup}: from the first line of {@code main} (fresh JVM) to a message received by a push
 * consumer ({@code cold_ms}); then the same for a second broker in the same JVM ({@code warm_ms}).
 * As in Rocklet's load tool, each measurement covers starting the broker, creating the topic,
 * starting a push consumer and a producer, and one sync send.
 */
final class StartupScenario {
    private final RunContext context;

    StartupScenario(RunContext context) {
        this.context = context;
    }

    void run() throws Exception {
        double coldMs = firstMessageMs(PeersTool.MAIN_START_NANOS, "startup-cold");
        double warmMs = firstMessageMs(System.nanoTime(), "startup-warm");
        context.line("startup").put("cold_ms", coldMs).put("warm_ms", warmMs).print();
    }

    private double firstMessageMs(long fromNanos, String instance) throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        try (PeerBroker broker = context.system().start(instance)) {
            broker.createTopic("Startup");
            try (Subscription consumer = broker.subscribe("Startup", 1, body -> received.countDown());
                 Sender producer = broker.syncSender("Startup")) {
                producer.send("hello".getBytes(StandardCharsets.UTF_8));
                if (!received.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(instance + ": no message consumed within 30 s");
                }
                return (System.nanoTime() - fromNanos) / 1e6;
            }
        }
    }
}
