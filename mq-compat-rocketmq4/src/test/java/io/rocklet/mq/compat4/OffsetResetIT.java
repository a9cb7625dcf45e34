package io.rocklet.mq.compat4;

import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An admin offset reset reaches a running official push consumer (RESET_CONSUMER_CLIENT_OFFSET,
 * code 220): it drops what it buffered, continues from the new offsets and consumes the topic
 * again. The official client pauses its queues for 10 s while it applies a reset.
 */
class OffsetResetIT {
    private static final String TOPIC = "Replay";
    private static final int QUEUES = 2;
    private static final int MESSAGES = 20;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
        broker.admin().createTopic(TOPIC, QUEUES);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void resetToFirstMakesARunningConsumerConsumeAgain() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            DefaultMQProducer producer = clients.producer("replay-producer");
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(new Message(TOPIC, "TagA", "r" + i, ("replay " + i).getBytes(StandardCharsets.UTF_8)));
            }
            Inbox inbox = new Inbox();
            DefaultMQPushConsumer consumer = clients.pushConsumer("replay-consumers");
            consumer.subscribe(TOPIC, "*");
            consumer.registerMessageListener(inbox);
            consumer.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> consumedTotal(consumer) == MESSAGES);
            assertThat(inbox.size()).isEqualTo(MESSAGES);

            broker.admin().resetOffsets("replay-consumers", TOPIC, ConsumeFromWhere.FIRST);

            await().atMost(Duration.ofSeconds(30)).until(() -> inbox.size() >= 2 * MESSAGES);
            IntStream.range(0, MESSAGES).forEach(i -> assertThat(inbox.countOf("r" + i)).as("deliveries of r%d", i).isEqualTo(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> consumedTotal(consumer) == MESSAGES);
        }
    }

    private static long consumedTotal(DefaultMQPushConsumer consumer) {
        long total = 0;
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            total += Math.max(0, OfficialClients.consumedOffset(consumer, new MessageQueue(TOPIC, broker.name(), queueId)));
        }
        return total;
    }
}
