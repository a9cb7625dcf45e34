package io.rocklet.mq.compat4;

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
 * Delayed delivery from the official 4.9.x producer: delay level 1 (1 s) does not reach the
 * consumer before its time and arrives under its own topic and id. The 4.9.x client has no timer
 * API ({@code setDeliverTimeMs}, {@code setDelayTimeMs}): only the delay levels are covered here.
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
    void delayLevelIsNeverEarly() throws Exception {
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

            Message now = new Message("Reminders", "TagA", "now", "at once".getBytes(StandardCharsets.UTF_8));
            producer.send(now);

            await().atMost(Duration.ofSeconds(20)).until(() -> arrivals.keySet().containsAll(Set.of("level", "now")));
            assertThat(arrivals.get("level")).isGreaterThanOrEqualTo(levelSentAt + 1_000);
            assertThat(arrivals.get("now")).isLessThan(arrivals.get("level"));
            assertThat(received.get("level").getTopic()).isEqualTo("Reminders");
            assertThat(received.get("level").getMsgId()).isEqualTo(levelResult.getMsgId());
            assertThat(new String(received.get("level").getBody(), StandardCharsets.UTF_8)).isEqualTo("in a second");
        }
    }
}
