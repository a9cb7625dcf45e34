package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OfficialClientIT {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.builder().tcp().build().start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void officialProducerAndPushConsumerMoveMessages() throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("compat-producer");
        producer.setNamesrvAddr(broker.nameServerAddress());
        producer.start();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("compat-consumer");
        consumer.setNamesrvAddr(broker.nameServerAddress());
        consumer.subscribe("CompatTopic", "*");
        List<MessageExt> received = new CopyOnWriteArrayList<>();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            received.addAll(msgs);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            SendResult result = producer.send(new Message("CompatTopic", "TagA", "key-1", "hello".getBytes(StandardCharsets.UTF_8)));
            assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            MessageExt m = received.get(0);
            assertThat(new String(m.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(m.getTags()).isEqualTo("TagA");
            assertThat(m.getKeys()).isEqualTo("key-1");
            assertThat(m.getMsgId()).isEqualTo(result.getMsgId());
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }
}
