package io.rocklet.mq.scenarios;

import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.MQException;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two brokers under one name server, a topic's queues on both; one broker stops in the middle of a
 * stream. Producers move to the other broker and consumers keep consuming; once the stopped broker
 * is back on its store, every message a send acknowledged has been consumed (what the stopped
 * broker held when it went down waits for it: neither broker replicates). The backend has two
 * brokers; {@link #stopSecondBroker()} stops one.
 */
public abstract class ClusterScenarios extends Scenarios {

    /** Stops the second broker; returns once the name server no longer routes to it. */
    protected abstract void stopSecondBroker();

    protected abstract String secondBrokerName();

    /** Starts the second broker again on its store (what it acknowledged and nobody consumed is still there). */
    protected abstract void restartSecondBroker() throws Exception;

    @Test
    void aBrokerStopsMidStreamAndEveryAcknowledgedMessageIsConsumed() throws Exception {
        String topic = topic("Cluster", 4);
        Map<String, String> acked = new ConcurrentHashMap<>(); // message id -> broker name
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        AtomicInteger failedSends = new AtomicInteger();
        try (PushConsumer consumer = pushConsumer(clients, name("cg"), topic, "*").listener(m -> {
            consumed.add(m.messageId());
            return ConsumeResult.SUCCESS;
        }).build()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.assignment().stream()
                    .filter(q -> q.topic().equals(topic)).count() == 8);
            Producer producer = clients.producer().group(name("pg")).build();
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread stream = new Thread(() -> {
                for (int i = 0; sending.get(); i++) {
                    try {
                        SendResult result = producer.send(Message.of(topic, "m" + i));
                        acked.put(result.messageId(), result.queue().brokerName());
                    } catch (MQException e) {
                        failedSends.incrementAndGet(); // not acknowledged: the caller knows it may be lost
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // a steady stream, not a flood
                }
            }, "cluster-stream");
            stream.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= 300
                    && acked.containsValue(secondBrokerName()));
            int beforeStop = acked.size();
            stopSecondBroker();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= beforeStop + 300);
            sending.set(false);
            stream.join();
            long toFirst = acked.values().stream().filter(b -> !b.equals(secondBrokerName())).count();
            assertThat(toFirst).isGreaterThan(300);
            restartSecondBroker();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Set<String> missing = new HashSet<>(acked.keySet());
                missing.removeAll(consumed);
                assertThat(missing).as("acknowledged but not consumed (of %s acked, %s sends failed)", acked.size(),
                        failedSends.get()).isEmpty();
            });
        }
    }
}
