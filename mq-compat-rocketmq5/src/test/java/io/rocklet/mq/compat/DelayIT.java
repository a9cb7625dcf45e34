package io.rocklet.mq.compat;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delayed delivery from the official producer: delay level 1 (1 s), an arbitrary delivery time
 * ({@code setDeliverTimeMs}) and a delay ({@code setDelayTimeMs}); none reaches the consumer
 * before its time, and each arrives under its own topic and id.
 */
class DelayIT {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void delayLevelAndDeliveryTimeAreNeverEarly() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            Map<String, MessageExt> received = new ConcurrentHashMap<>();
            DefaultMQPushConsumer consumer = clients.pushConsumer("delay-consumer");
            consumer.subscribe("Reminders", "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                long now = System.currentTimeMillis();
                for (MessageExt m : messages) {
                    arrivals.putIfAbsent(m.getKeys(), now);
                    received.putIfAbsent(m.getKeys(), m);
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            DefaultMQProducer producer = clients.producer("delay-producer");

            Message byLevel = new Message("Reminders", "TagA", "level", "in a second".getBytes(StandardCharsets.UTF_8));
            byLevel.setDelayTimeLevel(1);
            long levelSentAt = System.currentTimeMillis();
            SendResult levelResult = producer.send(byLevel);

            Message byTime = new Message("Reminders", "TagA", "time", "at a time".getBytes(StandardCharsets.UTF_8));
            long deliverAt = System.currentTimeMillis() + 1_500;
            byTime.setDeliverTimeMs(deliverAt);
            SendResult timeResult = producer.send(byTime);

            Message byDelay = new Message("Reminders", "TagA", "delay", "after a delay".getBytes(StandardCharsets.UTF_8));
            byDelay.setDelayTimeMs(800);
            long delaySentAt = System.currentTimeMillis();
            producer.send(byDelay);

            Message now = new Message("Reminders", "TagA", "now", "at once".getBytes(StandardCharsets.UTF_8));
            producer.send(now);

            await().atMost(Duration.ofSeconds(20)).until(() -> arrivals.keySet().containsAll(Set.of("level", "time", "delay", "now")));
            assertThat(arrivals.get("level")).isGreaterThanOrEqualTo(levelSentAt + 1_000);
            assertThat(arrivals.get("time")).isGreaterThanOrEqualTo(deliverAt);
            assertThat(arrivals.get("delay")).isGreaterThanOrEqualTo(delaySentAt + 800);
            assertThat(arrivals.get("now")).isLessThan(arrivals.get("level"));
            assertThat(received.get("level").getTopic()).isEqualTo("Reminders");
            assertThat(received.get("level").getMsgId()).isEqualTo(levelResult.getMsgId());
            assertThat(new String(received.get("level").getBody(), StandardCharsets.UTF_8)).isEqualTo("in a second");
            assertThat(received.get("time").getTopic()).isEqualTo("Reminders");
            assertThat(received.get("time").getMsgId()).isEqualTo(timeResult.getMsgId());
            assertThat(received.get("time").getStoreTimestamp()).isGreaterThanOrEqualTo(deliverAt);
        }
    }
}
