package io.rocklet.mq.compat4.ons;

import com.aliyun.openservices.ons.api.Consumer;
import com.aliyun.openservices.ons.api.Message;
import com.aliyun.openservices.ons.api.Producer;
import io.rocklet.mq.broker.EmbeddedBroker;
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

/**
 * ONS {@link Consumer}s: a clustering consumer with the tag expression {@code A||B} gets A and B
 * and never C; two broadcasting consumers of one group each get every message.
 */
class OnsConsumerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
        // As on Alibaba Cloud, where topics are made in the console before any client uses them: a
        // consumer of a topic that does not exist yet would find it only at its next route poll,
        // every 30 s (the SDK has no setting for it).
        broker.admin().createTopic("OnsNews", 4);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Message message(String topic, String tag, String key) {
        return new Message(topic, tag, key, (topic + " " + key).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void clusteringConsumerGetsOnlyTheTagsOfItsExpression() throws Exception {
        try (OnsClients clients = new OnsClients(broker)) {
            Producer producer = clients.producer("GID_ons_tags_producer");
            // Every C is sent before any A or B: once all of A and B arrived, a C that was going to
            // be delivered would have been pulled before them, from the same queue.
            for (int i = 0; i < 8; i++) {
                producer.send(message("OnsTags", "C", "C-" + i));
            }
            for (int i = 0; i < 8; i++) {
                producer.send(message("OnsTags", "A", "A-" + i));
                producer.send(message("OnsTags", "B", "B-" + i));
            }
            OnsInbox inbox = new OnsInbox();
            Consumer consumer = clients.consumer("GID_ons_tags_consumer");
            consumer.subscribe("OnsTags", "A||B", inbox);
            consumer.start();

            await().atMost(WAIT).until(() -> inbox.keys().size() == 16);
            assertThat(inbox.all()).extracting(Message::getTag).containsOnly("A", "B");
            assertThat(inbox.size()).isEqualTo(16);
        }
    }

    @Test
    void everyBroadcastingConsumerGetsEveryMessage() throws Exception {
        try (OnsClients clients = new OnsClients(broker)) {
            OnsInbox first = new OnsInbox();
            OnsInbox second = new OnsInbox();
            for (OnsInbox inbox : new OnsInbox[] {first, second}) {
                Consumer consumer = clients.broadcastingConsumer("GID_ons_broadcast_consumers");
                consumer.subscribe("OnsNews", "*", inbox);
                consumer.start();
            }
            Producer producer = clients.producer("GID_ons_news_producer");
            // A new broadcasting member starts at the end of each queue (the SDK allows no
            // ConsumeFromWhere): sending until both got one means both have every queue's start.
            await().atMost(WAIT).until(() -> {
                producer.send(message("OnsNews", "warm", "warm-up"));
                return first.size() > 0 && second.size() > 0;
            });
            for (int i = 0; i < 40; i++) {
                producer.send(message("OnsNews", "TagA", "n" + i));
            }
            Set<String> all = IntStream.range(0, 40).mapToObj(i -> "n" + i).collect(Collectors.toSet());
            await().atMost(WAIT).until(() -> news(first).equals(all) && news(second).equals(all));
            assertThat(first.all()).filteredOn(m -> m.getTag().equals("TagA")).hasSize(40);
            assertThat(second.all()).filteredOn(m -> m.getTag().equals("TagA")).hasSize(40);
        }
    }

    private static Set<String> news(OnsInbox inbox) {
        return inbox.all().stream().filter(m -> m.getTag().equals("TagA")).map(Message::getKey).collect(Collectors.toSet());
    }
}
