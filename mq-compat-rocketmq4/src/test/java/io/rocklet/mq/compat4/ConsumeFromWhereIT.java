package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where a new group starts on a queue that has been trimmed (a small store whose oldest
 * messages were released): {@code CONSUME_FROM_FIRST_OFFSET} at the oldest message left,
 * {@code CONSUME_FROM_LAST_OFFSET} after the newest, {@code CONSUME_FROM_TIMESTAMP} at the first
 * message stored at or after the time.
 */
class ConsumeFromWhereIT {
    private static final String TOPIC = "Ring";
    private static final int SEGMENT_BYTES = 64 << 10;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EmbeddedBroker broker;
    private static final io.rocklet.mq.api.MessageQueue QUEUE = new io.rocklet.mq.api.MessageQueue(TOPIC, "ring-broker", 0);

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().name("ring-broker").tcp()
                .segmentBytes(SEGMENT_BYTES).storeBudgetBytes(4L * SEGMENT_BYTES).build().start();
        broker.admin().createTopic(TOPIC, 1);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void newGroupsStartWhereConsumeFromWhereSays() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            DefaultMQProducer producer = clients.producer("ring-producer");
            // Nobody holds the topic, so the store releases its oldest segment to make room: stop
            // right after the first release, when the newest segment is nearly empty.
            int sent = 0;
            while (broker.admin().minOffset(QUEUE) == 0) {
                assertThat(sent).as("the queue is trimmed within a few segments").isLessThan(1_000);
                producer.send(new Message(TOPIC, "TagA", "old-" + sent++, new byte[1_000]));
            }
            long boundary = (System.currentTimeMillis() / 1000 + 1) * 1000; // consumeTimestamp counts seconds
            await().atMost(WAIT).until(() -> System.currentTimeMillis() >= boundary);
            long firstAfterBoundary = broker.admin().maxOffset(QUEUE);
            for (int i = 0; i < 5; i++) {
                producer.send(new Message(TOPIC, "TagA", "new-" + i, new byte[10]));
            }

            Inbox first = new Inbox();
            Inbox last = new Inbox();
            Inbox byTime = new Inbox();
            start(clients, "from-first", ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, null, first);
            DefaultMQPushConsumer fromLast = start(clients, "from-last", ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, null, last);
            start(clients, "from-time", ConsumeFromWhere.CONSUME_FROM_TIMESTAMP,
                    new SimpleDateFormat("yyyyMMddHHmmss").format(new Date(boundary)), byTime);
            // LAST takes the max offset when the queue is assigned: only what comes afterwards.
            await().atMost(WAIT).until(() -> !fromLast.getDefaultMQPushConsumerImpl().getRebalanceImpl()
                    .getProcessQueueTable().isEmpty());
            for (int i = 0; i < 3; i++) {
                producer.send(new Message(TOPIC, "TagA", "late-" + i, new byte[10]));
            }

            long min = broker.admin().minOffset(QUEUE);
            long max = broker.admin().maxOffset(QUEUE);
            await().atMost(WAIT).until(() -> first.size() >= max - min && last.size() >= 3 && byTime.size() >= 8);
            assertThat(offsets(first)).containsExactlyElementsOf(LongStream.range(min, max).boxed().toList());
            assertThat(offsets(last)).containsExactly(max - 3, max - 2, max - 1);
            assertThat(offsets(byTime)).containsExactlyElementsOf(LongStream.range(firstAfterBoundary, max).boxed().toList());
            assertThat(byTime.all()).extracting(MessageExt::getKeys).allMatch(k -> k.startsWith("new-") || k.startsWith("late-"));
        }
    }

    private static DefaultMQPushConsumer start(OfficialClients clients, String group, ConsumeFromWhere where, String timestamp,
                                               Inbox inbox) throws Exception {
        DefaultMQPushConsumer consumer = clients.pushConsumer(group);
        consumer.setConsumeFromWhere(where);
        if (timestamp != null) {
            consumer.setConsumeTimestamp(timestamp);
        }
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener(inbox);
        consumer.start();
        return consumer;
    }

    private static List<Long> offsets(Inbox inbox) {
        return inbox.all().stream().map(MessageExt::getQueueOffset).sorted().toList();
    }
}
