package io.rocklet.mq.it;

import io.rocklet.mq.api.Admin;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.StoreFullException;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The memory store's release rule on a tiny budget: a topic nobody holds is a ring; a group holds
 * what it has not consumed (sends then fail with StoreFullException naming it, and succeed again
 * once it consumes); an offline group holds only for the retention, then continues at the oldest
 * message left, counted as an OFFSET_MOVED.
 */
class StoreReleaseIT {
    private static final int SEGMENT = 64 << 10;
    private static final byte[] BODY = new byte[512];
    private static final Duration WAIT = Duration.ofSeconds(20);
    private EmbeddedBroker broker;
    private Clients clients;

    private void start(Duration retention) {
        broker = EmbeddedBroker.builder().segmentBytes(SEGMENT).storeBudgetBytes(5L * SEGMENT)
                .offlineGroupRetention(retention).build().start();
        broker.admin().createTopic("ring", 1);
        clients = broker.clients();
    }

    @AfterEach
    void tearDown() {
        clients.close();
        broker.close();
    }

    private Producer producer() {
        return clients.producer().sendTimeout(Duration.ofMillis(300)).retries(0).build();
    }

    private static Message message(int i) {
        return Message.builder("ring").keys("k" + i).body(BODY).build();
    }

    /** Sends until a send fails for a full store; returns how many went. Fails after {@code limit}. */
    private static int sendUntilFull(Producer producer, int limit) {
        for (int i = 0; i < limit; i++) {
            try {
                producer.send(message(i));
            } catch (StoreFullException e) {
                return i;
            }
        }
        throw new AssertionError("the store never filled in " + limit + " sends");
    }

    private static void awaitQuietly(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTopicNobodyHoldsIsARing() {
        start(Duration.ofSeconds(60));
        Producer producer = producer();
        int sent = 20 * SEGMENT / BODY.length; // ~4x the budget
        for (int i = 0; i < sent; i++) {
            producer.send(message(i));
        }
        MessageQueue queue = broker.admin().queues("ring").get(0);
        Admin admin = broker.admin();
        assertThat(admin.maxOffset(queue)).isEqualTo(sent);
        assertThat(admin.minOffset(queue)).isGreaterThan(0);

        try (PullConsumer consumer = clients.pullConsumer().group("late").build()) {
            consumer.assign(List.of(queue));
            consumer.seek(queue, admin.minOffset(queue));
            long oldMin = admin.minOffset(queue);
            for (int i = 0; i < sent; i++) {
                producer.send(message(i)); // the ring turns past where the consumer stands
            }
            List<MessageView> first = await().atMost(WAIT).until(() -> consumer.poll(Duration.ofMillis(100)), m -> !m.isEmpty());
            assertThat(first.get(0).queueOffset()).isGreaterThan(oldMin);
        }
        assertThat(broker.offsetMovedCount()).isEqualTo(1);
    }

    @Test
    void aLiveGroupHoldsWhatItHasNotConsumed() throws Exception {
        start(Duration.ofSeconds(60));
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger consumed = new AtomicInteger();
        try (PushConsumer consumer = clients.pushConsumer().group("slow").subscribe("ring", "*")
                .autoCommitInterval(Duration.ofMillis(50))
                .listener(m -> {
                    awaitQuietly(gate);
                    consumed.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build()) {
            // A group holds from its first heartbeat: before that the topic is still a ring.
            await().atMost(WAIT).until(() -> consumer.assignment().stream().anyMatch(q -> q.topic().equals("ring")));
            Producer producer = producer();
            int sent = sendUntilFull(producer, 100_000);
            assertThatThrownBy(() -> producer.send(message(-1)))
                    .isInstanceOf(StoreFullException.class)
                    .hasMessageContaining("consumer group slow holds topic ring queue 0 at offset 0");

            gate.countDown();
            await().atMost(WAIT).until(() -> consumed.get() >= sent);
            await().atMost(WAIT).ignoreExceptionsInstanceOf(StoreFullException.class)
                    .until(() -> producer.send(message(-2)) != null);
        }
        assertThat(broker.offsetMovedCount()).isZero();
    }

    @Test
    void anOfflineGroupHoldsOnlyForItsRetention() {
        start(Duration.ofMillis(500));
        AtomicInteger consumed = new AtomicInteger();
        Producer producer = producer();
        try (PushConsumer consumer = clients.pushConsumer().group("away").subscribe("ring", "*")
                .listener(m -> {
                    consumed.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build()) {
            producer.send(message(0));
            await().atMost(WAIT).until(() -> consumed.get() == 1);
        }
        int sent = sendUntilFull(producer, 100_000);
        assertThat(sent).isPositive();
        await().atMost(WAIT).ignoreExceptionsInstanceOf(StoreFullException.class)
                .until(() -> producer.send(message(-1)) != null);
        for (int i = 0; i < 4 * sent; i++) {
            producer.send(message(i)); // the ring turns: the group's next message is released
        }

        AtomicInteger afterReturn = new AtomicInteger();
        try (PushConsumer consumer = clients.pushConsumer().group("away").subscribe("ring", "*")
                .listener(m -> {
                    afterReturn.incrementAndGet();
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(WAIT).until(() -> afterReturn.get() > 0);
        }
        assertThat(broker.offsetMovedCount()).isEqualTo(1);
    }

    @Test
    void aFailedMessageTheBrokerCannotTakeBackIsRetriedLocally() {
        start(Duration.ofSeconds(60));
        broker.admin().createTopic("work", 1);
        CountDownLatch gate = new CountDownLatch(1);
        try (PushConsumer holder = clients.pushConsumer().group("slow").subscribe("ring", "*")
                .listener(m -> {
                    awaitQuietly(gate);
                    return ConsumeResult.SUCCESS;
                }).build()) {
            await().atMost(WAIT).until(() -> holder.assignment().stream().anyMatch(q -> q.topic().equals("ring")));
            List<Integer> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch full = new CountDownLatch(1);
            try (PushConsumer failing = clients.pushConsumer().group("failing").subscribe("work", "*")
                    .listener(m -> {
                        attempts.add(m.reconsumeTimes());
                        if (attempts.size() == 1) {
                            awaitQuietly(full); // fail only once the store has no room for the retry copy
                            return ConsumeResult.RECONSUME_LATER;
                        }
                        return ConsumeResult.SUCCESS;
                    }).build()) {
                await().atMost(WAIT).until(() -> failing.assignment().stream().anyMatch(q -> q.topic().equals("work")));
                Producer producer = producer();
                producer.send(Message.builder("work").body("job").build());
                sendUntilFull(producer, 100_000);
                full.countDown();
                await().atMost(WAIT).until(() -> attempts.size() == 2);
                assertThat(attempts).as("retried here, not through the retry topic").containsExactly(0, 0);
                assertThat(failing.metrics().failed()).isEqualTo(1);
            }
            gate.countDown();
        }
    }
}
