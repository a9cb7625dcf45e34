package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DefaultLitePullConsumer} in both modes: assign a queue, seek, poll and commit (the
 * committed offset is the one the broker's admin reports), search by time; and subscribe, where
 * the group's rebalance assigns the queues. The 4.9.x lite pull consumer pulls with PULL_MESSAGE
 * (code 11), where the 5.x one uses LITE_PULL_MESSAGE (code 361).
 */
class LitePullIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
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
    void assignSeekPollAndCommit() throws Exception {
        broker.admin().createTopic("Ledger", 2);
        MessageQueue queue = new MessageQueue("Ledger", broker.name(), 1);
        DefaultMQProducer producer = clients.producer("ledger-producer");
        for (int i = 0; i < 10; i++) {
            producer.send(new Message("Ledger", "TagA", "e" + i, ("entry " + i).getBytes(StandardCharsets.UTF_8)), queue);
        }
        DefaultLitePullConsumer consumer = clients.litePullConsumer("ledger-readers");
        consumer.setAutoCommit(false);
        consumer.start();
        assertThat(consumer.fetchMessageQueues("Ledger")).hasSize(2).contains(queue);
        consumer.assign(List.of(queue));
        // A new group on a young queue starts at its first message.
        List<MessageExt> all = pollUntil(consumer, 10);
        assertThat(all).extracting(MessageExt::getKeys)
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "e" + i).toList());

        // Seek while the pull task waits at the queue's end: the client may let through the
        // messages of a pull that was already in flight when it seeked.
        consumer.seek(queue, 4);
        List<MessageExt> polled = pollUntil(consumer, 6);
        assertThat(polled).extracting(MessageExt::getQueueOffset).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(polled).extracting(MessageExt::getKeys).containsExactly("e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(polled.get(0).getBody()).asString(StandardCharsets.UTF_8).isEqualTo("entry 4");

        consumer.commitSync(Map.of(queue, 7L), true);
        await().atMost(WAIT).until(() -> broker.admin().committedOffset("ledger-readers", rockletQueue(queue)) == 7);
        assertThat(consumer.committed(queue)).isEqualTo(7);

        // A search by store time finds the first message stored at or after it.
        long storedAt = all.get(5).getStoreTimestamp();
        long firstStoredThen = all.stream().filter(m -> m.getStoreTimestamp() == storedAt)
                .mapToLong(MessageExt::getQueueOffset).min().orElseThrow();
        assertThat(consumer.offsetForTimestamp(queue, storedAt)).isEqualTo(firstStoredThen);
        consumer.seekToBegin(queue);
        assertThat(pollUntil(consumer, 10)).extracting(MessageExt::getQueueOffset)
                .containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
    }

    @Test
    void subscribeReceivesEveryQueue() throws Exception {
        DefaultMQProducer producer = clients.producer("journal-producer");
        send(producer, 0, 10);
        DefaultLitePullConsumer consumer = clients.litePullConsumer("journal-readers");
        consumer.subscribe("Journal", "*");
        consumer.start();
        send(producer, 10, 20);

        List<MessageExt> polled = pollUntil(consumer, 20);
        assertThat(polled.stream().map(MessageExt::getKeys).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, 20).mapToObj(i -> "j" + i).collect(Collectors.toSet()));
        assertThat(consumer.assignment()).extracting(MessageQueue::getTopic).containsOnly("Journal");
        assertThat(consumer.assignment()).hasSize(4);
    }

    private static void send(DefaultMQProducer producer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            producer.send(new Message("Journal", "TagA", "j" + i, ("line " + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Polls until {@code count} messages came; fails after the wait. */
    private static List<MessageExt> pollUntil(DefaultLitePullConsumer consumer, int count) {
        List<MessageExt> polled = new CopyOnWriteArrayList<>();
        await().atMost(WAIT).until(() -> {
            polled.addAll(consumer.poll(100));
            return polled.size() >= count;
        });
        assertThat(polled).as("offsets %s", polled.stream().map(MessageExt::getQueueOffset).toList()).hasSize(count);
        return polled;
    }

    private static io.rocklet.mq.api.MessageQueue rockletQueue(MessageQueue queue) {
        return new io.rocklet.mq.api.MessageQueue(queue.getTopic(), queue.getBrokerName(), queue.getQueueId());
    }
}
