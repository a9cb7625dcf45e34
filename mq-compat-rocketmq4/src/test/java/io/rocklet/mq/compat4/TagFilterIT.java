package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tag expression {@code TagA || TagB} delivers those two tags and never TagC. */
class TagFilterIT {
    private static final String TOPIC = "Tags";
    private static final String[] TAGS = {"TagA", "TagB", "TagC"};
    private static final int QUEUES = 4;
    private static final int PER_QUEUE = 8;
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
    void deliversOnlyTheSubscribedTags() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            DefaultMQProducer producer = clients.producer("tags-producer");
            int matching = 0;
            for (int queueId = 0; queueId < QUEUES; queueId++) {
                // TagA, TagB, TagC, ... ending with a matching tag: once the consumer's offset of a
                // queue is past its last message, every TagC before it was filtered out, not still on its way.
                for (int i = 0; i < PER_QUEUE; i++) {
                    String tag = TAGS[i % 3];
                    matching += tag.equals("TagC") ? 0 : 1;
                    producer.send(new Message(TOPIC, tag, tag + "-" + queueId + "-" + i, new byte[] {(byte) i}),
                            new MessageQueue(TOPIC, broker.name(), queueId));
                }
            }
            Inbox inbox = new Inbox();
            DefaultMQPushConsumer consumer = clients.pushConsumer("tags-consumer");
            consumer.subscribe(TOPIC, "TagA || TagB");
            consumer.registerMessageListener(inbox);
            consumer.start();

            int expected = matching;
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox.keys().size() == expected
                    && consumedTotal(consumer) == QUEUES * PER_QUEUE);
            assertThat(inbox.all()).extracting(MessageExt::getTags).containsOnly("TagA", "TagB");
            assertThat(inbox.size()).isEqualTo(expected);
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
