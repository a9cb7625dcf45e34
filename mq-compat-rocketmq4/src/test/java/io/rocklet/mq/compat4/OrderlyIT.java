package io.rocklet.mq.compat4;

import io.rocklet.mq.broker.EmbeddedBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MessageQueueSelector;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orderly consumption by sharding key: the producer picks the queue by key
 * ({@link MessageQueueSelector}), an orderly listener consumes each queue under the broker's
 * queue lock, and every key's messages arrive in send order — also across a second member
 * joining the group and taking half of the queues over.
 *
 * <p>Not ported from the 5.x module: an orderly message that keeps failing and goes to the
 * dead-letter queue. After {@code maxReconsumeTimes} local retries the 4.9.x client sends it back
 * as a plain send (SEND_MESSAGE_V2, code 310) to {@code %RETRY%<group>} with header
 * {@code reconsumeTimes} (j) equal to {@code maxReconsumeTimes} (l), and expects the broker to
 * divert it to {@code %DLQ%<group>} when {@code reconsumeTimes >= maxReconsumeTimes}, as the 4.9.x
 * broker does. The 5.x client sends {@code reconsumeTimes + 1} and Rocklet diverts on
 * {@code reconsumeTimes > maxReconsumeTimes}, so with this client the message is stored in the
 * retry topic under delay level {@code 3 + reconsumeTimes} instead and never reaches the DLQ.
 */
class OrderlyIT {
    private static final String TOPIC = "Orders";
    private static final String GROUP = "order-consumers";
    private static final int KEYS = 8;
    private static final int STEPS = 20;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final MessageQueueSelector BY_KEY = (queues, message, key) ->
            queues.get(Math.floorMod(key.hashCode(), queues.size()));
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().tcp().build().start();
        broker.admin().createTopic(TOPIC, 4);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** What one listener call saw: the member and the message's key and step. */
    private record Consumed(int member, String key, int step) {
    }

    @Test
    void eachKeyIsConsumedInOrderAcrossAMemberJoining() throws Exception {
        try (OfficialClients clients = new OfficialClients(broker)) {
            DefaultMQProducer producer = clients.producer("order-producer");
            List<Consumed> log = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer first = startMember(clients, 1, log);
            send(producer, 0, STEPS / 2);
            await().atMost(WAIT).until(() -> log.size() >= KEYS * STEPS / 2);
            // The first half is consumed: the first member hands queues over without a delayed unlock.
            await().atMost(WAIT).until(() -> consumedTotal(first) == KEYS * STEPS / 2);

            DefaultMQPushConsumer second = startMember(clients, 2, log);
            await().atMost(WAIT).until(() -> assignedQueues(first) == 2 && assignedQueues(second) == 2);
            send(producer, STEPS / 2, STEPS);
            await().atMost(WAIT).until(() -> log.stream().map(c -> c.key() + "/" + c.step()).distinct().count() == KEYS * STEPS);

            Map<String, List<Integer>> stepsByKey = log.stream().collect(Collectors.groupingBy(Consumed::key,
                    Collectors.mapping(Consumed::step, Collectors.toList())));
            List<Integer> inOrder = IntStream.range(0, STEPS).boxed().toList();
            assertThat(stepsByKey).hasSize(KEYS);
            stepsByKey.forEach((key, steps) -> assertThat(steps).as("steps of %s", key).isEqualTo(inOrder));
            assertThat(log.stream().filter(c -> c.member() == 2 && c.step() >= STEPS / 2)).isNotEmpty();
        }
    }

    @Test
    void aMessageThatKeepsFailingGoesToTheDeadLetterQueueAndUnblocksItsQueue() throws Exception {
        broker.admin().createTopic("Steps", 1);
        try (OfficialClients clients = new OfficialClients(broker)) {
            DefaultMQProducer producer = clients.producer("steps-producer");
            SendResult poison = producer.send(new Message("Steps", "TagA", "poison", "bad".getBytes(StandardCharsets.UTF_8)));
            producer.send(new Message("Steps", "TagA", "next", "good".getBytes(StandardCharsets.UTF_8)));
            List<String> deliveries = new CopyOnWriteArrayList<>(); // key/reconsumeTimes: the client reuses its objects
            DefaultMQPushConsumer consumer = clients.pushConsumer("steps-consumers");
            consumer.subscribe("Steps", "*");
            consumer.setMaxReconsumeTimes(2);
            consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
                messages.forEach(m -> deliveries.add(m.getKeys() + "/" + m.getReconsumeTimes()));
                context.setSuspendCurrentQueueTimeMillis(50);
                return messages.get(0).getKeys().equals("poison")
                        ? ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT : ConsumeOrderlyStatus.SUCCESS;
            });
            consumer.start();

            await().atMost(WAIT).until(() -> deliveries.contains("next/0"));
            // The queue is held until the poison message has had its deliveries: first, then 2 more.
            assertThat(deliveries).containsExactly("poison/0", "poison/1", "poison/2", "next/0");
            await().atMost(WAIT).until(() -> !broker.admin().deadLetters("steps-consumers", 10).isEmpty());
            assertThat(broker.admin().deadLetters("steps-consumers", 10)).singleElement()
                    .satisfies(dead -> assertThat(dead.messageId()).isEqualTo(poison.getMsgId()))
                    .satisfies(dead -> assertThat(dead.bodyAsString()).isEqualTo("bad"));
        }
    }

    private DefaultMQPushConsumer startMember(OfficialClients clients, int member, List<Consumed> log) throws Exception {
        DefaultMQPushConsumer consumer = clients.pushConsumer(GROUP);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerOrderly) (messages, context) -> {
            for (MessageExt m : messages) {
                log.add(new Consumed(member, m.getKeys(), Integer.parseInt(new String(m.getBody(), StandardCharsets.UTF_8))));
            }
            return ConsumeOrderlyStatus.SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    private static void send(DefaultMQProducer producer, int fromStep, int toStep) throws Exception {
        for (int step = fromStep; step < toStep; step++) {
            for (int k = 0; k < KEYS; k++) {
                String key = "order-" + k;
                producer.send(new Message(TOPIC, "TagA", key, Integer.toString(step).getBytes(StandardCharsets.UTF_8)), BY_KEY, key);
            }
        }
    }

    private static long assignedQueues(DefaultMQPushConsumer consumer) {
        return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable().keySet().stream()
                .filter(q -> q.getTopic().equals(TOPIC)).count();
    }

    private static long consumedTotal(DefaultMQPushConsumer consumer) {
        List<Long> offsets = new ArrayList<>();
        for (int queueId = 0; queueId < 4; queueId++) {
            offsets.add(Math.max(0, OfficialClients.consumedOffset(consumer, new MessageQueue(TOPIC, broker.name(), queueId))));
        }
        return offsets.stream().mapToLong(Long::longValue).sum();
    }
}
