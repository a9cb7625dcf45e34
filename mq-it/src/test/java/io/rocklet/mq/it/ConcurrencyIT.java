package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RockletExtension.class)
class ConcurrencyIT {
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 50_000;
    private static final int TOTAL = PRODUCERS * PER_PRODUCER;

    @Test
    void fourProducerThreadsAndTwoConsumersMove200kMessagesWithoutLoss(EmbeddedBroker broker) throws Exception {
        broker.admin().createTopic("Concurrent", 8);
        BitSet seen = new BitSet(TOTAL);
        AtomicLong deliveries = new AtomicLong();
        try (Clients clients = broker.clients()) {
            for (int c = 0; c < 2; c++) {
                clients.pushConsumer().group("concurrent").subscribe("Concurrent", "*").consumeThreads(4)
                        .listener(m -> {
                            int id = ByteBuffer.wrap(m.body()).getInt();
                            synchronized (seen) {
                                seen.set(id);
                            }
                            deliveries.incrementAndGet();
                            return ConsumeResult.SUCCESS;
                        }).build();
            }
            Producer producer = clients.producer().build();
            Thread[] threads = new Thread[PRODUCERS];
            for (int t = 0; t < PRODUCERS; t++) {
                int base = t * PER_PRODUCER;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        producer.send(Message.of("Concurrent", ByteBuffer.allocate(4).putInt(base + i).array()));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (seen) {
                    return seen.cardinality() == TOTAL;
                }
            });
        }
        long duplicates = deliveries.get() - TOTAL;
        System.out.println("ConcurrencyIT: " + TOTAL + " messages, " + deliveries.get() + " deliveries, "
                + duplicates + " duplicates");
        assertThat(duplicates).isBetween(0L, TOTAL / 100L);
    }
}
