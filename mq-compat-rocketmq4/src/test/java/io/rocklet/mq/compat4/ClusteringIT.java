package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three official push consumers of one group share a topic's eight queues; when one shuts down in
 * the middle of the stream the other two take its queues over from its committed offsets, and no
 * message is lost.
 */
class ClusteringIT {
    private static final String TOPIC = "Shared";
    private static final String GROUP = "shared-consumers";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
        broker.admin().createTopic(TOPIC, 8);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void membersShareQueuesAndNoMessageIsLostWhenOneLeaves() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            DefaultMQProducer producer = clients.producer("shared-producer");
            Inbox[] inboxes = {new Inbox(), new Inbox(), new Inbox()};
            DefaultMQPushConsumer[] members = new DefaultMQPushConsumer[3];
            for (int i = 0; i < 3; i++) {
                members[i] = clients.pushConsumer(GROUP);
                members[i].subscribe(TOPIC, "*");
                members[i].registerMessageListener(inboxes[i]);
                members[i].start();
            }
            // Balanced: 3 + 3 + 2 (a member alone holds all 8 until the others' rebalance ran).
            await().atMost(WAIT).until(() -> assignedQueues(members).equals(List.of(2L, 3L, 3L)));

            send(producer, 0, 200);
            await().atMost(WAIT).untilAsserted(() -> {
                for (Inbox inbox : inboxes) {
                    assertThat(inbox.size()).as("every member consumes a share").isPositive();
                }
            });
            members[2].shutdown();
            send(producer, 200, 400);

            Set<String> expected = new HashSet<>(IntStream.range(0, 400).mapToObj(i -> "k" + i).toList());
            await().atMost(WAIT).until(() -> received(inboxes).containsAll(expected));
            assertThat(received(inboxes)).isEqualTo(expected);
        }
    }

    /** How many of the topic's queues each member holds, smallest first. */
    private static List<Long> assignedQueues(DefaultMQPushConsumer[] members) {
        List<Long> counts = new ArrayList<>();
        for (DefaultMQPushConsumer member : members) {
            counts.add(member.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                    .filter(q -> q.getTopic().equals(TOPIC)).count());
        }
        counts.sort(null);
        return counts;
    }

    private static void send(DefaultMQProducer producer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new Message(TOPIC, "TagA", "k" + i, ("m" + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Set<String> received(Inbox[] inboxes) {
        Set<String> keys = new HashSet<>();
        for (Inbox inbox : inboxes) {
            inbox.all().stream().map(MessageExt::getKeys).forEach(keys::add);
        }
        return keys;
    }
}
