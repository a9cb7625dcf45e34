package io.rocklet.mq.it;

import io.rocklet.mq.api.BacklogSnapshot;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.GroupBacklog;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageModel;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.QueueBacklog;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Offset reset while running, backlog numbers, broadcasting failures, shutdown with messages in flight. */
@ExtendWith(RockletExtension.class)
class DeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private EmbeddedBroker broker;
    private Clients clients;
    private Producer producer;

    @BeforeEach
    void setUp(EmbeddedBroker broker) {
        this.broker = broker;
        clients = broker.clients();
        producer = clients.producer().build();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private void send(String topic, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(Message.of(topic, "m" + i));
        }
    }

    @Test
    void resettingOffsetsWhileRunningRedeliversFromThere() {
        broker.admin().createTopic("Reset", 4);
        Instant beforeSecondHalf;
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        clients.pushConsumer().group("resetting").subscribe("Reset", "*")
                .listener(m -> {
                    seen.computeIfAbsent(m.bodyAsString(), k -> new AtomicInteger()).incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build();
        send("Reset", 0, 100);
        await().atMost(WAIT).until(() -> seen.size() == 100);
        beforeSecondHalf = Instant.now();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(beforeSecondHalf.plusMillis(5)));
        send("Reset", 100, 200);
        await().atMost(WAIT).until(() -> seen.size() == 200);

        long start = System.nanoTime();
        Map<MessageQueue, Long> offsets = broker.admin().resetOffsets("resetting", "Reset", ConsumeFromWhere.FIRST);
        assertThat(offsets.values()).containsOnly(0L);
        await().atMost(WAIT).until(() -> seen.values().stream().allMatch(c -> c.get() == 2));
        System.out.println("DeliveryIT: reset to FIRST redelivered 200 messages in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");

        broker.admin().resetOffsets("resetting", "Reset", beforeSecondHalf);
        await().atMost(WAIT).until(() -> seen.entrySet().stream()
                .allMatch(e -> e.getValue().get() == (Integer.parseInt(e.getKey().substring(1)) >= 100 ? 3 : 2)));

        broker.admin().resetOffsets("resetting", "Reset", ConsumeFromWhere.LAST);
        send("Reset", 200, 210);
        await().atMost(WAIT).until(() -> seen.size() == 210);
        assertThat(seen.get("m0").get()).isEqualTo(2);
    }

    @Test
    void backlogShowsLagAgeAndRatesAndDrainsToZero() {
        broker.admin().createTopic("Backlog", 1);
        CountDownLatch gate = new CountDownLatch(1);
        PushConsumer consumer = clients.pushConsumer().group("backlogged").subscribe("Backlog", "*")
                .listener(m -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ConsumeResult.SUCCESS;
                }).build();
        send("Backlog", 0, 50);
        await().atMost(WAIT).until(() -> {
            GroupBacklog g = broker.admin().backlog().group("backlogged");
            return g != null && g.lag() == 50 && g.oldestUnconsumedAgeMs() > 0;
        });
        BacklogSnapshot snapshot = broker.admin().backlog();
        GroupBacklog group = snapshot.group("backlogged");
        QueueBacklog queue = group.queues().stream().filter(q -> q.queue().topic().equals("Backlog")).findFirst().orElseThrow();
        assertThat(queue.maxOffset()).isEqualTo(50);
        assertThat(queue.lag()).isEqualTo(50);
        assertThat(group.liveMembers()).isEqualTo(1);
        assertThat(snapshot.topics()).anySatisfy(t -> {
            assertThat(t.topic()).isEqualTo("Backlog");
            assertThat(t.messages()).isEqualTo(50);
        });
        System.out.println("DeliveryIT backlog:\n" + snapshot.toTable());

        gate.countDown();
        await().atMost(WAIT).until(() -> broker.admin().backlog().group("backlogged").lag() == 0);
        assertThat(consumer.metrics().consumed()).isEqualTo(50);
        assertThat(broker.admin().backlog().group("backlogged").consumers().consumed()).isEqualTo(50);
        await().atMost(WAIT).until(() -> broker.admin().backlog().topics().stream()
                .anyMatch(t -> t.topic().equals("Backlog") && t.produceTps() > 0));
    }

    @Test
    void broadcastingRetriesLocallyThenDropsAndCounts() {
        broker.admin().createTopic("BroadcastFail", 8);
        AtomicInteger deliveries = new AtomicInteger();
        PushConsumer consumer = clients.pushConsumer().group("broadcast-fails").subscribe("BroadcastFail", "*")
                .messageModel(MessageModel.BROADCASTING).maxReconsumeTimes(2)
                .listener(m -> {
                    deliveries.incrementAndGet();
                    return ConsumeResult.RECONSUME_LATER;
                }).build();
        await().atMost(WAIT).until(() -> consumer.assignment().size() == 8); // broadcasting starts at the end
        send("BroadcastFail", 0, 1);
        await().atMost(WAIT).until(() -> consumer.metrics().dropped() == 1);
        assertThat(deliveries.get()).isEqualTo(3);
        assertThat(consumer.metrics().failed()).isEqualTo(3);
    }

    @Test
    void closingWaitsForMessagesInFlightAndLosesNothing() throws InterruptedException {
        broker.admin().createTopic("InFlight", 2);
        Set<String> first = ConcurrentHashMap.newKeySet();
        CountDownLatch inListener = new CountDownLatch(2);
        PushConsumer a = clients.pushConsumer().group("in-flight").subscribe("InFlight", "*").consumeThreads(2)
                .listener(m -> {
                    inListener.countDown();
                    try {
                        Thread.sleep(200); // business work that is running when close() is called
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ConsumeResult.RECONSUME_LATER;
                    }
                    first.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
        send("InFlight", 0, 40);
        inListener.await();
        a.close();
        assertThat(first).isNotEmpty();

        Set<String> second = ConcurrentHashMap.newKeySet();
        clients.pushConsumer().group("in-flight").subscribe("InFlight", "*")
                .listener(m -> {
                    second.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
        await().atMost(WAIT).until(() -> {
            Set<String> all = new java.util.HashSet<>(first);
            all.addAll(second);
            return all.size() == 40;
        });
        System.out.println("DeliveryIT: close with messages in flight: " + first.size() + " consumed before close, "
                + second.size() + " after, " + (first.size() + second.size() - 40) + " duplicates");
    }
}
