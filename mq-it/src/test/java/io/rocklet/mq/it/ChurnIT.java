package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.client.internal.TestHooks;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumers of one group join, leave and crash (no commit, no goodbye) while 200,000 messages
 * flow: every message is consumed at least once; duplicates are counted and reported.
 */
class ChurnIT {
    private static final int TOTAL = 200_000;

    @Test
    void consumersJoiningLeavingAndCrashingLoseNothing() throws InterruptedException {
        BitSet seen = new BitSet(TOTAL);
        AtomicLong deliveries = new AtomicLong();
        try (EmbeddedBroker broker = EmbeddedBroker.builder().clientExpiry(Duration.ofSeconds(1))
                .retrySchedule(RockletExtension.TEST_RETRY_SCHEDULE).build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("Churn", 8);
            List<PushConsumer> members = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                members.add(member(clients, seen, deliveries));
            }
            Producer producer = clients.producer().build();
            byte[] body = new byte[16];
            for (int i = 0; i < TOTAL; i++) {
                ByteBuffer.wrap(body).putInt(0, i);
                producer.send(Message.of("Churn", body));
                switch (i) {
                    case TOTAL / 5 -> members.add(member(clients, seen, deliveries));
                    case 2 * TOTAL / 5 -> members.remove(0).close();
                    case 3 * TOTAL / 5 -> TestHooks.crash(members.remove(0));
                    case 4 * TOTAL / 5 -> members.add(member(clients, seen, deliveries));
                    default -> {
                    }
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (seen) {
                    return seen.cardinality() == TOTAL;
                }
            });
            members.forEach(PushConsumer::close);
        }
        long duplicates = deliveries.get() - TOTAL;
        System.out.println("ChurnIT: " + TOTAL + " messages, 0 lost, " + deliveries.get() + " deliveries, "
                + duplicates + " duplicates (a join, a leave, a crash and a join while sending)");
        assertThat(duplicates).isNotNegative();
        RockletExtension.assertNothingLeaked("ChurnIT");
    }

    private static PushConsumer member(Clients clients, BitSet seen, AtomicLong deliveries) {
        return clients.pushConsumer().group("churn").subscribe("Churn", "*").consumeThreads(4)
                .rebalanceInterval(Duration.ofMillis(200)).autoCommitInterval(Duration.ofMillis(100))
                .listener(m -> {
                    int index = ByteBuffer.wrap(m.body()).getInt(0);
                    deliveries.incrementAndGet();
                    synchronized (seen) {
                        seen.set(index);
                    }
                    return ConsumeResult.SUCCESS;
                }).build();
    }
}
