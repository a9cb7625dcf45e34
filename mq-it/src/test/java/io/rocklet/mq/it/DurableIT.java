package io.rocklet.mq.it;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.FlushPolicy;
import io.rocklet.mq.api.InvalidConfigurationException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.api.TransactionProducer;
import io.rocklet.mq.api.TransactionResolution;
import io.rocklet.mq.broker.EmbeddedBroker;
import io.rocklet.mq.testkit.RockletExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The file medium: a restart continues where the broker stopped. */
class DurableIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @AfterEach
    void noLeaks() throws InterruptedException {
        RockletExtension.assertNothingLeaked("DurableIT");
    }

    private EmbeddedBroker open(FlushPolicy policy) {
        return EmbeddedBroker.builder().dataDirectory(dir).flushPolicy(policy).segmentBytes(1 << 20)
                .retrySchedule(RockletExtension.TEST_RETRY_SCHEDULE).transactionCheckImmunity(Duration.ofMillis(100))
                .transactionCheckInterval(Duration.ofMillis(100)).build().start();
    }

    @Test
    void aRestartKeepsMessagesOffsetsAndTopicConfigs() {
        int total = 100_000;
        Set<String> first = ConcurrentHashMap.newKeySet();
        try (EmbeddedBroker broker = open(FlushPolicy.ASYNC); Clients clients = broker.clients()) {
            broker.admin().createTopic("Orders", 4);
            broker.admin().createTopic("Payments", 2);
            Producer producer = clients.producer().build();
            for (int i = 0; i < total; i++) {
                producer.send(Message.of(i % 2 == 0 ? "Orders" : "Payments", "m" + i));
            }
            PushConsumer consumer = clients.pushConsumer().group("billing").subscribe("Orders", "*").subscribe("Payments", "*")
                    .listener(m -> {
                        first.add(m.bodyAsString());
                        return ConsumeResult.SUCCESS;
                    }).build();
            await().atMost(WAIT).until(() -> first.size() >= total / 2);
            consumer.close();
        }

        Set<String> second = ConcurrentHashMap.newKeySet();
        AtomicInteger repeats = new AtomicInteger();
        long start = System.nanoTime();
        try (EmbeddedBroker broker = open(FlushPolicy.ASYNC); Clients clients = broker.clients()) {
            System.out.println("DurableIT: reopened " + total + " messages in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertThat(broker.admin().queues("Orders")).hasSize(4);
            assertThat(broker.admin().queues("Payments")).hasSize(2);
            long stored = 0;
            for (String topic : new String[]{"Orders", "Payments"}) {
                for (MessageQueue q : broker.admin().queues(topic)) {
                    stored += broker.admin().maxOffset(q);
                    assertThat(broker.admin().committedOffset("billing", q)).isPositive();
                }
            }
            assertThat(stored).isEqualTo(total);
            clients.pushConsumer().group("billing").subscribe("Orders", "*").subscribe("Payments", "*")
                    .listener(m -> {
                        if (first.contains(m.bodyAsString()) || !second.add(m.bodyAsString())) {
                            repeats.incrementAndGet();
                        }
                        return ConsumeResult.SUCCESS;
                    }).build();
            await().atMost(WAIT).until(() -> first.size() + second.size() - overlap(first, second) == total);
        }
        System.out.println("DurableIT: " + first.size() + " consumed before the restart, " + second.size() + " after, "
                + repeats.get() + " delivered again");
        assertThat(repeats.get()).as("close() committed exactly").isZero();
    }

    private static int overlap(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size();
    }

    @Test
    void theSendResultTellsTheFlushPolicy() {
        try (EmbeddedBroker broker = open(FlushPolicy.SYNC); Clients clients = broker.clients()) {
            assertThat(clients.producer().build().send(Message.of("Sync", "x")).flushPolicy()).isEqualTo(FlushPolicy.SYNC);
        }
        try (EmbeddedBroker broker = open(FlushPolicy.ASYNC); Clients clients = broker.clients()) {
            assertThat(clients.producer().build().send(Message.of("Async", "x")).flushPolicy()).isEqualTo(FlushPolicy.ASYNC);
        }
        try (EmbeddedBroker broker = EmbeddedBroker.builder().build().start(); Clients clients = broker.clients()) {
            assertThat(clients.producer().build().send(Message.of("Memory", "x")).flushPolicy()).isEqualTo(FlushPolicy.NONE);
        }
    }

    @Test
    void aSecondBrokerCannotOpenTheSameDirectory() {
        try (EmbeddedBroker broker = open(FlushPolicy.ASYNC)) {
            assertThatThrownBy(() -> open(FlushPolicy.ASYNC))
                    .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("in use by another broker");
        }
        open(FlushPolicy.ASYNC).close(); // free again once the first closed
    }

    @Test
    void delayedAndHalfMessagesSurviveARestart() {
        long dueAt;
        String halfId;
        try (EmbeddedBroker broker = open(FlushPolicy.SYNC); Clients clients = broker.clients()) {
            SendResult delayed = clients.producer().build().send(Message.builder("Later").body("due").delay(Duration.ofMillis(1500)).build());
            dueAt = System.currentTimeMillis() + 1500;
            assertThat(delayed.queueOffset()).isEqualTo(-1);
            TransactionProducer tx = clients.transactionProducer().group("tx").checker(m -> TransactionResolution.UNKNOWN).build();
            halfId = tx.send(Message.of("Later", "half"), (m, arg) -> TransactionResolution.UNKNOWN, null).sendResult().messageId();
        }
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        Map<String, Long> deliverAt = new ConcurrentHashMap<>();
        try (EmbeddedBroker broker = open(FlushPolicy.SYNC); Clients clients = broker.clients()) {
            clients.pushConsumer().group("later").subscribe("Later", "*")
                    .listener(m -> {
                        seenAt.put(m.bodyAsString(), System.currentTimeMillis());
                        deliverAt.put(m.bodyAsString(), m.deliverAtMs());
                        return ConsumeResult.SUCCESS;
                    }).build();
            clients.transactionProducer().group("tx").checker(m -> TransactionResolution.COMMIT).build()
                    .send(Message.of("Other", "joins the group"), (m, arg) -> TransactionResolution.ROLLBACK, null);
            await().atMost(WAIT).until(() -> seenAt.containsKey("due") && seenAt.containsKey("half"));
            assertThat(seenAt.get("due")).as("not before its time").isGreaterThanOrEqualTo(deliverAt.get("due"));
            assertThat(deliverAt.get("due")).isBetween(dueAt - 1500, dueAt);
            assertThat(halfId).isNotEmpty();
        }
    }

    @Test
    void retentionDeletesOldSegmentsButNotOnesWithWaitingDelayedMessages() throws Exception {
        Path held = dir.resolve("held");
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDirectory(held).segmentBytes(256 << 10)
                .retention(Duration.ZERO).build().start(); Clients clients = broker.clients()) {
            Producer producer = clients.producer().build();
            producer.send(Message.builder("Kept").body("waits a day").delay(Duration.ofDays(1)).build());
            for (int i = 0; i < 5000; i++) {
                producer.send(Message.of("Kept", "m" + i));
            }
            MessageQueue queue = broker.admin().queues("Kept").get(0);
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                    .until(() -> broker.admin().minOffset(queue) == 0);
        }
        Path free = dir.resolve("free");
        try (EmbeddedBroker broker = EmbeddedBroker.builder().dataDirectory(free).segmentBytes(256 << 10)
                .retention(Duration.ZERO).build().start(); Clients clients = broker.clients()) {
            Producer producer = clients.producer().build();
            for (int i = 0; i < 5000; i++) {
                producer.send(Message.of("Aged", "m" + i));
            }
            MessageQueue queue = broker.admin().queues("Aged").get(0);
            await().atMost(WAIT).until(() -> broker.admin().minOffset(queue) > 0);
            try (var files = java.nio.file.Files.list(free.resolve("commitlog"))) {
                assertThat(files.filter(p -> p.getFileName().toString().matches("\\d{20}")).count()).isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void aBroadcastingInstanceWithAnOffsetDirectoryContinuesWhereItStopped() {
        Path offsets = dir.resolve("broadcast-offsets");
        try (EmbeddedBroker broker = open(FlushPolicy.ASYNC); Clients clients = broker.clients()) {
            broker.admin().createTopic("News", 2);
            Producer producer = clients.producer().build();
            Set<String> first = ConcurrentHashMap.newKeySet();
            PushConsumer reader = broadcastReader(clients, offsets, first);
            await().atMost(WAIT).until(() -> reader.assignment().size() == 2);
            for (int i = 0; i < 10; i++) {
                producer.send(Message.of("News", "old-" + i));
            }
            await().atMost(WAIT).until(() -> first.size() == 10);
            reader.close();
            for (int i = 0; i < 10; i++) {
                producer.send(Message.of("News", "new-" + i));
            }
            Set<String> second = ConcurrentHashMap.newKeySet();
            broadcastReader(clients, offsets, second);
            await().atMost(WAIT).until(() -> second.size() == 10);
            assertThat(second).allMatch(body -> body.startsWith("new-"));
        }
    }

    private static PushConsumer broadcastReader(Clients clients, Path offsets, Set<String> seen) {
        return clients.pushConsumer().group("news-readers").subscribe("News", "*")
                .messageModel(io.rocklet.mq.api.MessageModel.BROADCASTING).broadcastOffsets(offsets, "reader-1")
                .listener(m -> {
                    seen.add(m.bodyAsString());
                    return ConsumeResult.SUCCESS;
                }).build();
    }
}
