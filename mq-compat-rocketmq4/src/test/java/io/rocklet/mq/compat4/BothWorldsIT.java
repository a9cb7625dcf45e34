package io.rocklet.mq.compat4;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.SendResult;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rocklet's own in-process clients and the official client over TCP meet in the same broker: a
 * message keeps its id, keys, tag, properties and body from one world to the other (a body the
 * official producer compressed arrives inflated at a Rocklet consumer), and the offsets an
 * official consumer commits are the ones Rocklet's admin reports.
 */
class BothWorldsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EmbeddedBroker broker;
    private OfficialClients official;
    private Clients rocklet;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void openClients() {
        official = new OfficialClients(broker);
        rocklet = broker.clients();
    }

    @AfterEach
    void closeClients() {
        official.close();
        rocklet.close();
    }

    @Test
    void rockletProducerToOfficialConsumer() throws Exception {
        Producer producer = rocklet.producer().group("rocklet-producer").build();
        byte[] big = "large and in charge ".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        SendResult small = producer.send(io.rocklet.mq.api.Message.builder("FromRocklet").tag("TagA").keys("k1", "k2")
                .property("color", "red").body("hello from rocklet").build());
        SendResult large = producer.send(io.rocklet.mq.api.Message.builder("FromRocklet").tag("TagB").keys("k3")
                .body(big).build());

        Inbox inbox = new Inbox();
        DefaultMQPushConsumer consumer = official.pushConsumer("official-readers");
        consumer.subscribe("FromRocklet", "*");
        consumer.registerMessageListener(inbox);
        consumer.start();
        await().atMost(WAIT).until(() -> inbox.keys().size() == 2);

        MessageExt first = inbox.byKey("k1 k2");
        assertThat(first.getMsgId()).isEqualTo(small.messageId());
        assertThat(((MessageClientExt) first).getOffsetMsgId()).isEqualTo(small.offsetMessageId());
        assertThat(first.getTopic()).isEqualTo("FromRocklet");
        assertThat(first.getTags()).isEqualTo("TagA");
        assertThat(first.getUserProperty("color")).isEqualTo("red");
        assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello from rocklet");
        assertThat(first.getQueueId()).isEqualTo(small.queue().queueId());
        assertThat(first.getQueueOffset()).isEqualTo(small.queueOffset());
        MessageExt second = inbox.byKey("k3");
        assertThat(second.getMsgId()).isEqualTo(large.messageId());
        assertThat(second.getBody()).isEqualTo(big);

        // What the official consumer commits over TCP is what the admin reports.
        Map<MessageQueue, Long> consumed = new ConcurrentHashMap<>();
        await().atMost(WAIT).until(() -> {
            for (io.rocklet.mq.api.MessageQueue q : List.of(small.queue(), large.queue())) {
                MessageQueue queue = new MessageQueue(q.topic(), q.brokerName(), q.queueId());
                consumed.put(queue, OfficialClients.consumedOffset(consumer, queue));
            }
            return consumed.get(officialQueue(small)) > small.queueOffset() && consumed.get(officialQueue(large)) > large.queueOffset();
        });
        consumer.shutdown(); // persists its offsets
        consumed.forEach((queue, offset) -> assertThat(broker.admin().committedOffset("official-readers",
                new io.rocklet.mq.api.MessageQueue(queue.getTopic(), queue.getBrokerName(), queue.getQueueId())))
                .as("committed offset of %s", queue).isEqualTo(offset));
    }

    @Test
    void officialProducerToRockletConsumer() throws Exception {
        DefaultMQProducer producer = official.producer("official-producer");
        Message small = new Message("FromOfficial", "TagA", "a b", "hello from the official client".getBytes(StandardCharsets.UTF_8));
        small.putUserProperty("color", "blue");
        byte[] big = "compress me please ".repeat(1_000).getBytes(StandardCharsets.UTF_8); // > 4 KiB: zlib on the wire
        Message large = new Message("FromOfficial", "TagB", "c", big);
        org.apache.rocketmq.client.producer.SendResult smallResult = producer.send(small);
        org.apache.rocketmq.client.producer.SendResult largeResult = producer.send(large);

        Map<String, MessageView> received = new ConcurrentHashMap<>();
        rocklet.pushConsumer().group("rocklet-readers").subscribe("FromOfficial", "*")
                .listener(m -> {
                    received.put(m.messageId(), m);
                    return ConsumeResult.SUCCESS;
                }).build();
        await().atMost(WAIT).until(() -> received.size() == 2);

        MessageView first = received.get(smallResult.getMsgId());
        assertThat(first).isNotNull();
        assertThat(first.topic()).isEqualTo("FromOfficial");
        assertThat(first.tag()).isEqualTo("TagA");
        assertThat(first.keys()).containsExactly("a", "b");
        assertThat(first.properties()).containsEntry("color", "blue");
        assertThat(first.bodyAsString()).isEqualTo("hello from the official client");
        assertThat(first.queue().queueId()).isEqualTo(smallResult.getMessageQueue().getQueueId());
        assertThat(first.queueOffset()).isEqualTo(smallResult.getQueueOffset());
        MessageView second = received.get(largeResult.getMsgId());
        assertThat(second).isNotNull();
        assertThat(second.keys()).containsExactly("c");
        assertThat(second.body()).isEqualTo(big);
    }

    private static MessageQueue officialQueue(SendResult result) {
        return new MessageQueue(result.queue().topic(), result.queue().brokerName(), result.queue().queueId());
    }
}
