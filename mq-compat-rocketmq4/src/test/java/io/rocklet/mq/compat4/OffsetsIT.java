package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumer offsets over TCP: what an official consumer commits is what the broker's admin
 * reports, and a consumer of the same group started later continues there — nothing lost,
 * nothing consumed twice. A new group on a queue that was never trimmed starts at its first
 * message whatever its {@link ConsumeFromWhere} (RocketMQ's young-queue rule).
 */
class OffsetsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int QUEUES = 4;
    private static EmbeddedBroker broker;
    private OfficialClients clients;

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
        clients = new OfficialClients(broker);
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void restartedConsumerContinuesFromTheCommittedOffsets() throws Exception {
        broker.admin().createTopic("Invoices", QUEUES);
        DefaultMQProducer producer = clients.producer("invoice-producer");
        send(producer, "Invoices", 0, 40);
        Inbox before = new Inbox();
        DefaultMQPushConsumer first = start("invoice-consumers", "Invoices", before, ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        await().atMost(WAIT).until(() -> consumedTotal(first, "Invoices") == 40);
        first.shutdown(); // persists its offsets at the broker

        assertThat(committedTotal("invoice-consumers", "Invoices")).isEqualTo(40);
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            assertThat(broker.admin().committedOffset("invoice-consumers", rockletQueue("Invoices", queueId)))
                    .isEqualTo(broker.admin().maxOffset(rockletQueue("Invoices", queueId)));
        }
        send(producer, "Invoices", 40, 80);
        Inbox after = new Inbox();
        DefaultMQPushConsumer second = start("invoice-consumers", "Invoices", after, ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        await().atMost(WAIT).until(() -> consumedTotal(second, "Invoices") == 80);

        assertThat(before.keys()).isEqualTo(keys(0, 40));
        assertThat(after.keys()).isEqualTo(keys(40, 80));
        assertThat(after.size()).isEqualTo(40);
    }

    @Test
    void newGroupReadsAYoungQueueFromItsStartWhateverConsumeFromWhere() throws Exception {
        broker.admin().createTopic("Young", QUEUES);
        DefaultMQProducer producer = clients.producer("young-producer");
        send(producer, "Young", 0, 12);
        Inbox last = new Inbox();
        Inbox timestamp = new Inbox();
        start("young-from-last", "Young", last, ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        DefaultMQPushConsumer byTime = clients.pushConsumer("young-from-time");
        byTime.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        byTime.setConsumeTimestamp("20991231235959"); // later than every message
        byTime.subscribe("Young", "*");
        byTime.registerMessageListener(timestamp);
        byTime.start();

        await().atMost(WAIT).until(() -> last.keys().size() == 12 && timestamp.keys().size() == 12);
        assertThat(last.keys()).isEqualTo(keys(0, 12));
        assertThat(timestamp.keys()).isEqualTo(keys(0, 12));
    }

    private DefaultMQPushConsumer start(String group, String topic, Inbox inbox, ConsumeFromWhere where) throws Exception {
        DefaultMQPushConsumer consumer = clients.pushConsumer(group);
        consumer.setConsumeFromWhere(where);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(inbox);
        consumer.start();
        return consumer;
    }

    private static void send(DefaultMQProducer producer, String topic, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new Message(topic, "TagA", "m" + i, ("message " + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Set<String> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "m" + i).collect(Collectors.toSet());
    }

    private static long consumedTotal(DefaultMQPushConsumer consumer, String topic) {
        long total = 0;
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            total += Math.max(0, OfficialClients.consumedOffset(consumer, new MessageQueue(topic, broker.name(), queueId)));
        }
        return total;
    }

    private static long committedTotal(String group, String topic) {
        return broker.admin().queues(topic).stream().mapToLong(q -> broker.admin().committedOffset(group, q)).sum();
    }

    private static io.rocklet.mq.api.MessageQueue rockletQueue(String topic, int queueId) {
        return new io.rocklet.mq.api.MessageQueue(topic, broker.name(), queueId);
    }
}
