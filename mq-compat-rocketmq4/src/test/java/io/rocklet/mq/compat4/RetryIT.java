package io.rocklet.mq.compat4;

import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code RECONSUME_LATER} sends a message back through the broker's retry topic: it comes back
 * with a growing {@code reconsumeTimes}, under its original topic and id, after the broker's
 * retry delay (shortened here); after {@code maxReconsumeTimes} it lands in the group's DLQ.
 */
class RetryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EmbeddedBroker broker;
    private OfficialClients clients;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp()
                .retrySchedule(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150)).build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void openClients() {
        clients = new OfficialClients(broker);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    /** A consumer that answers RECONSUME_LATER to the first {@code failures} deliveries, and what it saw. */
    private record Failing(DefaultMQPushConsumer consumer, List<MessageExt> deliveries) {
    }

    private Failing consumeFailing(String topic, String group, int failures, int maxReconsumeTimes) throws Exception {
        List<MessageExt> deliveries = new CopyOnWriteArrayList<>();
        DefaultMQPushConsumer consumer = clients.pushConsumer(group);
        consumer.subscribe(topic, "*");
        consumer.setMaxReconsumeTimes(maxReconsumeTimes);
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            deliveries.addAll(msgs);
            return deliveries.size() <= failures ? ConsumeConcurrentlyStatus.RECONSUME_LATER : ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return new Failing(consumer, deliveries);
    }

    @Test
    void reconsumeLaterRedeliversWithGrowingReconsumeTimes() throws Exception {
        DefaultMQProducer producer = clients.producer("retry-producer");
        Message message = new Message("Flaky", "TagA", "order-1", "pay".getBytes(StandardCharsets.UTF_8));
        message.putUserProperty("attempt", "first");
        SendResult sent = producer.send(message);

        Failing failing = consumeFailing("Flaky", "flaky-consumers", 2, 16);
        List<MessageExt> deliveries = failing.deliveries();
        await().atMost(WAIT).until(() -> deliveries.size() >= 3);
        assertThat(deliveries).extracting(MessageExt::getReconsumeTimes).startsWith(0, 1, 2);
        for (MessageExt delivery : deliveries.subList(0, 3)) {
            assertThat(delivery.getTopic()).isEqualTo("Flaky");
            assertThat(delivery.getMsgId()).isEqualTo(sent.getMsgId());
            assertThat(delivery.getKeys()).isEqualTo("order-1");
            assertThat(delivery.getTags()).isEqualTo("TagA");
            assertThat(delivery.getUserProperty("attempt")).isEqualTo("first");
            assertThat(new String(delivery.getBody(), StandardCharsets.UTF_8)).isEqualTo("pay");
        }
        // The third delivery succeeded: the retry topic's offset passes it and nothing more comes.
        MessageQueue retryQueue = new MessageQueue("%RETRY%flaky-consumers", broker.name(), 0);
        await().atMost(WAIT).until(() -> OfficialClients.consumedOffset(failing.consumer(), retryQueue) == 2);
        assertThat(deliveries).hasSize(3);
    }

    @Test
    void goesToTheDeadLetterQueueAfterMaxReconsumeTimes() throws Exception {
        DefaultMQProducer producer = clients.producer("doomed-producer");
        SendResult sent = producer.send(new Message("Doomed", "TagA", "order-2", "refund".getBytes(StandardCharsets.UTF_8)));

        List<MessageExt> deliveries = consumeFailing("Doomed", "doomed-consumers", Integer.MAX_VALUE, 2).deliveries();
        await().atMost(WAIT).until(() -> !broker.admin().deadLetters("doomed-consumers", 10).isEmpty());
        List<MessageView> dead = broker.admin().deadLetters("doomed-consumers", 10);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageId()).isEqualTo(sent.getMsgId());
        assertThat(dead.get(0).keys()).containsExactly("order-2");
        assertThat(dead.get(0).bodyAsString()).isEqualTo("refund");
        // One first delivery and two reconsumes, then no more.
        assertThat(deliveries).extracting(MessageExt::getReconsumeTimes).containsExactly(0, 1, 2);
    }
}
