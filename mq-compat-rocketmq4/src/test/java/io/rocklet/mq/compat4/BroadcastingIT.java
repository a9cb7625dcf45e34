package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two broadcasting consumers of one group each receive every message. */
class BroadcastingIT {
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
    void everyMemberReceivesEveryMessage() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            Inbox first = new Inbox();
            Inbox second = new Inbox();
            for (Inbox inbox : new Inbox[] {first, second}) {
                DefaultMQPushConsumer consumer = clients.pushConsumer("broadcast-consumers");
                consumer.setMessageModel(MessageModel.BROADCASTING);
                // Broadcasting members keep offsets locally; FIRST makes a new one read the topic from its start.
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
                consumer.subscribe("News", "*");
                consumer.registerMessageListener(inbox);
                consumer.start();
            }
            DefaultMQProducer producer = clients.producer("news-producer");
            for (int i = 0; i < 40; i++) {
                producer.send(new Message("News", "TagA", "n" + i, ("news " + i).getBytes(StandardCharsets.UTF_8)));
            }
            Set<String> all = IntStream.range(0, 40).mapToObj(i -> "n" + i).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(20)).until(() -> first.keys().equals(all) && second.keys().equals(all));
            assertThat(first.size()).isEqualTo(40);
            assertThat(second.size()).isEqualTo(40);
        }
    }
}
