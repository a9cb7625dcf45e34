package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Failed messages go through the group's retry topic on a fast schedule, then to its dead-letter queue. */
class RetryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private EmbeddedBroker broker;
    private Clients clients;
    private Producer producer;

    @BeforeEach
    void setUp() {
        broker = EmbeddedBroker.builder().retrySchedule(Duration.ofMillis(20), Duration.ofMillis(50)).build().start();
        clients = broker.clients();
        producer = clients.producer().build();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        clients.close();
        broker.close();
        RockletExtension.assertNothingLeaked("RetryIT");
    }

    private SendResult send(String topic, String body) {
        return producer.send(Message.builder(topic).tag("T").keys("k-" + body).body(body).build());
    }

    @Test
    void aMessageThatAlwaysFailsIsDeliveredMaxReconsumeTimesPlusOneThenDeadLettered() {
        List<MessageView> deliveries = new CopyOnWriteArrayList<>();
        clients.pushConsumer().group("always-fails").subscribe("Retry", "*").maxReconsumeTimes(3)
                .listener(m -> {
                    deliveries.add(m);
                    return ConsumeResult.RECONSUME_LATER;
                }).build();
        SendResult sent = send("Retry", "doomed");

        await().atMost(WAIT).until(() -> broker.admin().deadLetters("always-fails", 10).size() == 1);
        assertThat(deliveries).hasSize(4);
        assertThat(deliveries).extracting(MessageView::reconsumeTimes).containsExactly(0, 1, 2, 3);
        assertThat(deliveries).allSatisfy(m -> {
            assertThat(m.topic()).isEqualTo("Retry");
            assertThat(m.messageId()).isEqualTo(sent.messageId());
            assertThat(m.tag()).isEqualTo("T");
            assertThat(m.keys()).containsExactly("k-doomed");
            assertThat(m.bodyAsString()).isEqualTo("doomed");
        });
        MessageView dead = broker.admin().deadLetters("always-fails", 10).get(0);
        assertThat(dead.topic()).isEqualTo("Retry");
        assertThat(dead.messageId()).isEqualTo(sent.messageId());
        assertThat(dead.bodyAsString()).isEqualTo("doomed");
    }

    @Test
    void exceptionsAndNullCountAsFailuresAndASuccessStopsTheRetries() {
        AtomicInteger attempts = new AtomicInteger();
        clients.pushConsumer().group("third-time").subscribe("Flaky", "*")
                .listener(m -> switch (attempts.incrementAndGet()) {
                    case 1 -> throw new IllegalStateException("first attempt fails by throwing");
                    case 2 -> null;
                    default -> ConsumeResult.SUCCESS;
                }).build();
        send("Flaky", "x");
        await().atMost(WAIT).until(() -> attempts.get() == 3);
        send("Flaky", "after"); // a later message still flows: the retry did not block the queue
        await().atMost(WAIT).until(() -> attempts.get() == 4);
        assertThat(broker.admin().deadLetters("third-time", 10)).isEmpty();
    }

    @Test
    void aPartiallyConsumedBatchRetriesOnlyTheRest() {
        broker.admin().createTopic("Partial", 1);
        for (int i = 0; i < 4; i++) {
            send("Partial", "m" + i);
        }
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        clients.pushConsumer().group("partial").subscribe("Partial", "*").consumeBatchSize(4)
                .batchListener(batch -> {
                    batch.forEach(m -> seen.computeIfAbsent(m.bodyAsString(), k -> new AtomicInteger()).incrementAndGet());
                    if (calls.incrementAndGet() == 1 && batch.size() == 4) {
                        batch.ackIndex(1); // m0 and m1 done, m2 and m3 failed
                        return ConsumeResult.RECONSUME_LATER;
                    }
                    return ConsumeResult.SUCCESS;
                }).build();
        await().atMost(WAIT).until(() -> seen.size() == 4 && seen.get("m2").get() == 2 && seen.get("m3").get() == 2);
        assertThat(seen.get("m0").get()).isEqualTo(1);
        assertThat(seen.get("m1").get()).isEqualTo(1);
    }

    @Test
    void aListenerPastTheConsumeTimeoutIsRetriedAndItsLateResultIgnored() throws InterruptedException {
        CountDownLatch stuck = new CountDownLatch(1);
        List<Integer> reconsumes = new CopyOnWriteArrayList<>();
        clients.pushConsumer().group("slow").subscribe("Slow", "*").consumeTimeout(Duration.ofMillis(200))
                .listener(m -> {
                    reconsumes.add(m.reconsumeTimes());
                    if (m.bodyAsString().equals("x") && m.reconsumeTimes() == 0) {
                        try {
                            stuck.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return ConsumeResult.RECONSUME_LATER; // late: must be ignored
                    }
                    return ConsumeResult.SUCCESS;
                }).build();
        send("Slow", "x");
        await().atMost(WAIT).until(() -> reconsumes.contains(1));
        stuck.countDown();
        send("Slow", "sentinel");
        await().atMost(WAIT).until(() -> reconsumes.size() == 3);
        assertThat(reconsumes).containsExactly(0, 1, 0);
    }

    @Test
    void deadLettersCanBeSentAgainToTheirTopic() {
        AtomicInteger failUntil = new AtomicInteger(Integer.MAX_VALUE);
        List<MessageView> delivered = new CopyOnWriteArrayList<>();
        clients.pushConsumer().group("revived").subscribe("Revive", "*").maxReconsumeTimes(0)
                .listener(m -> {
                    delivered.add(m);
                    return delivered.size() <= failUntil.get() ? ConsumeResult.RECONSUME_LATER : ConsumeResult.SUCCESS;
                }).build();
        SendResult first = send("Revive", "a");
        send("Revive", "b");
        await().atMost(WAIT).until(() -> broker.admin().deadLetters("revived", 10).size() == 2);
        failUntil.set(2);

        assertThat(broker.admin().resendDeadLetter("revived", first.messageId())).isTrue();
        await().atMost(WAIT).until(() -> delivered.size() == 3);
        assertThat(delivered.get(2).messageId()).isEqualTo(first.messageId());
        assertThat(delivered.get(2).reconsumeTimes()).isZero();
        assertThat(delivered.get(2).topic()).isEqualTo("Revive");

        assertThat(broker.admin().resendDeadLetters("revived")).isEqualTo(2);
        await().atMost(WAIT).until(() -> delivered.size() == 5);
        assertThat(broker.admin().resendDeadLetter("revived", "no-such-id")).isFalse();
    }
}
